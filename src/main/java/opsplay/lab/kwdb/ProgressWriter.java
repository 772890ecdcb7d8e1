package opsplay.lab.kwdb;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The background loop {@code deploy.sh decommission} leaves behind (reference §1.9): every 2 s it
 * asks the leaving node for {@code node status <id> --decommission} and writes the
 * gossiped_replicas column into {@code decommission_progress}; it writes 0 and ends once that
 * reads 0, or as soon as the query fails (the shell's test of an empty value falls through to the
 * same branch), and never times out.
 */
final class ProgressWriter {
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private final Cluster cluster;
  private final Host host;
  private final int node;
  private final Path file;
  private Instant next;
  private boolean finished;

  ProgressWriter(Cluster cluster, Host host, int node, Path file, Instant start) {
    this.cluster = cluster;
    this.host = host;
    this.node = node;
    this.file = file;
    this.next = start;
  }

  void tick(Instant now) {
    while (!finished && !next.isAfter(now)) {
      Node n = cluster.nodeOf(host);
      Integer gossiped = n == null || n.id != node ? null : n.gossipedReplicas(now, cluster.replicas(node));
      int value = gossiped == null ? 0 : gossiped;
      Sandbox.write(file, value + "\n");
      finished = value == 0;
      next = next.plus(INTERVAL);
    }
  }

  boolean finished() {
    return finished;
  }
}
