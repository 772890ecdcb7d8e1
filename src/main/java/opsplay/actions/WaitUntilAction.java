package opsplay.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.Action;
import opsplay.core.ActionException;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.Condition;
import opsplay.core.ConnectionException;
import opsplay.core.EvalException;
import opsplay.core.Node;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Value;
import opsplay.json.Json;

/**
 * Polls a probe until a condition holds, or fails when the timeout passes.
 * <ul>
 *   <li>{@code ssh}: a command (a string, or cmd/argv/chdir as for ssh); a non-zero exit is an
 *       answer for {@code until}, not a failure, or</li>
 *   <li>{@code sql}: a query (a string, or query/params/database/url/user/password as for sql),
 *       always read-only, or</li>
 *   <li>{@code tcp}: {@code host:port} (a template), tried from the controller; a bare port is the
 *       host's address</li>
 *   <li>{@code until}: an expression over {@code result}, the last probe's values: rc, stdout,
 *       stderr, stdout_lines (ssh); rows, columns, rowcount (sql); open (tcp). {@code result}
 *       hides a variable of that name. Without it: result.rc == 0, a first value that is true or
 *       non-zero, result.open</li>
 *   <li>{@code interval}: the time between probes (default 2s)</li>
 *   <li>{@code timeout}: how long to wait in all (default 5m); the task's own {@code timeout}
 *       bounds each probe</li>
 *   <li>both may be a template instead ({@code "{{ kw_poll_interval ?? '5s' }}"}), read when the
 *       task is planned: a duration text, or a number of seconds</li>
 * </ul>
 * A probe that fails (an SQL error, a refused connection) is tried again until the timeout; the
 * failure message then gives the last error. Registers the last probe's values (or its
 * {@code error}), {@code attempts} and {@code elapsed_ms}. The first probe is made when planning:
 * ok when the condition already holds (so check mode tells), changed when it had to wait.
 */
