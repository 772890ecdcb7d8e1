package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables a fresh lab cluster starts with. System tables as a 0.9 cluster creates them (one
 * partition, {@code system_table_replica_num}=2 from the release template), then database
 * {@code demo_db} with three tables of several partitions and 3 replicas. Placement follows the
 * name server's {@code SetPartitionInfo} without its shuffle, so it is the same every run.
 */
final class SampleData {
  static final String DATABASE = "demo_db";

  private record Spec(String db, String name, int partitions, int replicas, long[] records) {}

  private SampleData() {}

  static Catalog catalog(List<String> tablets) {
    Catalog catalog = new Catalog();
    Catalog.SYSTEM_DATABASES.forEach(catalog::createDatabase);
    catalog.createDatabase(DATABASE);
    int system = Math.min(2, tablets.size());
    int user = Math.min(3, tablets.size());
    List<Spec> specs = List.of(
        new Spec("__INTERNAL_DB", "JOB_INFO", 1, system, new long[] {0}),
        new Spec("__INTERNAL_DB", "PRE_AGG_META_INFO", 1, system, new long[] {0}),
        new Spec("__INTERNAL_DB", "USER", 1, system, new long[] {1}),
        new Spec("INFORMATION_SCHEMA", "GLOBAL_VARIABLES", 1, system, new long[] {6}),
        new Spec("INFORMATION_SCHEMA", "DEPLOY_RESPONSE_TIME", 1, system, new long[] {0}),
        new Spec(DATABASE, "flow", 4, user, new long[] {7, 0, 12, 3}),
        new Spec(DATABASE, "merchant", 2, user, new long[] {25, 19}),
        new Spec(DATABASE, "orders", 2, user, new long[] {41, 0}));
    int tid = 1;
    for (Spec spec : specs) catalog.put(place(catalog, spec, tid++, tablets));
    return catalog;
  }

  /** The first replica that has the fewest leaders leads; the next partition starts where this one ended. */
  private static Table place(Catalog catalog, Spec spec, int tid, List<String> tablets) {
    Map<String, Integer> replicas = new HashMap<>();
    Map<String, Integer> leaders = new HashMap<>();
    tablets.forEach(h -> { replicas.put(h, 0); leaders.put(h, 0); });
    for (Table t : catalog.tables(spec.db())) {
      for (Partition p : t.partitions()) {
        for (Replica r : p.replicas()) {
          replicas.merge(r.host(), 1, Integer::sum);
          if (r.leader()) leaders.merge(r.host(), 1, Integer::sum);
        }
      }
    }
    int pos = 0;
    for (int i = 0; i < tablets.size(); i++) if (replicas.get(tablets.get(i)) < replicas.get(tablets.get(pos))) pos = i;
    List<Partition> partitions = new ArrayList<>();
    for (int pid = 0; pid < spec.partitions(); pid++) {
      List<String> hosts = new ArrayList<>();
      String leader = null;
      for (int r = 0; r < spec.replicas(); r++) {
        String host = tablets.get(pos++ % tablets.size());
        hosts.add(host);
        if (leader == null || leaders.get(host) < leaders.get(leader)) leader = host;
      }
      leaders.merge(leader, 1, Integer::sum);
      String chosen = leader;
      List<Replica> list = hosts.stream().map(h -> new Replica(h, h.equals(chosen), true, true)).toList();
      partitions.add(new Partition(pid, stats(spec.records()[pid]), list));
    }
    return new Table(spec.db(), spec.name(), tid, partitions);
  }

  // One row is about 185 bytes in memory and 1265 on disk (binlog and snapshot): 7 rows print as
  // 1.266 K, as in the reference's showtable sample.
  private static Stats stats(long records) {
    return new Stats(records, records, records == 0 ? 0 : records * 185 + 1, records * 1265);
  }
}
