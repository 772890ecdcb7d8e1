package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opsplay.lab.Output;

/**
 * kwbase's {@code node status}, {@code node ls}, {@code node recommission}, {@code node drain},
 * {@code quit} and {@code init}: their arguments, the connection, and the output of reference §2
 * and §3 ({@code node decommission} has its own class, {@link DecommissionCommand}).
 */
final class NodeCommands {
  private final KwbaseCall call;

  NodeCommands(KwbaseCall call) {
    this.call = call;
  }

  Output status(List<String> args) {
    String cmd = "node status";
    KwbaseCall.Client c = call.client(args, Set.of("ranges", "stats", "decommission", "all"), Set.of());
    if (c.positionals().size() > 1) {
      return KwbaseCall.failed(cmd, "expected no arguments or a single node ID");
    }
    Integer only = null;
    if (c.positionals().size() == 1) {
      try {
        only = Integer.valueOf(c.positionals().get(0));
      } catch (NumberFormatException e) {
        return KwbaseCall.failed(cmd, "could not parse node_id " + c.positionals().get(0));
      }
    }
    Output refused = reach(c, cmd);
    if (refused != null) {
      return refused;
    }
    boolean all = c.flags().on("all");
    var groups = new NodeTables.Groups(all || c.flags().on("ranges"), all || c.flags().on("stats"),
        all || c.flags().on("decommission"));
    return Output.ok(c.format().render(NodeTables.status(call.cluster(), groups, only)));
  }

  Output ls(List<String> args) {
    KwbaseCall.Client c = call.client(args, Set.of(), Set.of());
    if (!c.positionals().isEmpty()) {
      return KwbaseCall.failed("node ls", "unknown command \"" + c.positionals().get(0) + "\" for \"kwbase node ls\"");
    }
    Output refused = reach(c, "node ls");
    return refused != null ? refused : Output.ok(c.format().render(NodeTables.ls(call.cluster())));
  }

  /** Connects over SQL; null when the command may go on, else what it prints instead. */
  private Output reach(KwbaseCall.Client c, String cmd) {
    Connection.Reached r = call.connect(c, Connection.Channel.SQL, "");
    if (r.error() != null) {
      return KwbaseCall.failed(cmd, r.error());
    }
    return call.cluster().nodeOf(r.host()) == null ? KwbaseCall.hangs() : null;
  }

  Output recommission(List<String> args) {
    String cmd = "node recommission";
    KwbaseCall.Client c = call.client(args, Set.of(), Set.of());
    List<Integer> ids;
    try {
      ids = DecommissionCommand.ids(c.positionals());
    } catch (IllegalArgumentException e) {
      return KwbaseCall.failed(cmd, e.getMessage());
    }
    Connection.Reached r = call.connect(c, Connection.Channel.RPC, "Failed to connect to the node: ");
    if (r.error() != null) {
      return KwbaseCall.failed(cmd, r.error());
    }
    Cluster cluster = call.cluster();
    StringBuilder err = new StringBuilder();
    for (int id : ids) {
      Node n = cluster.nodes.get(id);
      String state = n == null ? null : DecommissionCommand.livenessStatus(cluster, n);
      if (n == null) {
        err.append("warning: cannot find status of node ").append(id).append('\n');
      } else if (state.equals("LIVE")) {
        err.append("warning: node ").append(id).append(" is not decommissioned\n");
      } else if (!state.startsWith("DECOMMISSION")) {
        err.append("warning: node ").append(id).append(" is in unexpected state ").append(state).append('\n');
      }
    }
    if (ids.stream().anyMatch(id -> !cluster.nodes.containsKey(id))) {
      return new Output(1, "", err + "ERROR: rpc error: code = Unknown desc = node not in the liveness table\nFailed running \"" + cmd + "\"\n");
    }
    cluster.decommission(ids, false);
    return new Output(0, c.format().render(NodeTables.decommissionStatus(cluster, ids)), err.toString());
  }

  Output drain(List<String> args) {
    KwbaseCall.Client c = call.client(args, Set.of(), Set.of("drain-wait"));
    Node node = rpcTarget(c);
    if (node == null) {
      return failure(c, "node drain");
    }
    String progress = drainProgress(node);
    node.draining = true;
    call.cluster().placeLeases();
    return new Output(0, "ok\n", progress);
  }

  Output quit(List<String> args) {
    KwbaseCall.Client c = call.client(args, Set.of(), Set.of("drain-wait"));
    Node node = rpcTarget(c);
    if (node == null) {
      return failure(c, "quit");
    }
    String progress = drainProgress(node);
    call.cluster().stop(call.cluster().hosts.get(node.host), true);
    return new Output(0, "ok\n", progress);
  }

  Output init(List<String> args) {
    KwbaseCall.Client c = call.client(args, Set.of(), Set.of());
    Connection.Reached r = call.connect(c, Connection.Channel.RPC, "");
    if (r.error() != null) {
      return KwbaseCall.failed("init", r.error());
    }
    if (call.cluster().nodeOf(r.host()) != null) {
      return new Output(1, "", "ERROR: rpc error: code = Unknown desc = cluster has already been initialized\n"
          + "HINT: Please ensure all your start commands are using --join.\nFailed running \"init\"\n");
    }
    // A node that waits to join could bootstrap a second cluster here; the lab simulates one cluster only.
    return KwbaseCall.failed("init", "the lab simulates a single cluster: start this node with --join <a member> instead");
  }

  /** The node an RPC command acts on, or null when the connection failed or the node has not joined. */
  private Node rpcTarget(KwbaseCall.Client c) {
    Connection.Reached r = call.connect(c, Connection.Channel.RPC, "");
    return r.error() == null ? call.cluster().nodeOf(r.host()) : null;
  }

  private Output failure(KwbaseCall.Client c, String cmd) {
    Connection.Reached r = call.connect(c, Connection.Channel.RPC, "");
    if (r.error() != null) {
      return KwbaseCall.failed(cmd, r.error());
    }
    return new Output(1, "", "ERROR: node cannot be shut down before it has been initialized\n"
        + "HINT: You can still stop the process using a service manager or a signal.\nFailed running \"" + cmd + "\"\n");
  }

  /** What draining prints on stderr: the leases still to move, then 0 (complete). */
  private String drainProgress(Node node) {
    int leases = call.cluster().leases(node.id);
    List<String> lines = new ArrayList<>();
    if (leases > 0) {
      lines.add("node is draining... remaining: " + leases + "\n");
    }
    lines.add("node is draining... remaining: 0 (complete)\n");
    return String.join("", lines);
  }
}
