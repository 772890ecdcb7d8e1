package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.lab.SqlResponder;

/**
 * {@code SHOW [ALL] ZONE CONFIGURATIONS}, {@code SHOW ZONE CONFIGURATION FOR …} and
 * {@code ALTER RANGE|DATABASE|TABLE … CONFIGURE ZONE USING … | DISCARD} (reference §5.4), against
 * the cluster's {@link Zones}. A changed constraint takes effect on the next replica moves.
 */
final class ZoneStatements {
  static final Pattern SHOW_ALL = Pattern.compile("show (all )?zone configurations", Pattern.CASE_INSENSITIVE);
  static final Pattern SHOW_ONE = Pattern.compile("show zone configuration for (range|database|table) (\\S+)", Pattern.CASE_INSENSITIVE);
  static final Pattern ALTER = Pattern.compile("alter (range|database|table) (\\S+) configure zone (?:using (.+)|(discard))",
      Pattern.CASE_INSENSITIVE);
  private static final List<String> COLUMNS = List.of("target", "raw_config_sql");
  private static final List<String> TYPES = List.of("text", "text");

  private final Cluster cluster;

  ZoneStatements(Cluster cluster) {
    this.cluster = cluster;
  }

  SqlResponder.Answer showAll() {
    return new SqlResponder.Rows(COLUMNS, TYPES, cluster.zones.rows());
  }

  SqlResponder.Answer showOne(Matcher m) {
    String target = target(m.group(1), m.group(2));
    if (target == null) {
      return missing(m.group(1), m.group(2));
    }
    List<String> chain = new ArrayList<>();
    chain.add(target);
    if (target.startsWith("TABLE ")) {
      chain.add("DATABASE " + target.substring(6, target.indexOf('.')));
    }
    chain.add("RANGE default");
    var zone = cluster.zones.effective(chain);
    return new SqlResponder.Rows(COLUMNS, TYPES, List.of(List.of(zone.getKey(), Zones.rawSql(zone.getKey(), zone.getValue()))));
  }

  SqlResponder.Answer alter(Matcher m) {
    String target = target(m.group(1), m.group(2));
    if (target == null) {
      return missing(m.group(1), m.group(2));
    }
    if (m.group(4) != null) {
      if (target.equals("RANGE default")) {
        return new SqlResponder.Failed("23514", "cannot remove default zone", null);
      }
      boolean had = cluster.zones.own(target) != null;
      cluster.zones.discard(target);
      return new SqlResponder.Done("CONFIGURE ZONE " + (had ? 1 : 0));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String assignment : splitOutsideQuotes(m.group(3))) {
      String[] kv = assignment.split("=", 2);
      String key = kv[0].strip().toLowerCase();
      if (kv.length < 2 || !Zones.FIELDS.contains(key)) {
        return new SqlResponder.Failed("42601", "unsupported zone config parameter: \"" + kv[0].strip() + "\"", null);
      }
      fields.put(key, kv[1].strip());
    }
    return apply(target, fields);
  }

  private SqlResponder.Answer apply(String target, Map<String, String> fields) {
    Map<String, String> merged = new LinkedHashMap<>(cluster.zones.own(target) == null ? Map.of() : cluster.zones.own(target));
    merged.putAll(fields);
    if (fields.containsKey("constraints")) {
      List<Constraint> constraints;
      try {
        constraints = Constraint.parse(Zones.unquote(fields.get("constraints")));
      } catch (IllegalArgumentException e) {
        return new SqlResponder.Failed("22023", e.getMessage(), null);
      }
      fields.put("constraints", "'" + Constraint.render(constraints) + "'");
      int constrained = constraints.stream().mapToInt(Constraint::count).sum();
      if (constrained > 0 && !merged.containsKey("num_replicas")) {
        return new SqlResponder.Failed("22023", "when per-replica constraints are set, num_replicas must be set as well", null);
      }
      int replicas = constrained > 0 ? Integer.parseInt(merged.get("num_replicas")) : Integer.MAX_VALUE;
      if (constrained > replicas) {
        return new SqlResponder.Failed("22023", "the number of replicas specified in constraints (" + constrained
            + ") cannot be greater than the number of replicas configured for the zone (" + replicas + ")", null);
      }
    }
    if (fields.containsKey("num_replicas") && !fields.get("num_replicas").matches("[1-9]\\d*")) {
      return new SqlResponder.Failed("22023", "at least one replica is required", null);
    }
    cluster.zones.set(target, fields);
    return new SqlResponder.Done("CONFIGURE ZONE 1");
  }

  private static String target(String kind, String name) {
    String n = name.replace("\"", "");
    return switch (kind.toLowerCase()) {
      case "range" -> Catalog.range(n.toLowerCase());
      case "database" -> Catalog.database(n);
      default -> Catalog.table(n);
    };
  }

  private static SqlResponder.Answer missing(String kind, String name) {
    return switch (kind.toLowerCase()) {
      case "range" -> new SqlResponder.Failed("42602", "\"" + name + "\" is not a built-in zone", null);
      case "database" -> new SqlResponder.Failed("3D000", "database \"" + name + "\" does not exist", null);
      default -> new SqlResponder.Failed("42P01", "relation \"" + name + "\" does not exist", null);
    };
  }

  /** Splits {@code a = 1, constraints = '{"+x": 1, "+y": 1}'} on the commas outside quotes. */
  private static List<String> splitOutsideQuotes(String text) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      quoted ^= c == '\'';
      if (c == ',' && !quoted) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
