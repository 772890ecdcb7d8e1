package opsplay.actions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import opsplay.core.ActionException;
import opsplay.core.Args;
import opsplay.core.Node;
import opsplay.core.TaskContext;
import opsplay.core.Template;
import opsplay.core.Value;

/**
 * The keys of a migrate task: read and checked when the playbook is loaded (literal values are
 * checked then; templated ones when the task runs), and rendered for one host into a driver, a
 * {@link MoveRequest} and the databases to read.
 */
final class MigrateSettings {
  private static final List<String> ONE_MOVE = List.of("table", "partition", "from", "to");
  private static final Map<String, List<String>> CHOICES = Map.of("leaders", List.of("refuse", "change"),
      "auto_failover", List.of("refuse", "manage"));

  /** One task's settings on one host. */
  record Rendered(TaskContext ctx, ClusterDriver driver, MoveRequest request, ClusterDriver.Scope scope, boolean manageFailover) {}

  private MigrateSettings() {}

  static MigrateAction parse(Args args) {
    args.requireOneOf("table", "drain", "rebalance_onto");
    String driver = args.has("driver") ? args.node("driver").text() : "openmldb";
    if (!MigrateAction.DRIVERS.containsKey(driver)) {
      args.diagnostics().unknown(args.node("driver").pos(), "migrate driver", driver, List.copyOf(MigrateAction.DRIVERS.keySet()));
    }
    checkForm(args);
    Map<String, Template> keys = new LinkedHashMap<>();
    for (String key : MigrateAction.TYPE.keys()) {
      if (!args.has(key) || List.of("driver", "drain", "rebalance_onto", "databases").contains(key)) continue;
      Template t = args.template(key);
      if (t == null) continue;
      keys.put(key, t);
      if (!t.source().contains("{{")) checkLiteral(args, key, t.source());
    }
    return new MigrateAction(driver, keys, args.value("drain"), args.value("rebalance_onto"), args.value("databases"));
  }

  /** One move needs all four of its keys; drain and rebalance_onto take none of them. */
  private static void checkForm(Args args) {
    if (args.has("table") && (args.has("drain") || args.has("rebalance_onto"))) return; // requireOneOf said so
    if (args.has("table")) {
      List<String> missing = ONE_MOVE.stream().filter(k -> !args.has(k)).toList();
      if (!missing.isEmpty()) {
        args.diagnostics().error(args.pos(), "migrate: one move needs table, partition, from and to (missing: "
            + String.join(", ", missing) + ")");
      }
      if (args.has("databases")) args.diagnostics().error(args.node("databases").pos(), "migrate.databases: only with drain"
          + " or rebalance_onto; one move takes database");
      return;
    }
    for (String key : List.of("partition", "from", "to", "database")) {
      if (args.has(key)) {
        args.diagnostics().error(args.node(key).pos(), "migrate." + key + ": only for one move (with table), not with "
            + (args.has("drain") ? "drain" : "rebalance_onto"));
      }
    }
  }

  private static void checkLiteral(Args args, String key, String text) {
    Node at = args.node(key);
    String problem = problem(key, text);
    if (problem != null) args.diagnostics().error(at.pos(), "migrate." + key + ": " + problem);
  }

