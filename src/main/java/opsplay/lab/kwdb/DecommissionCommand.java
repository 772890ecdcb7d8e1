package opsplay.lab.kwdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import opsplay.lab.Output;

/**
 * {@code kwbase node decommission <id>… [--wait=all|none]} (reference §3.1). It marks the nodes,
 * then polls: a table on stdout (and a blank line on stderr) whenever the answer changed, a dot on
 * stderr when it did not, until the nodes hold no replicas.
 *
 * <p>The lab runs a program in an instant, so a {@code --wait=all} that will finish moves the
 * cluster's clock on itself, one poll per simulated second, and prints every table the real
 * command would have printed on the way. One that can never finish (too few nodes left, or a
 * zone constraint pinning replicas to the node) returns {@link Output#forever()} with the first
 * table: the real command never returns either, and the caller's timeout ends it.
 */
final class DecommissionCommand {
  static final String DONE = "\nNo more data reported on target nodes. Please verify cluster health before removing the nodes.\n";
  private static final Duration POLL = Duration.ofSeconds(1);
  /** A drain expected to finish that makes no progress for this long is treated as hanging after all. */
  private static final Duration STALLED = Duration.ofMinutes(10);
  private static final String CMD = "node decommission";

  private final KwbaseCall call;

  DecommissionCommand(KwbaseCall call) {
    this.call = call;
  }

  Output run(List<String> args) {
    KwbaseCall.Client c = call.client(args, Set.of(), Set.of("wait"));
    String wait = c.flags().get("wait", "all");
    if (!List.of("all", "live", "none").contains(wait)) {
      return KwbaseCall.failed(CMD, "invalid argument \"" + wait + "\" for \"--wait\" flag: invalid node decommission parameter: "
          + wait + " (possible values: all, live, none)");
    }
    List<Integer> ids = ids(c.positionals());
    Connection.Reached r = call.connect(c, Connection.Channel.RPC, "Failed to connect to the node: ");
    if (r.error() != null) {
      return KwbaseCall.failed(CMD, r.error());
    }
    Cluster cluster = call.cluster();
    StringBuilder err = new StringBuilder(warnings(cluster, ids));
    if (wait.equals("live")) {
      err.append("\n--wait=live is deprecated and is treated as --wait=all\n");
    }
    String refusal = cluster.singleReplica ? "node cannot be decommissioned in mpp mode"
        : ids.stream().anyMatch(id -> !cluster.nodes.containsKey(id)) ? "node not in the liveness table" : null;
    if (refusal != null) {
      return new Output(1, "", err + "\nERROR: while trying to mark as decommissioning: rpc error: code = Unknown desc = "
          + refusal + "\nFailed running \"" + CMD + "\"\n");
    }
    cluster.decommission(ids, true);
    return poll(c.format(), ids, wait.equals("none"), err);
  }

  private Output poll(TableFormat format, List<Integer> ids, boolean once, StringBuilder err) {
    Cluster cluster = call.cluster();
    boolean finishes = cluster.allocator.drainable(new HashSet<>(ids));
    StringBuilder out = new StringBuilder();
    ResultTable previous = null;
    int fewest = Integer.MAX_VALUE;
    var progressAt = cluster.now();
    while (true) {
      ResultTable status = NodeTables.decommissionStatus(cluster, ids);
      if (status.equals(previous)) {
        err.append('.');
      } else {
        err.append('\n');
        out.append(format.render(status));
        previous = status;
      }
      int left = ids.stream().mapToInt(cluster::replicas).sum();
      if (left == 0) {
        return new Output(0, out.append(DONE).toString(), err.toString());
      }
      if (once) {
        return new Output(0, out.toString(), err.toString());
      }
      if (left < fewest) {
        fewest = left;
        progressAt = cluster.now();
      }
      if (!finishes || Duration.between(progressAt, cluster.now()).compareTo(STALLED) > 0) {
        return Output.hangs(out.toString(), err.toString());
      }
      cluster.advance(POLL);
    }
  }

  private static String warnings(Cluster cluster, List<Integer> ids) {
    StringBuilder err = new StringBuilder();
    for (int id : ids) {
      Node n = cluster.nodes.get(id);
      if (n == null) {
        err.append("warning: cannot find status of node ").append(id).append('\n');
      } else if (n.decommissioning) {
        err.append("warning: node ").append(id).append(" is already decommissioning or decommissioned\n");
      }
    }
    return err.toString();
  }

  /** Node ids as kwbase parses them; throws IllegalArgumentException with its message. */
  static List<Integer> ids(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("requires at least 1 arg(s), only received 0");
    }
    List<Integer> ids = new ArrayList<>();
    for (String a : args) {
      try {
        ids.add(Integer.parseInt(a));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unable to parse " + a + ": strconv.ParseInt: parsing \"" + a + "\": invalid syntax");
      }
    }
    return ids;
  }

  /** A node's liveness status as kwbase names it (LIVE, DEAD, UNAVAILABLE, DECOMMISSIONING, DECOMMISSIONED). */
  static String livenessStatus(Cluster cluster, Node n) {
    boolean available = n.available(cluster.now());
    if (n.decommissioning) {
      return available ? "DECOMMISSIONING" : "DECOMMISSIONED";
    }
    if (available) {
      return "LIVE";
    }
    return n.dead(cluster.now(), cluster.settings.timeUntilStoreDead()) ? "DEAD" : "UNAVAILABLE";
  }
}