public record WaitUntilAction(Action probe, String kind, Condition until, Span interval, Span timeout)
    implements Action {
  public static final ActionType TYPE = new ActionType("wait-until",
      List.of("ssh", "sql", "tcp", "until", "interval", "timeout"), null, WaitUntilAction::parse);
  private static final String PROBE = "probe";
  private static final String FIRST = "first";
  private static final String START = "start";
  private static final String INTERVAL = "interval";
  private static final String TIMEOUT = "timeout";
  private static final int SHORT = 100;

  /**
   * {@code interval} or {@code timeout}: a duration written in the playbook, or a value (a
   * template) that gives one when the task is planned, so that an inventory or -e can set it.
   */
  record Span(String key, Duration fixed, Value written) {
    Duration in(TaskContext ctx) throws ActionException {
      if (written == null) return fixed;
      Object v = written.evaluate(ctx.vars());
      Duration d = v instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 1000))
          : v == null ? null : Args.duration(String.valueOf(v));
      if (d == null || d.isNegative() || d.isZero()) {
        throw new ActionException("wait-until." + key + ": expected a duration above 0 such as 30s, 5m or 500ms"
            + " (or a number of seconds), found '" + v + "' (from " + written.pos() + ")");
      }
      return d;
    }
  }

  /** One probe: its values (or an error) and whether {@code until} held. */
  record Attempt(Map<String, Object> values, String note, String error, boolean holds) {}

  static Action parse(Args args) {
    args.requireOneOf("ssh", "sql", "tcp");
    String kind = Stream.of("ssh", "sql", "tcp").filter(args::has).findFirst().orElse(null);
    Action probe = kind == null ? null : switch (kind) {
      case "ssh" -> probe(SshAction.PROBE, args);
      case "sql" -> probe(SqlAction.PROBE, args);
      default -> new PortProbe(args.template("tcp"));
    };
    return new WaitUntilAction(probe, kind, args.condition("until"), span(args, INTERVAL, Duration.ofSeconds(2)),
        span(args, TIMEOUT, Duration.ofMinutes(5)));
  }

  /** The probe reads its keys as the action it borrows from (ssh or sql) would. */
  private static Action probe(ActionType type, Args args) {
    return type.parser().apply(new Args(type, args.node(type.name().substring("wait-until.".length())),
        args.compiler(), args.diagnostics()));
  }

  /** A template ({@code {{ … }}}) is read when planned; anything else must be a duration now. */
  private static Span span(Args args, String key, Duration otherwise) {
    Node n = args.node(key);
    if (n != null && n.isScalar() && !n.isNull() && n.text().contains("{{")) return new Span(key, null, args.value(key));
    return new Span(key, positive(args, key, otherwise), null);
  }

  private static Duration positive(Args args, String key, Duration otherwise) {
    Duration d = args.duration(key, otherwise);
    Node n = args.node(key);
    if (d.isZero() && n != null && n.text().strip().matches("[0-9.]+\\s*[a-z]*")) {
      args.diagnostics().error(n.pos(), "wait-until." + key + ": expected more than 0, found '" + n.text() + "'");
    }
    return d;
  }

  @Override
  public Plan plan(TaskContext ctx) throws ActionException, ConnectionException {
    Instant start = ctx.clock().instant();
    Duration every = interval.in(ctx);
    Duration upTo = timeout.in(ctx);
    Plan probePlan = probe.plan(ctx);
    Attempt first = attempt(ctx, probePlan);
    String now = ctx.secrets().mask(summary(first));
    List<Plan.Step> steps = probePlan.steps().stream().map(s -> new Plan.Step(s.kind(), s.text(), "wait until "
        + condition() + " (every " + human(every) + ", up to " + human(upTo) + "; now: " + now + "): " + s.display()))
        .toList();
    if (first.holds()) return Plan.done("until is already true: " + condition(), steps);
    return new Plan(steps, null, false, Map.of(PROBE, probePlan, FIRST, first, START, start, INTERVAL, every, TIMEOUT, upTo));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) throws ActionException {
    Plan probePlan = (Plan) plan.data().get(PROBE);
    Attempt last = (Attempt) plan.data().get(FIRST);
    Instant start = (Instant) plan.data().get(START);
    Duration interval = (Duration) plan.data().get(INTERVAL);
    Duration timeout = (Duration) plan.data().get(TIMEOUT);
    Instant deadline = start.plus(timeout);
    int attempts = 1;
    try {
      while (!last.holds()) {
        Duration left = Duration.between(ctx.clock().instant(), deadline);
        if (left.isNegative() || left.isZero()) return timedOut(ctx, last, attempts, start, timeout);
        ctx.progress("not yet after " + attempts(attempts) + " (" + human(elapsed(ctx, start)) + "): " + summary(last));
        ctx.sleep(left.compareTo(interval) < 0 ? left : interval);
        last = attempt(ctx, probePlan);
        attempts++;
      }
    } catch (InterruptedException e) {
      // the run's interrupt, not the thread's: the run is stopping, so this task ends here
      throw new ActionException("interrupted after " + attempts(attempts) + " while waiting until " + condition());
    }
    Duration took = elapsed(ctx, start);
    return Result.of(Result.Status.CHANGED, "true after " + attempts(attempts) + " (" + human(took) + ")",
        registered(last, attempts, took));
  }

  private Result timedOut(TaskContext ctx, Attempt last, int attempts, Instant start, Duration timeout) {
    Duration took = elapsed(ctx, start);
    String msg = "timed out after " + human(timeout) + " (" + attempts(attempts) + "), until is still false: " + condition()
        + "\n" + details(last).indent(4).stripTrailing();
    return new Result(Result.Status.FAILED, msg, registered(last, attempts, took), Map.of(), took);
  }

  private static String attempts(int n) {
    return n + (n == 1 ? " attempt" : " attempts");
  }

  /** Runs the probe once. Its errors are answers too: polling goes on, and the last one is reported. */
  private Attempt attempt(TaskContext ctx, Plan probePlan) {
    Result r;
    try {
      r = probe.apply(probePlan, ctx);
    } catch (ActionException | ConnectionException e) {
      String msg = ctx.secrets().mask(e.getMessage());
      return new Attempt(Map.of("error", msg), "", msg, false);
    }
    try {
      boolean holds = until != null ? until.test(ctx.vars().with("result", r.registered())) : holdsByDefault(r.registered());
      return new Attempt(r.registered(), r.msg(), null, holds);
    } catch (EvalException e) {
      // a value that is not there yet (no row so far) is "not yet"; a typo shows in the final message
      return new Attempt(r.registered(), r.msg(), "until could not be evaluated: " + e.describe(), false);
    }
  }

  private boolean holdsByDefault(Map<String, Object> values) {
    return switch (kind) {
      case "ssh" -> Integer.valueOf(0).equals(values.get("rc"));
      case "tcp" -> Boolean.TRUE.equals(values.get("open"));
      default -> values.get("rows") instanceof List<?> rows && !rows.isEmpty() && rows.get(0) instanceof Map<?, ?> row
          && !row.isEmpty() && truthy(row.values().iterator().next());
    };
  }

  private static boolean truthy(Object v) {
    return v instanceof Boolean b ? b : v instanceof Number n && n.doubleValue() != 0;
  }

  /** The condition as written, or the default one in words. */
  private String condition() {
    if (until != null) return until.source();
    return switch (kind) {
      case "ssh" -> "result.rc == 0";
      case "tcp" -> "result.open";
      default -> "the first value is true";
    };
  }

  private static Map<String, Object> registered(Attempt last, int attempts, Duration took) {
    Map<String, Object> out = new LinkedHashMap<>(last.values());
    out.put("attempts", attempts);
    out.put("elapsed_ms", took.toMillis());
    return out;
  }

  private static Duration elapsed(TaskContext ctx, Instant start) {
    return Duration.between(start, ctx.clock().instant());
  }

  /** One line about a probe, for progress and plans. */
  private static String summary(Attempt a) {
    String text;
    if (a.error() != null && !a.values().containsKey("rc") && !a.values().containsKey("rows") && !a.values().containsKey("open")) {
      text = "failed: " + firstLine(a.error());
    } else if (a.values().containsKey("rc")) {
      text = "rc " + a.values().get("rc") + lastLine(", stdout: ", a.values().get("stdout"))
          + lastLine(", stderr: ", a.values().get("stderr"));
    } else if (a.values().get("rows") instanceof List<?> rows) {
      text = rows.size() + " row" + (rows.size() == 1 ? "" : "s") + (rows.isEmpty() ? "" : ": " + new Json().write(rows.get(0)));
    } else {
      text = a.note();
    }
    return text.length() > SHORT ? text.substring(0, SHORT) + "…" : text;
  }

  /** What the last probe returned, for the failure message: output's last lines or the first rows. */
  private static String details(Attempt a) {
    StringBuilder out = new StringBuilder("last probe: ");
    Map<String, Object> v = a.values();
    if (v.containsKey("rc")) {
      out.append("rc ").append(v.get("rc"));
      for (String stream : List.of("stdout", "stderr")) {
        List<String> lines = String.valueOf(v.get(stream)).lines().toList();
        for (String l : lines.subList(Math.max(0, lines.size() - 5), lines.size())) out.append("\n  ").append(stream).append(" | ").append(l);
      }
    } else if (v.get("rows") instanceof List<?> rows) {
      out.append(rows.size()).append(rows.size() == 1 ? " row" : " rows");
      for (Object row : rows.subList(0, Math.min(3, rows.size()))) out.append("\n  ").append(new Json().write(row));
      if (rows.size() > 3) out.append("\n  …");
    } else if (v.containsKey("open")) {
      out.append(a.note());
    } else {
      return "last probe failed: " + a.error();
    }
    return a.error() == null ? out.toString() : out + "\n" + a.error();
  }

  private static String lastLine(String label, Object text) {
    String s = text == null ? "" : String.valueOf(text).strip();
    return s.isEmpty() ? "" : label + s.substring(s.lastIndexOf('\n') + 1);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** 300ms, 1.5s, 12s, 5m, 2m30s, 1h. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + "ms";
    if (ms < 10_000 && ms % 1000 != 0) return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    long s = Math.round(ms / 1000.0);
    if (s < 60) return s + "s";
    if (s < 3600) return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
  }
}
