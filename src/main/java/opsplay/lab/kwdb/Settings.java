package opsplay.lab.kwdb;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster settings the lab knows, with their values. Only settings the procedures read or
 * change are here (reference §5.3); the rest of kwbase's few hundred are not simulated.
 */
final class Settings {
  static final String TS_REBALANCE = "kv.allocator.ts_consider_rebalance.enabled";
  static final String TS_DEAD_REBALANCE = "kv.allocator.ts_store_dead_rebalance.enabled";
  static final String STORE_DEAD = "server.time_until_store_dead";
  static final String VERSION = "version";

  /** A setting: its SQL type (as the PostgreSQL type name of SHOW CLUSTER SETTING's column) and default. */
  record Setting(String name, String type, String defaultValue, boolean settable) {}

  static final List<Setting> KNOWN = List.of(
      new Setting(TS_REBALANCE, "bool", "true", true),
      new Setting(TS_DEAD_REBALANCE, "bool", "true", true),
      // KWDB raised CockroachDB's 5 minutes to 30 (reference §5.3).
      new Setting(STORE_DEAD, "interval", "00:30:00", true),
      new Setting(VERSION, "text", "20.1", false));

  private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");
  private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2}):(\\d{2})");

  private final Map<String, String> values = new LinkedHashMap<>();
  private int changes;
  private String storeDeadText;
  private Duration storeDead;

  Settings() {
    KNOWN.forEach(s -> values.put(s.name(), s.defaultValue()));
  }

  static Setting find(String name) {
    return KNOWN.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  String value(String name) {
    return values.get(name);
  }

  boolean enabled(String name) {
    return "true".equals(values.get(name));
  }

  Duration timeUntilStoreDead() {
    // Read on every replica decision, so kept parsed.
    if (!values.get(STORE_DEAD).equals(storeDeadText)) {
      storeDeadText = values.get(STORE_DEAD);
      storeDead = duration(storeDeadText);
    }
    return storeDead;
  }

  void reset(String name) {
    values.put(name, find(name).defaultValue());
    changes++;
  }

  /** Counts changes, so the cluster can tell whether a placement it found settled still is. */
  int changes() {
    return changes;
  }

  /**
   * Sets a value given as SQL text ({@code true}, {@code 'false'}, {@code '10m'}, {@code INTERVAL '75s'}).
   * Throws IllegalArgumentException with kwbase's message when it does not parse as the setting's type.
   */
  void set(String name, String sqlValue) {
    Setting setting = find(name);
    String raw = Zones.unquote(sqlValue.strip().replaceFirst("(?i)^interval\\s+", "")).strip();
    if (setting.type().equals("bool")) {
      String b = raw.toLowerCase(Locale.ROOT);
      switch (b) {
        case "true", "on", "t", "yes", "1" -> values.put(name, "true");
        case "false", "off", "f", "no", "0" -> values.put(name, "false");
        default -> throw new IllegalArgumentException("could not parse \"" + raw + "\" as type bool: invalid bool value");
      }
      changes++;
      return;
    }
    Duration d = duration(raw);
    if (d == null) {
      throw new IllegalArgumentException("could not parse \"" + raw + "\" as type interval: interval: missing unit");
    }
    values.put(name, clock(d));
    changes++;
  }

  /** {@code 1h30m}, {@code 75s}, {@code 00:30:00} → a duration; null when it is none of these. */
  static Duration duration(String text) {
    Matcher clock = CLOCK.matcher(text);
    if (clock.matches()) {
      return Duration.ofHours(Long.parseLong(clock.group(1))).plusMinutes(Long.parseLong(clock.group(2)))
          .plusSeconds(Long.parseLong(clock.group(3)));
    }
    Matcher m = GO_DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      long millis = (long) (n * switch (m.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1000;
        default -> 1;
      });
      total = total.plusMillis(millis);
      end = m.end();
    }
    return end == text.length() && end > 0 ? total : null;
  }

  /** The PostgreSQL text form of an interval: {@code 00:30:00}. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
