package opsplay.lab.pg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.lab.SqlResponder.Answer;
import opsplay.lab.SqlResponder.Done;
import opsplay.lab.SqlResponder.Failed;
import opsplay.lab.SqlResponder.Rows;

/**
 * A connection's session variables, as KWDB reports them (it claims PostgreSQL 9.5.0), and the
 * statements that read and change them: {@code SET}, {@code SET LOCAL}, {@code SET TIME ZONE},
 * {@code SET NAMES}, {@code RESET}, {@code SHOW}. Any variable name is accepted, as the lab has
 * no list of KWDB's; {@code SET CLUSTER SETTING} and other SHOWs are not session statements and
 * go to the responder.
 */
final class SessionSettings {
  /** What KWDB (kwbase pkg/sql/pgwire) sends as ParameterStatus at startup, in its order. */
  private static final List<String> REPORTED = List.of("server_version", "server_encoding", "client_encoding",
      "application_name", "DateStyle", "IntervalStyle", "is_superuser", "session_authorization", "TimeZone",
      "integer_datetimes", "standard_conforming_strings", "kwdb_version");
  private static final Set<String> FIXED = Set.of("server_version", "server_version_num", "server_encoding",
      "integer_datetimes", "is_superuser", "session_authorization", "session_user", "kwdb_version", "max_identifier_length");
  /** The parameters of the startup packet that are not session variables. */
  private static final Set<String> CONNECTION = Set.of("user", "database", "options", "replication");
  private static final Pattern SET_SPECIAL = Pattern.compile("(?is)SET\\s+(?:(SESSION|LOCAL)\\s+)?(TIME\\s+ZONE|NAMES)\\s+(.+)");
  private static final Pattern SET = Pattern.compile("(?is)SET\\s+(?:(SESSION|LOCAL)\\s+)?([a-z_][a-z0-9_.$]*)(?:\\s*=\\s*|\\s+TO\\s+)(.+)");
  private static final Pattern RESET = Pattern.compile("(?is)RESET\\s+([a-z_][a-z0-9_.$]*)");
  private static final Pattern SHOW = Pattern.compile("(?is)SHOW\\s+(TIME\\s+ZONE|TRANSACTION\\s+ISOLATION\\s+LEVEL|[a-z_][a-z0-9_.$]*)");

  private record Setting(String name, String value) {}

  private final Map<String, Setting> defaults = new LinkedHashMap<>();
  private final Map<String, Setting> values = new LinkedHashMap<>();
  /** The values SET LOCAL replaced, restored when the transaction ends (null: the variable did not exist). */
  private final Map<String, Setting> beforeLocal = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  SessionSettings(String user, String database, String version) {
    define("server_version", "9.5.0");
    define("server_version_num", "90500");
    define("server_encoding", "UTF8");
    define("client_encoding", "UTF8");
    define("application_name", "");
    define("DateStyle", "ISO, MDY");
    define("IntervalStyle", "postgres");
    define("is_superuser", "on");
    define("session_authorization", user);
    define("session_user", user);
    define("TimeZone", "UTC");
    define("integer_datetimes", "on");
    define("standard_conforming_strings", "on");
    define("kwdb_version", version);
    define("database", database);
    define("search_path", "public");
    define("extra_float_digits", "0");
    define("statement_timeout", "0");
    define("default_transaction_read_only", "off");
    define("transaction_read_only", "off");
    define("default_transaction_isolation", "serializable");
    define("transaction_isolation", "serializable");
    define("max_identifier_length", "128");
    values.putAll(defaults);
  }

  private void define(String name, String value) {
    defaults.put(key(name), new Setting(name, value));
  }

  /** Takes the startup packet's session variables (client_encoding, DateStyle, TimeZone, application_name, …). */
  void startup(Map<String, String> parameters) {
    parameters.forEach((name, value) -> {
      if (!CONNECTION.contains(name) && !name.startsWith("_pq_.") && !FIXED.contains(key(name))) put(name, value);
    });
    changed.clear();
  }

  /** The variables sent as ParameterStatus at startup: name and value. */
  List<String[]> reported() {
    List<String[]> out = new ArrayList<>();
    for (String name : REPORTED) out.add(new String[] {name, get(name)});
    return out;
  }

  /** The reported variables that changed since the last call, to send as ParameterStatus. */
  List<String[]> takeChanges() {
    List<String[]> out = new ArrayList<>();
    for (String name : changed) out.add(new String[] {name, get(name)});
    changed.clear();
    return out;
  }

