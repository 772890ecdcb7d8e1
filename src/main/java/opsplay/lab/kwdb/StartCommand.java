package opsplay.lab.kwdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import opsplay.lab.Output;

/**
 * {@code kwbase start}, {@code start-single-replica} and {@code start-single-node} (reference §4),
 * and the same start as the kaiwudb unit performs it for systemctl. With {@code --background} the
 * command returns once the server listens, printing only its stderr notices; in the foreground
 * the server never returns and prints its start-up banner once it has joined.
 */
final class StartCommand {
  private final Cluster cluster;
  private final Host host;

  StartCommand(Cluster cluster, Host host) {
    this.cluster = cluster;
    this.host = host;
  }

  /** kwbase's own command line: {@code mode} is the subcommand, {@code args} the flags after it. */
  Output run(String mode, List<String> args, Sandbox sandbox, String home) {
    StartSpec spec;
    try {
      spec = StartSpec.parse(mode, args, sandbox, home);
    } catch (IllegalArgumentException e) {
      return KwbaseCall.failed(mode, e.getMessage());
    }
    if (mode.equals("start-single-node")) {
      return KwbaseCall.failed(mode, "the lab simulates a multi-node cluster: use start or start-single-replica with --join");
    }
    String problem = problem(spec);
    if (problem != null) {
      return KwbaseCall.failed(mode, problem);
    }
    Cluster.Started started = cluster.start(host, spec, false);
    String notices = notices(spec, started);
    if (spec.background()) {
      return new Output(0, "", notices);
    }
    String banner = started == Cluster.Started.WAITING ? "" : banner(spec, started);
    return Output.hangs(banner, notices);
  }

  /** Why the server would not start at all (certificates, a port in use), or null. */
  String problem(StartSpec spec) {
    if (host.running()) {
      return "failed to start server: listen tcp " + spec.listen() + ": bind: address already in use\n"
          + "HINT: consider changing the port via --listen-addr / --http-addr / --brpc-addr";
    }
    if (spec.insecure()) {
      return null;
    }
    String missing = missingCertificate(spec.certsDir());
    return missing == null ? null : "failed to start server: problem using security settings: " + missing;
  }

  private static String missingCertificate(Path dir) {
    if (!Connection.anyCertificate(dir)) {
      return "no certificates found; does certs dir exist?";
    }
    if (!Files.isRegularFile(dir.resolve("ca.crt"))) {
      return "problem with CA certificate: not found";
    }
    return Files.isRegularFile(dir.resolve("node.crt")) && Files.isRegularFile(dir.resolve("node.key"))
        ? null : "problem with node certificate: not found";
  }

  /** What kwbase shouts on stderr at start: the insecure-mode warning, and the wait for a cluster. */
  static String notices(StartSpec spec, Cluster.Started started) {
    StringBuilder err = new StringBuilder();
    if (spec.insecure()) {
      String host = spec.listen().substring(0, spec.listen().lastIndexOf(':'));
      String where = host.isEmpty() || host.equals("0.0.0.0") ? "<all your IP addresses>" : host;
      err.append(shout("WARNING", "RUNNING IN INSECURE MODE!\n\n- Your cluster is open for any client that can access "
          + where + ".\n- Any user, even root, can log in without providing a password.\n"
          + "- Any user, connecting as root, can read or write any data in your cluster.\n"
          + "- There is no network encryption nor authentication, and thus no confidentiality.\n\n"
          + "Check out how to secure your cluster on KWDB website"));
    }
    if (started == Cluster.Started.WAITING) {
      err.append(shout("INFO", "initial startup completed.\nNode will now attempt to join a running cluster, "
          + "or wait for `kwbase init`.\nClient connections will be accepted after this completes successfully.\n"
          + "Check the log file(s) for progress. "));
    }
    return err.toString();
  }

  private static String shout(String severity, String message) {
    return "*\n* " + severity + ": " + message.replace("\n", "\n* ") + "\n*\n";
  }

  /** The foreground start-up block (reference §4; values other than the node's own are illustrative). */
  private String banner(StartSpec spec, Cluster.Started started) {
    Node node = cluster.nodeOf(host);
    String sql = node.address;
    String status = started == Cluster.Started.RESTARTED ? "restarted pre-existing node"
        : "initialized new node, joined pre-existing cluster";
    String store = spec.storeText();
    String security = spec.insecure() ? "--insecure" : "--certs-dir=" + spec.certsDir();
    return "KWDB node starting at " + Timestamps.plain(cluster.now()) + " +0000 UTC (took 2.3s)\n"
        + field("build:", " " + NodeTables.BUILD + " @ 2025/09/30 10:00:00 (go1.16.15)")
        + field("sql:", "postgresql://root@" + sql + (spec.insecure() ? "?sslmode=disable" : "?sslcert=...&sslmode=verify-full"))
        + field("RPC client flags:", "./kwbase <client cmd> --host=" + sql + " " + security)
        + field("logs:", store + "/logs") + field("temp dir:", store + "/kwbase-temp491823307")
        + field("external I/O path:", store + "/extern") + field("store[0]:", "path=" + store)
        + field("storage engine:", "rocksdb") + field("ts storage engine:", "kwtsdb") + field("status:", status)
        + field("clusterID:", Cluster.CLUSTER_ID) + field("nodeID:", String.valueOf(node.id));
  }

  private static String field(String name, String value) {
    return String.format("%-21s%s", name, value) + "\n";
  }
}
