package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables kwbase's node commands print, built from the cluster's state: {@code node status}
 * (with the column groups of reference §2.2 and kwbase's alignment strings), {@code node ls}, and
 * the 5-column status table of {@code node decommission} and {@code recommission}.
 */
final class NodeTables {
  static final String BUILD = "3.1.0";
  static final List<String> BASE = List.of("id", "address", "sql_address", "build", "started_at", "updated_at",
      "locality", "start_mode", "is_available", "is_live");
  static final List<String> RANGES = List.of("replicas_leaders", "replicas_leaseholders", "ranges",
      "ranges_unavailable", "ranges_underreplicated");
  static final List<String> STATS = List.of("live_bytes", "key_bytes", "value_bytes", "intent_bytes", "system_bytes");
  static final List<String> DECOMMISSION = List.of("gossiped_replicas", "is_decommissioning", "is_draining");
  static final List<String> DECOMMISSION_STATUS = List.of("id", "is_live", "replicas", "is_decommissioning", "is_draining");
  /** kwbase's alignment for the decommission status table, also appended for the --decommission columns. */
  static final String DECOMMISSION_ALIGN = "rcrcc";

  /** Which column groups {@code node status} adds (--all turns on all three). */
  record Groups(boolean ranges, boolean stats, boolean decommission) {}

  private NodeTables() {}

  /** {@code node status [id]}; throws IllegalArgumentException("node N doesn't exist") for an unknown id. */
  static ResultTable status(Cluster cluster, Groups groups, Integer only) {
    List<String> columns = new ArrayList<>(BASE);
    // kwbase appends six alignment letters for five ranges or stats columns; the string only
    // matches the columns when all groups are on (see AsciiTable for what happens otherwise).
    StringBuilder align = new StringBuilder("rlllll");
    if (groups.ranges()) {
      columns.addAll(RANGES);
      align.append("rrrrrr");
    }
    if (groups.stats()) {
      columns.addAll(STATS);
      align.append("rrrrrr");
    }
    if (groups.decommission()) {
      columns.addAll(DECOMMISSION);
      align.append(DECOMMISSION_ALIGN);
    }
    List<List<String>> rows = new ArrayList<>();
    for (Node node : cluster.nodes.values()) {
      if ((groups.decommission() || node.listed(cluster.now())) && (only == null || only == node.id)) {
        rows.add(row(cluster, node, groups));
      }
    }
    if (only != null && rows.isEmpty()) {
      throw new IllegalArgumentException("node " + only + " doesn't exist");
    }
    return new ResultTable(columns, align.toString(), rows);
  }

  private static List<String> row(Cluster cluster, Node node, Groups groups) {
    var now = cluster.now();
    boolean gone = node.descriptorGone(now);
    List<String> row = new ArrayList<>(List.of(String.valueOf(node.id), gone ? "NULL" : node.address,
        gone ? "NULL" : node.address, gone ? "NULL" : BUILD, gone ? "NULL" : Timestamps.kwbase(node.startedAt()),
        Timestamps.kwbase(node.livenessUpdatedAt(now)), gone ? "NULL" : node.locality, gone ? "NULL" : node.startMode,
        String.valueOf(node.available(now)), String.valueOf(live(cluster, node))));
    StoreStatus store = node.running() ? StoreStatus.of(cluster, node.id) : null;
    if (groups.ranges()) {
      row.addAll(store == null ? nulls(5) : List.of(String.valueOf(store.leaders()), String.valueOf(store.leaseholders()),
          String.valueOf(store.replicas()), String.valueOf(store.unavailable()), String.valueOf(store.underReplicated())));
    }
    if (groups.stats()) {
      row.addAll(store == null ? nulls(5) : List.of(String.valueOf(store.liveBytes()), String.valueOf(store.keyBytes()),
          String.valueOf(store.valueBytes()), "0", String.valueOf(store.systemBytes())));
    }
    if (groups.decommission()) {
      Integer gossiped = node.gossipedReplicas(now, cluster.replicas(node.id));
      row.addAll(List.of(gossiped == null ? "NULL" : String.valueOf(gossiped), String.valueOf(node.decommissioning),
          String.valueOf(node.draining)));
    }
    return row;
  }

  /** is_live: whether the node is connected to gossip, which ends as soon as its process does. */
  static boolean live(Cluster cluster, Node node) {
    return node.running() && !cluster.hosts.get(node.host).down;
  }

  private static List<String> nulls(int n) {
    return java.util.Collections.nCopies(n, "NULL");
  }

  /** {@code node ls}: the ids {@code node status} would list. */
  static ResultTable ls(Cluster cluster) {
    List<List<String>> rows = cluster.nodes.values().stream().filter(n -> n.listed(cluster.now()))
        .map(n -> List.of(String.valueOf(n.id))).toList();
    return new ResultTable(List.of("id"), "r", rows);
  }

  /** What a Decommission request answers for each node: is_live here is liveness, not gossip. */
  static ResultTable decommissionStatus(Cluster cluster, List<Integer> ids) {
    List<List<String>> rows = new ArrayList<>();
    for (int id : ids) {
      Node n = cluster.nodes.get(id);
      rows.add(List.of(String.valueOf(id), String.valueOf(n.available(cluster.now())),
          String.valueOf(cluster.replicas(id)), String.valueOf(n.decommissioning), String.valueOf(n.draining)));
    }
    return new ResultTable(DECOMMISSION_STATUS, DECOMMISSION_ALIGN, rows);
  }
}
