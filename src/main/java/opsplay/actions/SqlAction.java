package opsplay.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionException;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.ConnectionException;
import opsplay.core.Node;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.SqlSession;
import opsplay.core.SqlText;
import opsplay.core.TaskContext;
import opsplay.core.Template;
import opsplay.core.Value;

/**
 * Runs SQL on the host's PostgreSQL database, all statements in one transaction: when one fails,
 * nothing of the task is kept.
 * <ul>
 *   <li>{@code query}: one statement (a template), or</li>
 *   <li>{@code script}: several, as a list or as one text split on {@code ;} (quotes, dollar
 *       quotes and comments respected)</li>
 *   <li>{@code params}: values bound to placeholders, never spliced into the SQL: a list for
 *       {@code ?} (in order across a script), or a mapping for {@code :name}; values may be
 *       templates or {@code {{ expressions }}}</li>
 *   <li>{@code database}: this database instead of the one in the URL</li>
 *   <li>{@code readonly}: true runs a READ ONLY transaction (the database refuses writes); such a
 *       task also runs in check mode</li>
 *   <li>{@code unless}: a query; when its first row's first value is true or non-zero the task
 *       is already done (it may use the {@code :name} params)</li>
 *   <li>{@code url}, {@code user}, {@code password}: the connection, instead of the host's
 *       {@code sql_url}, {@code sql_user} and {@code sql_password}; a password only as
 *       {@code env:NAME} or {@code file:PATH}</li>
 * </ul>
 * Registers {@code rows} (a list of mappings), {@code columns} and {@code rowcount} (rows returned
 * or changed) of the last statement. The task's {@code timeout} bounds each statement. A readonly
 * task is ok; any other is changed (adjust with changed_when).
 */
