package opsplay.lab;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What lab to start: its kind, how many member and spare hosts, secure mode, single-replica mode,
 * and how fast its clock runs. From {@code opsplay lab up}'s options or an inventory's {@code lab:} key.
 */
public record LabSettings(String kind, int nodes, int spare, boolean secure, boolean singleReplica, double speed) {
  /** The keys an inventory's {@code lab:} mapping may have. */
  public static final List<String> KEYS = List.of("kind", "nodes", "spare", "secure", "single_replica", "speed");
  static final int MAX_HOSTS = 250;

  /** Checks the numbers; throws IllegalArgumentException saying which is wrong. */
  public LabSettings {
    if (kind == null || kind.isBlank()) throw new IllegalArgumentException("lab: kind is missing (kwdb or openmldb)");
    if (nodes < 1) throw new IllegalArgumentException("lab: nodes must be 1 or more, not " + nodes);
    if (spare < 0) throw new IllegalArgumentException("lab: spare must be 0 or more, not " + spare);
    if (nodes + spare > MAX_HOSTS) throw new IllegalArgumentException("lab: at most " + MAX_HOSTS + " hosts, not " + (nodes + spare));
    if (!(speed > 0) || speed > 10_000) throw new IllegalArgumentException("lab: speed must be above 0 and at most 10000, not " + speed);
  }

  /**
   * Reads an inventory's {@code lab:} mapping, e.g. {@code {kind: kwdb, nodes: 3, spare: 1, speed: 10}};
   * missing keys take the defaults of {@code opsplay lab up} (3 nodes, 1 spare, insecure, speed 1).
   * Throws IllegalArgumentException naming the key that is wrong.
   */
  public static LabSettings of(Map<String, Object> settings) {
    for (String key : settings.keySet()) {
      if (!KEYS.contains(key)) throw new IllegalArgumentException("lab: unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
    }
    Object kind = settings.get("kind");
    return new LabSettings(kind == null ? null : kind.toString().strip(), whole(settings, "nodes", 3), whole(settings, "spare", 1),
        flag(settings, "secure"), flag(settings, "single_replica"), number(settings, "speed", 1));
  }

  private static int whole(Map<String, Object> settings, String key, int fallback) {
    Object v = settings.get(key);
    if (v == null) return fallback;
    if ((v instanceof Long || v instanceof Integer) || (v instanceof String s && s.strip().matches("[0-9]{1,4}"))) {
      return Integer.parseInt(v.toString().strip());
    }
    throw new IllegalArgumentException("lab: " + key + " must be a whole number, not '" + v + "'");
  }

  private static double number(Map<String, Object> settings, String key, double fallback) {
    Object v = settings.get(key);
    if (v == null) return fallback;
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(v.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lab: " + key + " must be a number, not '" + v + "'");
    }
  }

  private static boolean flag(Map<String, Object> settings, String key) {
    Object v = settings.get(key);
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    String s = v.toString().strip().toLowerCase(Locale.ROOT);
    if (List.of("true", "yes", "on").contains(s)) return true;
    if (List.of("false", "no", "off").contains(s)) return false;
    throw new IllegalArgumentException("lab: " + key + " must be true or false, not '" + v + "'");
  }
}
