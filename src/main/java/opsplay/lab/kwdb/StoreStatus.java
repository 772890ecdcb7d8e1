package opsplay.lab.kwdb;

/**
 * The figures one node's store reports (kwdb_internal.kv_store_status and its {@code metrics}).
 * Range-level counts ({@code ranges}, {@code ranges.unavailable}, {@code ranges.underreplicated})
 * are reported once per range, by the store holding its lease, or by its first running replica
 * when the lease is gone, so summing them over stores counts each range once.
 */
record StoreStatus(int node, int replicas, int leaders, int leaseholders, int ranges, int unavailable,
    int underReplicated, long liveBytes) {

  static final long CAPACITY = 107_374_182_400L;

  static StoreStatus of(Cluster cluster, int node) {
    int replicas = 0;
    int leases = 0;
    int counted = 0;
    int unavailable = 0;
    int under = 0;
    long bytes = 0;
    for (Range range : cluster.ranges) {
      if (!range.on(node)) {
        continue;
      }
      replicas++;
      bytes += range.bytes;
      leases += range.leaseholder == node ? 1 : 0;
      if (reporter(cluster, range) == node) {
        counted++;
        unavailable += cluster.unavailable(range) ? 1 : 0;
        under += cluster.underReplicated(range) ? 1 : 0;
      }
    }
    return new StoreStatus(node, replicas, leases, leases, counted, unavailable, under, bytes);
  }

  private static int reporter(Cluster cluster, Range range) {
    if (range.leaseholder != 0 && cluster.nodes.get(range.leaseholder).running()) {
      return range.leaseholder;
    }
    return range.replicas.stream().filter(r -> cluster.nodes.get(r).running()).min(Integer::compare).orElse(0);
  }

  long keyBytes() {
    return liveBytes * 7 / 100;
  }

  long valueBytes() {
    return liveBytes - keyBytes();
  }

  long systemBytes() {
    return replicas * 1536L + 9216;
  }

  long used() {
    return liveBytes + liveBytes / 3 + systemBytes();
  }

  /** The metrics JSON object, with the keys reference §5.2 lists. */
  String metricsJson() {
    return "{\"intentbytes\": 0, \"keybytes\": " + keyBytes() + ", \"livebytes\": " + liveBytes
        + ", \"ranges\": " + ranges + ", \"ranges.overreplicated\": 0, \"ranges.unavailable\": " + unavailable
        + ", \"ranges.underreplicated\": " + underReplicated + ", \"replicas\": " + replicas
        + ", \"replicas.leaders\": " + leaders + ", \"replicas.leaseholders\": " + leaseholders
        + ", \"replicas.quiescent\": " + replicas + ", \"sysbytes\": " + systemBytes() + ", \"valbytes\": " + valueBytes() + "}";
  }

  /** A metric by its name in the JSON, as {@code (metrics->>'name')::DECIMAL} reads it; null when absent. */
  Long metric(String name) {
    return switch (name) {
      case "intentbytes", "ranges.overreplicated" -> 0L;
      case "keybytes" -> keyBytes();
      case "livebytes" -> liveBytes;
      case "ranges" -> (long) ranges;
      case "ranges.unavailable" -> (long) unavailable;
      case "ranges.underreplicated" -> (long) underReplicated;
      case "replicas", "replicas.quiescent" -> (long) replicas;
      case "replicas.leaders" -> (long) leaders;
      case "replicas.leaseholders" -> (long) leaseholders;
      case "sysbytes" -> systemBytes();
      case "valbytes" -> valueBytes();
      default -> null;
    };
  }
}