  String get(String name) {
    Setting s = values.get(key(name));
    return s == null ? null : s.value();
  }

  /** Sets a variable for the session, or until the transaction ends ({@code local}). */
  void set(String name, String value, boolean local) {
    String k = key(name);
    if (local && !beforeLocal.containsKey(k)) beforeLocal.put(k, values.get(k));
    put(name, value);
  }

  /** SET LOCAL ends with the transaction, whether it commits or rolls back. */
  void endTransaction() {
    beforeLocal.forEach((k, before) -> {
      if (before == null) {
        values.remove(k);
      } else {
        put(before.name(), before.value());
      }
    });
    beforeLocal.clear();
  }

  private void put(String name, String value) {
    String k = key(name);
    Setting known = values.getOrDefault(k, defaults.get(k));
    String canonical = known == null ? k : known.name();
    // The server speaks UTF-8 only; pgjdbc refuses any other client_encoding.
    String v = k.equals("client_encoding") ? "UTF8" : value;
    values.put(k, new Setting(canonical, v));
    if (REPORTED.contains(canonical)) changed.add(canonical);
  }

  /** The answer to a SET, RESET or SHOW of a session variable, or null when {@code sql} is none of these. */
  Answer run(String sql, boolean inTransaction) {
    Matcher m = SET_SPECIAL.matcher(sql);
    if (m.matches()) {
      String name = m.group(2).toUpperCase(Locale.ROOT).startsWith("NAMES") ? "client_encoding" : "TimeZone";
      return assign(name, m.group(3), m.group(1), inTransaction);
    }
    m = SET.matcher(sql);
    if (m.matches()) return assign(m.group(2), m.group(3), m.group(1), inTransaction);
    m = RESET.matcher(sql);
    if (m.matches()) return reset(m.group(1));
    m = SHOW.matcher(sql);
    if (m.matches()) return show(m.group(1));
    return null;
  }

  private Answer assign(String name, String rawValue, String scope, boolean inTransaction) {
    if (FIXED.contains(key(name))) return cannotChange(name);
    boolean local = "local".equalsIgnoreCase(scope);
    // PostgreSQL: SET LOCAL outside a transaction block has no effect (with a warning).
    if (local && !inTransaction) return new Done("SET");
    String value = value(rawValue);
    if (value.equalsIgnoreCase("default") || value.equalsIgnoreCase("local") && key(name).equals("timezone")) {
      Setting d = defaults.get(key(name));
      if (d == null) {
        values.remove(key(name));
        return new Done("SET");
      }
      value = d.value();
    }
    set(name, value, local);
    return new Done("SET");
  }

  private Answer reset(String name) {
    if (name.equalsIgnoreCase("all")) {
      for (Setting s : defaults.values()) {
        if (!FIXED.contains(key(s.name()))) put(s.name(), s.value());
      }
      values.keySet().retainAll(defaults.keySet());
      return new Done("RESET");
    }
    if (FIXED.contains(key(name))) return cannotChange(name);
    Setting d = defaults.get(key(name));
    if (d == null) {
      values.remove(key(name));
    } else {
      put(d.name(), d.value());
    }
    return new Done("RESET");
  }

  private Answer show(String what) {
    String name = what.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    if (name.equals("time zone")) name = "timezone";
    if (name.equals("transaction isolation level")) name = "transaction_isolation";
    Setting s = values.get(name);
    if (s == null) return null;
    return new Rows(List.of(s.name()), List.of("text"), List.of(List.of(s.value())));
  }

  private static Failed cannotChange(String name) {
    return new Failed("55P02", "parameter \"" + name + "\" cannot be changed", null);
  }

  /** The value of a SET: quoted strings unquoted, a list joined with ", " as SHOW prints it. */
  static String value(String raw) {
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    String s = raw.strip();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        int j = i + 1;
        while (j < s.length() && (s.charAt(j) != '\'' || (j + 1 < s.length() && s.charAt(j + 1) == '\''))) {
          item.append(s.charAt(j));
          j += s.charAt(j) == '\'' ? 2 : 1;
        }
        i = j;
      } else if (c == ',') {
        items.add(item.toString().strip());
        item.setLength(0);
      } else {
        item.append(c);
      }
    }
    items.add(item.toString().strip());
    return String.join(", ", items);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
