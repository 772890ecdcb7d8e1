package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code kwdb_internal} tables a scaling procedure reads (reference §5.2), as rows built from
 * the cluster's state: values in their PostgreSQL text form ({@code t}/{@code f} for booleans,
 * {@code {1,2,3}} for arrays), null for SQL NULL. Only the columns the reference lists exist.
 */
final class InternalTables {
  /** A table: column names, their PostgreSQL type names, and rows keyed by column. */
  record Table(List<String> columns, List<String> types, List<Map<String, String>> rows) {
    String type(String column) {
      int i = columns.indexOf(column);
      return i < 0 ? null : types.get(i);
    }
  }

  private InternalTables() {}

  /** The named table ({@code kv_store_status}, {@code gossip_liveness}, …), or null when the lab has no such table. */
  static Table of(Cluster cluster, String name) {
    return switch (name) {
      case "kv_store_status" -> storeStatus(cluster);
      case "gossip_liveness" -> liveness(cluster);
      case "gossip_nodes" -> gossipNodes(cluster);
      case "ranges", "ranges_no_leases" -> ranges(cluster, name.equals("ranges"));
      default -> null;
    };
  }

  static String bool(boolean b) {
    return b ? "t" : "f";
  }

  /** One row per running node's store; a stopped node's last report is left out. */
  private static Table storeStatus(Cluster cluster) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Node n : cluster.nodes.values()) {
      if (!n.running()) {
        continue;
      }
      StoreStatus s = StoreStatus.of(cluster, n.id);
      rows.add(row("node_id", n.id, "store_id", n.id, "attrs", "[]", "capacity", StoreStatus.CAPACITY,
          "available", StoreStatus.CAPACITY - s.used() - 21_474_836_480L, "used", s.used(), "logical_bytes", s.liveBytes(),
          "range_count", s.replicas(), "lease_count", s.leaseholders(), "writes_per_second", "0", "bytes_per_replica", "{}",
          "writes_per_replica", "{}", "metrics", s.metricsJson()));
    }
    return new Table(List.of("node_id", "store_id", "attrs", "capacity", "available", "used", "logical_bytes", "range_count",
        "lease_count", "writes_per_second", "bytes_per_replica", "writes_per_replica", "metrics"),
        List.of("int8", "int8", "jsonb", "int8", "int8", "int8", "int8", "int8", "int8", "float8", "jsonb", "jsonb", "jsonb"), rows);
  }

  private static Table liveness(Cluster cluster) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Node n : cluster.nodes.values()) {
      rows.add(row("node_id", n.id, "epoch", n.epoch(), "expiration", Timestamps.hlc(n.expiration(cluster.now())),
          "draining", bool(n.draining), "decommissioning", bool(n.decommissioning), "upgrading", "f",
          "updated_at", Timestamps.plain(n.livenessUpdatedAt(cluster.now()))));
    }
    return new Table(List.of("node_id", "epoch", "expiration", "draining", "decommissioning", "upgrading", "updated_at"),
        List.of("int8", "int8", "text", "bool", "bool", "bool", "timestamp"), rows);
  }

  /** Nodes whose descriptor is still gossiped (it expires two hours after the node stopped). */
  private static Table gossipNodes(Cluster cluster) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Node n : cluster.nodes.values()) {
      if (n.descriptorGone(cluster.now())) {
        continue;
      }
      Integer gossiped = n.gossipedReplicas(cluster.now(), cluster.replicas(n.id));
      rows.add(row("node_id", n.id, "network", "tcp", "address", n.address, "advertise_address", n.address,
          "sql_network", "tcp", "sql_address", n.address, "advertise_sql_address", n.address, "attrs", "[]",
          "locality", n.locality, "start_mode", n.startMode, "cluster_name", "", "server_version", "20.1",
          "build_tag", NodeTables.BUILD, "started_at", Timestamps.plain(n.startedAt()),
          "is_live", bool(NodeTables.live(cluster, n)), "ranges", gossiped, "leases", n.running() ? cluster.leases(n.id) : 0));
    }
    return new Table(List.of("node_id", "network", "address", "advertise_address", "sql_network", "sql_address",
        "advertise_sql_address", "attrs", "locality", "start_mode", "cluster_name", "server_version", "build_tag",
        "started_at", "is_live", "ranges", "leases"),
        List.of("int8", "text", "text", "text", "text", "text", "text", "jsonb", "text", "text", "text", "text", "text",
            "timestamp", "bool", "int8", "int8"), rows);
  }

  private static Table ranges(Cluster cluster, boolean withLease) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Range r : cluster.ranges) {
      Map<String, String> row = row("range_id", r.id, "database_name", r.database, "table_name", r.table,
          "replicas", array(r.replicas.stream().map(String::valueOf).toList()),
          "replica_localities", array(r.replicas.stream().map(id -> "\"" + cluster.nodes.get(id).locality + "\"").toList()),
          "learner_replicas", "{}");
      if (withLease) {
        row.put("lease_holder", r.leaseholder == 0 ? null : String.valueOf(r.leaseholder));
      }
      rows.add(row);
    }
    List<String> columns = new ArrayList<>(List.of("range_id", "database_name", "table_name", "replicas",
        "replica_localities", "learner_replicas"));
    List<String> types = new ArrayList<>(List.of("int8", "text", "text", "_int8", "_text", "_int8"));
    if (withLease) {
      columns.add("lease_holder");
      types.add("int8");
    }
    return new Table(columns, types, rows);
  }

  private static String array(List<String> items) {
    return items.stream().collect(Collectors.joining(",", "{", "}"));
  }

  private static Map<String, String> row(Object... pairs) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1] == null ? null : String.valueOf(pairs[i + 1]));
    }
    return row;
  }
}