public record SqlAction(List<Template> texts, boolean script, Value params, Template database, boolean readonly,
    Template unless, Template url, Template user, Template password) implements Action {
  public static final ActionType TYPE = new ActionType("sql", List.of("query", "script", "params", "database",
      "readonly", "unless", "url", "user", "password"), "query", SqlAction::parse);
  /** The sql probe of wait-until: one read-only query. */
  static final ActionType PROBE = new ActionType("wait-until.sql", List.of("query", "params", "database", "url",
      "user", "password"), "query", SqlAction::probe);
  private static final String TARGET = "target";
  private static final String BATCH = "batch";

  static Action parse(Args args) {
    args.requireOneOf("query", "script");
    List<Template> texts = args.has("script") ? args.templates("script") : query(args);
    return new SqlAction(texts, args.has("script"), params(args), args.template("database"),
        args.bool("readonly", false), args.template("unless"), args.template("url"), args.template("user"), password(args));
  }

  static Action probe(Args args) {
    args.requireOneOf("query");
    return new SqlAction(query(args), false, params(args), args.template("database"), true, null,
        args.template("url"), args.template("user"), password(args));
  }

  private static List<Template> query(Args args) {
    Template q = args.template("query");
    return q == null ? List.of() : List.of(q);
  }

  private static Value params(Args args) {
    Node n = args.node("params");
    if (n == null) return null;
    if (!n.isList() && !n.isMap() && !(n.value() instanceof String s && s.contains("{{"))) {
      args.diagnostics().error(n.pos(), args.actionName() + ".params: expected a list (for ?) or a mapping (for :name),"
          + " found a " + n.typeName(), "for example  params: [\"{{name}}\", 3]  or  params: {name: \"{{name}}\"}");
    }
    return args.value("params");
  }

  /** A password written in the playbook is refused as it is read, and never shown. */
  private static Template password(Args args) {
    Node n = args.node("password");
    if (n != null && n.isScalar() && !n.text().contains("{{") && !n.text().startsWith("env:") && !n.text().startsWith("file:")) {
      args.diagnostics().secretError(n.pos(), args.actionName() + ".password: a password is never written in a playbook",
          "use env:VARIABLE (read from the environment) or file:/path/to/file (its first line)", n.text());
    }
    return args.template("password");
  }

  @Override
  public Plan plan(TaskContext ctx) throws ActionException, ConnectionException {
    SqlSession.Target target = target(ctx);
    Object values = params == null ? null : params.evaluate(ctx.vars());
    SqlBatch batch = SqlBatch.of(statements(ctx), values, ctx.secrets(), false);
    if (unless != null) {
      String done = guard(ctx, target, values);
      if (done != null) return Plan.done(done, batch.steps());
    }
    // logging in changes nothing, and so a preview finds a database it cannot reach as the run would
    ctx.sql(target).connect();
    return new Plan(batch.steps(), null, readonly, Map.of(TARGET, target, BATCH, batch));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) throws ActionException, ConnectionException {
    SqlSession.Rows r = run(ctx, (SqlSession.Target) plan.data().get(TARGET), (SqlBatch) plan.data().get(BATCH), readonly);
    Map<String, Object> registered = new LinkedHashMap<>();
    registered.put("rows", r.rows());
    registered.put("columns", r.columns());
    registered.put("rowcount", r.rowcount());
    return Result.of(readonly ? Result.Status.OK : Result.Status.CHANGED, "", registered);
  }

  /** The statements as rendered: a query must be one, a script may be several. */
  private List<String> statements(TaskContext ctx) throws ActionException {
    List<String> out = new ArrayList<>();
    for (Template t : texts) out.addAll(SqlText.split(ctx.render(t)));
    if (out.isEmpty()) throw new ActionException((script ? "script" : "query") + " has no statement");
    if (!script && out.size() > 1) {
      throw new ActionException("query holds " + out.size() + " statements, but takes one; use script: for several");
    }
    return out;
  }

  /** Why the work is already done, or null. The guard only reads, so it runs in check mode too. */
  private String guard(TaskContext ctx, SqlSession.Target target, Object values) throws ActionException, ConnectionException {
    String query = ctx.render(unless);
    SqlBatch check = SqlBatch.of(List.of(query), values instanceof Map ? values : null, ctx.secrets(), true);
    SqlSession.Rows r = run(ctx, target, check, true);
    Object first = r.rows().isEmpty() ? null : r.rows().get(0).values().stream().findFirst().orElse(null);
    boolean done = first instanceof Boolean b ? b : first instanceof Number n && n.doubleValue() != 0;
    return done ? "'" + ctx.secrets().mask(query) + "' is true" : null;
  }

  static SqlSession.Rows run(TaskContext ctx, SqlSession.Target target, SqlBatch batch, boolean readOnly)
      throws ActionException, ConnectionException {
    try {
      return ctx.sql(target).run(batch.statements(), readOnly, ctx.timeout());
    } catch (SqlSession.Refused e) {
      throw new ActionException(batch.explain(e, hints(e, readOnly, ctx)));
    }
  }

  private static List<String> hints(SqlSession.Refused e, boolean readOnly, TaskContext ctx) {
    return switch (e.sqlState()) {
      case "25006" -> readOnly ? List.of("the transaction is READ ONLY (readonly: true), so the database refuses writes") : List.of();
      case "57014" -> ctx.timeout() == null ? List.of() : List.of("the statement ran longer than the task's timeout ("
          + WaitUntilAction.human(ctx.timeout()) + "); raise timeout: if it needs longer");
      case "25001" -> List.of("an sql task always runs in a transaction, and this statement cannot");
      default -> List.of();
    };
  }

  /** Where to connect: the task's url/user/password, else the host's sql_url/sql_user/sql_password. */
  private SqlSession.Target target(TaskContext ctx) throws ActionException {
    String address = url != null ? ctx.render(url) : variable(ctx, "sql_url");
    if (address == null) {
      throw new ActionException("no database to connect to: set sql_url for " + ctx.host().name()
          + " in the inventory (jdbc:postgresql://HOST:PORT/DATABASE), or url: on the task");
    }
    if (database != null) address = withDatabase(address, ctx.render(database));
    String login = user != null ? ctx.render(user) : variable(ctx, "sql_user");
    String secret = password != null ? ctx.render(password) : variable(ctx, "sql_password");
    if (secret != null && !secret.startsWith("env:") && !secret.startsWith("file:")) {
      throw new ActionException("the database password must be a reference, env:NAME (an environment variable)"
          + " or file:PATH (a file's first line); a password written in a playbook or inventory is refused");
    }
    return new SqlSession.Target(address, login, secret);
  }

  private static String variable(TaskContext ctx, String name) {
    Object v = ctx.vars().asMap().get(name);
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).strip();
  }

  /** The URL with its database replaced: jdbc:postgresql://h:p/DB?x=y or jdbc:postgresql:DB. */
  static String withDatabase(String url, String db) throws ActionException {
    if (db.isBlank() || db.matches(".*[/?&#\\s].*")) {
      throw new ActionException("database: '" + db + "' is not a database name");
    }
    String prefix = "jdbc:postgresql:";
    if (!url.startsWith(prefix)) {
      throw new ActionException("database: cannot set the database of a URL that does not start with " + prefix);
    }
    int q = url.indexOf('?');
    String head = q < 0 ? url : url.substring(0, q);
    String tail = q < 0 ? "" : url.substring(q);
    String rest = head.substring(prefix.length());
    if (!rest.startsWith("//")) return prefix + db + tail;
    int slash = rest.indexOf('/', 2);
    return prefix + (slash < 0 ? rest : rest.substring(0, slash)) + "/" + db + tail;
  }
}
