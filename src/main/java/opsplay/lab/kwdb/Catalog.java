package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated cluster stores: the system ranges and tables, one relational database
 * ({@code rdb}, table {@code devices}) and one time-series database ({@code tsdb}, table
 * {@code readings}), and how many ranges each has. The sizes give a fresh 3-node cluster about
 * 140 replicas per node, the order of the reference's example.
 */
final class Catalog {
  static final int META_RANGES = 1;
  static final int LIVENESS_RANGES = 1;
  static final int SYSTEM_RANGES = 2;
  static final List<String> SYSTEM_TABLES =
      List.of("namespace", "descriptor", "users", "zones", "settings", "lease", "eventlog", "rangelog", "ui", "jobs");
  static final int RELATIONAL_RANGES = 6;
  static final int TIME_SERIES_RANGES = 120;

  /** Zone targets by the id kwbase orders SHOW ZONE CONFIGURATIONS by. */
  static final Map<String, Integer> ZONE_IDS = zoneIds();

  private Catalog() {}

  private static Map<String, Integer> zoneIds() {
    Map<String, Integer> ids = new LinkedHashMap<>();
    ids.put("RANGE default", 0);
    ids.put("DATABASE system", 1);
    ids.put("RANGE meta", 16);
    ids.put("RANGE system", 17);
    ids.put("RANGE liveness", 22);
    ids.put("DATABASE defaultdb", 50);
    ids.put("DATABASE postgres", 51);
    ids.put("DATABASE rdb", 52);
    ids.put("DATABASE tsdb", 53);
    ids.put("TABLE rdb.public.devices", 54);
    ids.put("TABLE tsdb.public.readings", 55);
    return Map.copyOf(ids);
  }

  /** The zone target for {@code ALTER RANGE name}, or null when there is no such named range. */
  static String range(String name) {
    String target = "RANGE " + name;
    return ZONE_IDS.containsKey(target) ? target : null;
  }

  static String database(String name) {
    String target = "DATABASE " + name;
    return ZONE_IDS.containsKey(target) ? target : null;
  }

  /** {@code tsdb.readings}, {@code tsdb.public.readings} or a bare {@code readings} → its zone target, or null. */
  static String table(String name) {
    String[] parts = name.split("\\.");
    String wanted = switch (parts.length) {
      case 1 -> "." + parts[0];
      case 2 -> parts[0] + ".public." + parts[1];
      default -> name;
    };
    return ZONE_IDS.keySet().stream().filter(t -> t.startsWith("TABLE ") && (t.substring(6).equals(wanted)
        || parts.length == 1 && t.endsWith(wanted))).findFirst().orElse(null);
  }

  /** The ranges of a new cluster, without replicas (the cluster places them). */
  static List<Range> ranges() {
    List<Range> out = new ArrayList<>();
    add(out, META_RANGES, Range.Kind.SYSTEM, List.of("RANGE meta", "RANGE default"), "", "", 24_000);
    add(out, LIVENESS_RANGES, Range.Kind.SYSTEM, List.of("RANGE liveness", "RANGE default"), "", "", 8_000);
    add(out, SYSTEM_RANGES, Range.Kind.SYSTEM, List.of("RANGE system", "RANGE default"), "", "", 96_000);
    for (String table : SYSTEM_TABLES) {
      add(out, 1, Range.Kind.SYSTEM, List.of("DATABASE system", "RANGE default"), "system", table, 40_000);
    }
    add(out, RELATIONAL_RANGES, Range.Kind.RELATIONAL,
        List.of("TABLE rdb.public.devices", "DATABASE rdb", "RANGE default"), "rdb", "devices", 2_400_000);
    add(out, TIME_SERIES_RANGES, Range.Kind.TIME_SERIES,
        List.of("TABLE tsdb.public.readings", "DATABASE tsdb", "RANGE default"), "tsdb", "readings", 8_000_000);
    return out;
  }

  private static void add(List<Range> out, int count, Range.Kind kind, List<String> zones, String db, String table, long bytes) {
    for (int i = 0; i < count; i++) {
      int id = out.size() + 1;
      // Sizes vary a little from range to range, deterministically, so byte columns look real.
      out.add(new Range(id, kind, zones, db, table, bytes + (id * 7919L) % (bytes / 4)));
    }
  }
}