  /** What is wrong with a key's value, or null. */
  private static String problem(String key, String text) {
    if (CHOICES.containsKey(key) && !CHOICES.get(key).contains(text)) {
      return "expected " + String.join(" or ", CHOICES.get(key)) + ", found '" + text + "'";
    }
    if ((key.equals("timeout") || key.equals("poll")) && (Args.duration(text) == null || Args.duration(text).isZero())) {
      return "expected a duration such as 30s, 5m or 500ms (more than 0), found '" + text + "'";
    }
    if (key.equals("partition")) {
      try {
        partitions(text);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  /** Renders the task's keys for the host: the driver, what to move, and where to read. */
  static Rendered render(MigrateAction a, TaskContext ctx) throws ActionException {
    ClusterDriver.Factory factory = MigrateAction.DRIVERS.get(a.driver());
    Function<String, String> setting = name -> a.keys().containsKey(name) ? ctx.render(a.keys().get(name)) : variable(ctx, name);
    ClusterDriver.Timing timing = new ClusterDriver.Timing(duration(a, ctx, "timeout", Duration.ofMinutes(30)),
        duration(a, ctx, "poll", Duration.ofSeconds(2)));
    ClusterDriver driver = factory.open(ctx, setting, timing);
    boolean changeLeaders = choice(a, ctx, "leaders").equals("change");
    boolean manage = choice(a, ctx, "auto_failover").equals("manage");
    String endpointVariable = factory.variables().get("endpoint");
    if (a.drain() == null && a.rebalanceOnto() == null) {
      MoveRequest.One one = oneMove(a, ctx, factory.variables().get("database"), endpointVariable, changeLeaders);
      return new Rendered(ctx, driver, one, new ClusterDriver.Scope(List.of(one.database()), false), manage);
    }
    List<String> targets = endpoints(a.drain() != null ? a.drain() : a.rebalanceOnto(), ctx, endpointVariable);
    MoveRequest request = a.drain() != null ? new MoveRequest.Drain(targets, changeLeaders) : new MoveRequest.Rebalance(targets);
    // A drain has to empty the nodes, system tables included; a rebalance spreads user data, as the vendor's tool does.
    ClusterDriver.Scope scope = a.databases() != null ? new ClusterDriver.Scope(words(a.databases().evaluate(ctx.vars())), false)
        : new ClusterDriver.Scope(null, a.drain() != null);
    return new Rendered(ctx, driver, request, scope, manage);
  }

  private static MoveRequest.One oneMove(MigrateAction a, TaskContext ctx, String databaseVariable, String endpointVariable,
      boolean changeLeaders) throws ActionException {
    String db = a.keys().containsKey("database") ? ctx.render(a.keys().get("database")) : variable(ctx, databaseVariable);
    if (db == null || db.isBlank()) {
      throw new ActionException("migrate: one move needs its table's database: set database, or the variable " + databaseVariable);
    }
    List<Integer> pids;
    try {
      pids = partitions(ctx.render(a.keys().get("partition")));
    } catch (IllegalArgumentException e) {
      throw new ActionException("migrate.partition: " + e.getMessage());
    }
    String from = endpoint(ctx.render(a.keys().get("from")), ctx, endpointVariable);
    String to = endpoint(ctx.render(a.keys().get("to")), ctx, endpointVariable);
    return new MoveRequest.One(db, ctx.render(a.keys().get("table")), pids, from, to, changeLeaders);
  }

  private static String choice(MigrateAction a, TaskContext ctx, String key) throws ActionException {
    return a.keys().containsKey(key) ? checked(a, ctx, key) : CHOICES.get(key).get(0);
  }

  private static Duration duration(MigrateAction a, TaskContext ctx, String key, Duration otherwise) throws ActionException {
    return a.keys().containsKey(key) ? Args.duration(checked(a, ctx, key)) : otherwise;
  }

  /** A key's value rendered for the host, checked as a literal one is when the playbook loads. */
  private static String checked(MigrateAction a, TaskContext ctx, String key) throws ActionException {
    String text = ctx.render(a.keys().get(key)).strip();
    String problem = problem(key, text);
    if (problem != null) throw new ActionException("migrate." + key + ": " + problem);
    return text;
  }

  /** A host variable as text, or null when it is not defined. */
  private static String variable(TaskContext ctx, String name) {
    if (name == null || !ctx.vars().contains(name)) return null;
    Object v = ctx.vars().get(name, null);
    return v == null ? null : String.valueOf(v);
  }

  /** Endpoints from a list or a comma-separated string; each an endpoint or an inventory host's name. */
  private static List<String> endpoints(Value value, TaskContext ctx, String variable) throws ActionException {
    List<String> out = new ArrayList<>();
    for (String word : words(value.evaluate(ctx.vars()))) out.add(endpoint(word, ctx, variable));
    if (out.isEmpty()) throw new ActionException("migrate: no endpoint given to " + (value == null ? "move" : "drain or rebalance onto"));
    return out;
  }

  private static List<String> words(Object value) {
    List<String> out = new ArrayList<>();
    for (Object item : value instanceof List<?> list ? list : List.of(value == null ? "" : value)) {
      for (String w : String.valueOf(item).split(",")) if (!w.isBlank()) out.add(w.strip());
    }
    return out;
  }

  /** {@code host:port} as is; an inventory host name becomes its endpoint variable's value. */
  private static String endpoint(String word, TaskContext ctx, String variable) throws ActionException {
    if (word.contains(":")) return word;
    Object hosts = ctx.vars().contains("hostvars") ? ctx.vars().get("hostvars", null) : null;
    if (hosts instanceof Map<?, ?> map && map.get(word) instanceof Map<?, ?> vars && vars.get(variable) != null) {
      return String.valueOf(vars.get(variable));
    }
    throw new ActionException("migrate: '" + word + "' is neither an endpoint (host:port) nor an inventory host with "
        + variable);
  }

  /**
   * A partition group as ns_client reads one: {@code 3}, {@code 1,3,5} or {@code 1-5}, not mixed;
   * sorted and without repeats.
   */
  static List<Integer> partitions(String text) {
    String t = text.strip();
    TreeSet<Integer> out = new TreeSet<>();
    if (t.matches("\\d+(,\\d+)*")) {
      for (String p : t.split(",")) out.add(pid(p));
    } else if (t.matches("\\d+-\\d+")) {
      int from = pid(t.substring(0, t.indexOf('-')));
      int to = pid(t.substring(t.indexOf('-') + 1));
      if (from > to) throw new IllegalArgumentException("the range '" + t + "' is empty");
      for (int p = from; p <= to; p++) out.add(p);
    } else {
      throw new IllegalArgumentException("expected a partition (3), a list (1,3,5) or a range (1-5), found '" + t + "'");
    }
    return List.copyOf(out);
  }

  private static int pid(String digits) {
    if (digits.length() > 9) throw new IllegalArgumentException("partition " + digits + " is out of range");
    return Integer.parseInt(digits);
  }
}
