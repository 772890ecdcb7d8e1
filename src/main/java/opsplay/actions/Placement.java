package opsplay.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a cluster's data replicas are, as a {@link ClusterDriver} read it: its nodes (OpenMLDB's
 * tablets) with their state, the databases read, every replica in them, and the operations that were
 * still queued or running. Plain data, so that the move planner is a pure function of it.
 */
public record Placement(List<Node> nodes, List<String> databases, List<Replica> replicas, List<Operation> unfinished) {
  public Placement {
    nodes = List.copyOf(nodes);
    databases = List.copyOf(databases);
    replicas = List.copyOf(replicas);
    unfinished = List.copyOf(unfinished);
  }

  /** A node that can hold replicas; {@code state} is the cluster's word for it (kHealthy, kOffline). */
  public record Node(String endpoint, String state, boolean healthy) {}

  /**
   * One replica of one partition. {@code leader} is the role the cluster records, which a
   * replica keeps after it lost the lead (OpenMLDB's changeleader leaves the old leader
   * {@code leader} but not alive).
   */
  public record Replica(String database, String table, int partition, String endpoint, boolean leader, boolean alive) {
    /** The partition this replica belongs to. */
    public Partition where() {
      return new Partition(database, table, partition);
    }
  }

  /** A partition of a table in a database. */
  public record Partition(String database, String table, int partition) {
    @Override
    public String toString() {
      return database + "." + table + " " + partition;
    }
  }

  /** An operation the cluster has not finished: its id, type, partition, status and current task. */
  public record Operation(String database, long id, String type, String table, int partition, String status, String task) {
    @Override
    public String toString() {
      return "op " + id + " " + type + " " + table + " " + partition + " (" + status + (task.isEmpty() ? "" : ", " + task) + ")";
    }
  }

  /** The node at {@code endpoint}, or null when the cluster does not list it. */
  public Node node(String endpoint) {
    return nodes.stream().filter(n -> n.endpoint().equals(endpoint)).findFirst().orElse(null);
  }

  /** Replicas per node endpoint (every listed node, with 0 for an empty one, then unlisted ones that hold replicas). */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n.endpoint(), 0));
    replicas.forEach(r -> out.merge(r.endpoint(), 1, Integer::sum));
    return out;
  }

  /** Node states by endpoint, for what the task registers. */
  public Map<String, Object> states() {
    Map<String, Object> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n.endpoint(), n.state()));
    return out;
  }
}
