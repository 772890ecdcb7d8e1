package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's zone configurations: for each target that has one, the fields set on it. A range
 * takes each field from the most specific of its zones that sets it (table, then database, then
 * {@code RANGE default}). Defaults as reference §5.4 records them: 3 replicas, 5 for the system
 * database and the meta, liveness and system ranges; a single-replica cluster keeps 1.
 */
final class Zones {
  /** The fields in the order raw_config_sql lists them. */
  static final List<String> FIELDS =
      List.of("range_min_bytes", "range_max_bytes", "gc.ttlseconds", "num_replicas", "constraints", "lease_preferences");

  private final Map<String, Map<String, String>> zones = new TreeMap<>(Comparator.comparing(Catalog.ZONE_IDS::get));
  private final Map<String, List<Constraint>> parsed = new HashMap<>();
  private int changes;

  Zones(boolean singleReplica) {
    String many = singleReplica ? "1" : "5";
    zones.put("RANGE default", full("90000", singleReplica ? "1" : "3"));
    zones.put("DATABASE system", full("90000", many));
    zones.put("RANGE meta", full("3600", many));
    zones.put("RANGE system", full("90000", many));
    zones.put("RANGE liveness", full("600", many));
  }

  private static Map<String, String> full(String gcTtl, String replicas) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("range_min_bytes", "268435456");
    fields.put("range_max_bytes", "536870912");
    fields.put("gc.ttlseconds", gcTtl);
    fields.put("num_replicas", replicas);
    fields.put("constraints", "'[]'");
    fields.put("lease_preferences", "'[]'");
    return fields;
  }

  int numReplicas(Range range) {
    return Integer.parseInt(field(range.zones, "num_replicas"));
  }

  List<Constraint> constraints(Range range) {
    // Asked for every range at every step of the clock; the texts are few, so parse each once.
    return parsed.computeIfAbsent(field(range.zones, "constraints"), text -> Constraint.parse(unquote(text)));
  }

  private String field(List<String> chain, String name) {
    for (String target : chain) {
      Map<String, String> own = zones.get(target);
      if (own != null && own.containsKey(name)) {
        return own.get(name);
      }
    }
    throw new IllegalStateException("RANGE default sets every field, " + name + " included");
  }

  /** The target's own fields, or those of the zone it inherits from, with the target that holds them. */
  Map.Entry<String, Map<String, String>> effective(List<String> chain) {
    for (String target : chain) {
      if (zones.containsKey(target)) {
        return Map.entry(target, zones.get(target));
      }
    }
    return Map.entry("RANGE default", zones.get("RANGE default"));
  }

  Map<String, String> own(String target) {
    return zones.get(target);
  }

  /** Merges the given fields into the target's zone (creating it). */
  void set(String target, Map<String, String> fields) {
    Map<String, String> merged = new LinkedHashMap<>(zones.getOrDefault(target, Map.of()));
    merged.putAll(fields);
    Map<String, String> ordered = new LinkedHashMap<>();
    FIELDS.stream().filter(merged::containsKey).forEach(f -> ordered.put(f, merged.get(f)));
    zones.put(target, ordered);
    changes++;
  }

  void discard(String target) {
    zones.remove(target);
    changes++;
  }

  /** Counts changes, so the cluster can tell whether a placement it found settled still is. */
  int changes() {
    return changes;
  }

  /** Every zone as SHOW ZONE CONFIGURATIONS lists it: target and raw_config_sql. */
  List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    zones.forEach((target, fields) -> rows.add(List.of(target, rawSql(target, fields))));
    return rows;
  }

  /** {@code ALTER … CONFIGURE ZONE USING} followed by one field per line, as kwbase renders it. */
  static String rawSql(String target, Map<String, String> fields) {
    List<String> lines = new ArrayList<>();
    fields.forEach((k, v) -> lines.add(k + " = " + v));
    return "ALTER " + target + " CONFIGURE ZONE USING\n\t" + String.join(",\n\t", lines);
  }

  static String unquote(String sqlString) {
    return sqlString.startsWith("'") && sqlString.endsWith("'") && sqlString.length() >= 2
        ? sqlString.substring(1, sqlString.length() - 1).replace("''", "'")
        : sqlString;
  }
}
