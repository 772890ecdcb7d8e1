package opsplay.lab.kwdb;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.lab.SqlResponder;

/**
 * What one host of the simulated cluster answers over SQL: the statements scaling procedures use,
 * recognised after white space and case are normalised, answered from the cluster's state. This
 * is not a SQL engine: anything else is refused with SQLSTATE 0A000 and the list of what is
 * supported. Booleans come back as {@code t}/{@code f}, PostgreSQL's (and kwbase's) text form.
 */
final class SqlAnswers implements SqlResponder {
  static final String VERSION = "KaiwuDB " + NodeTables.BUILD
      + " (x86_64-linux-gnu, built 2025/09/30 10:00:00, go1.16.15, gcc 9.4.0)";
  static final String SUPPORTED = "supported: SELECT 1; SELECT version(); SHOW CLUSTER SETTING <name>; "
      + "SET CLUSTER SETTING <name> = <value>|DEFAULT; RESET CLUSTER SETTING <name>; SHOW [ALL] ZONE CONFIGURATIONS; "
      + "SHOW ZONE CONFIGURATION FOR RANGE|DATABASE|TABLE <name>; ALTER RANGE|DATABASE|TABLE <name> CONFIGURE ZONE USING …|DISCARD; "
      + "SELECT <columns, count(*), sum((metrics->>'<m>')::DECIMAL)::INT, unnest(replicas)> FROM kwdb_internal."
      + "kv_store_status|gossip_liveness|gossip_nodes|ranges|ranges_no_leases [WHERE col = value | N = ANY(replicas)] "
      + "[GROUP BY key] [ORDER BY key]; BEGIN/COMMIT/ROLLBACK and session SET";
  private static final Pattern SELECT_NUMBER = Pattern.compile("select (-?\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SELECT_VERSION = Pattern.compile("select version\\(\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHOW_SETTING = Pattern.compile("show cluster setting ([\\w.]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SET_SETTING = Pattern.compile("set cluster setting ([\\w.]+) ?(?:=|to) ?(.+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RESET_SETTING = Pattern.compile("reset cluster setting ([\\w.]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TRANSACTION = Pattern.compile("(begin|start transaction|commit|end|rollback|abort)\\b.*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SESSION_SET = Pattern.compile("set (?!cluster setting)(session |local )?[\\w. ]+.*", Pattern.CASE_INSENSITIVE);

  private final Cluster cluster;
  private final Host host;
  private final ZoneStatements zones;

  SqlAnswers(Cluster cluster, Host host) {
    this.cluster = cluster;
    this.host = host;
    this.zones = new ZoneStatements(cluster);
  }

  @Override
  public Answer answer(String sql, List<String> params) {
    if (cluster.nodeOf(host) == null) {
      // Up but not joined: a real node would keep the client waiting; the lab says why at once.
      return new Failed("57P03", "node is waiting for cluster initialization", null);
    }
    String text = normalise(sql, params);
    try {
      Answer answer = answer(text);
      return answer != null ? answer : unsupported(text);
    } catch (InternalQuery.Unsupported e) {
      return new Failed("0A000", "the lab does not support " + e.getMessage() + " in: " + text, SUPPORTED);
    }
  }

  private Answer answer(String text) {
    Matcher m;
    if ((m = SELECT_NUMBER.matcher(text)).matches()) {
      return new Rows(List.of("?column?"), List.of("int8"), List.of(List.of(m.group(1))));
    } else if (SELECT_VERSION.matcher(text).matches()) {
      return new Rows(List.of("version"), List.of("text"), List.of(List.of(VERSION)));
    } else if ((m = SHOW_SETTING.matcher(text)).matches()) {
      return showSetting(m.group(1));
    } else if ((m = SET_SETTING.matcher(text)).matches()) {
      return setSetting(m.group(1), m.group(2));
    } else if ((m = RESET_SETTING.matcher(text)).matches()) {
      return setSetting(m.group(1), "DEFAULT");
    } else if (ZoneStatements.SHOW_ALL.matcher(text).matches()) {
      return zones.showAll();
    } else if ((m = ZoneStatements.SHOW_ONE.matcher(text)).matches()) {
      return zones.showOne(m);
    } else if ((m = ZoneStatements.ALTER.matcher(text)).matches()) {
      return zones.alter(m);
    } else if ((m = InternalQuery.SELECT.matcher(text)).matches()) {
      return InternalQuery.answer(cluster, m);
    } else if ((m = TRANSACTION.matcher(text)).matches()) {
      String word = m.group(1).toUpperCase();
      return new Done(word.equals("START TRANSACTION") ? "BEGIN" : word.equals("END") ? "COMMIT" : word.equals("ABORT") ? "ROLLBACK" : word);
    } else if (SESSION_SET.matcher(text).matches()) {
      return new Done("SET");
    }
    return null;
  }

  private Answer showSetting(String name) {
    Settings.Setting s = Settings.find(name.toLowerCase());
    if (s == null) {
      return new Failed("42704", "unknown setting: \"" + name + "\"", null);
    }
    String value = cluster.settings.value(s.name());
    String text = s.type().equals("bool") ? InternalTables.bool(Boolean.parseBoolean(value)) : value;
    return new Rows(List.of(s.name()), List.of(s.type()), List.of(List.of(text)));
  }

  private Answer setSetting(String name, String value) {
    Settings.Setting s = Settings.find(name.toLowerCase());
    if (s == null) {
      return new Failed("42704", "unknown cluster setting '" + name + "'", null);
    }
    if (!s.settable()) {
      return new Failed("0A000", "the lab does not change the setting " + s.name(), SUPPORTED);
    }
    try {
      if (value.strip().equalsIgnoreCase("default")) {
        cluster.settings.reset(s.name());
      } else {
        cluster.settings.set(s.name(), value);
      }
    } catch (IllegalArgumentException e) {
      return new Failed("22P02", e.getMessage(), null);
    }
    return new Done("SET CLUSTER SETTING");
  }

  private static Answer unsupported(String text) {
    return new Failed("0A000", "the lab does not support this statement: " + text, SUPPORTED);
  }

  /**
   * One statement's text made comparable: placeholders ({@code $1}) replaced by their parameters
   * as literals, runs of white space squeezed to one blank, trailing semicolons dropped.
   */
  static String normalise(String sql, List<String> params) {
    String text = sql.strip().replaceAll("[;\\s]+$", "").replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
    for (int i = params.size(); i >= 1; i--) {
      String p = params.get(i - 1);
      String literal = p == null ? "NULL" : p.matches("-?\\d+") ? p : "'" + p.replace("'", "''") + "'";
      text = text.replace("$" + i, literal);
    }
    return text;
  }
}
