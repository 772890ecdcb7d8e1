package opsplay.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import opsplay.core.ActionException;
import opsplay.core.ConnectionException;
import opsplay.core.EvalException;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.Result.Status;
import opsplay.core.Task;
import opsplay.core.TaskContext;
import opsplay.core.Vars;

/**
 * Runs one task on one host: its loop, {@code when}, plan, check mode, apply with retries,
 * {@code changed_when} and {@code failed_when}. The task keywords live here so that actions
 * never see them.
 */
final class TaskRun {
  /** What one task did on one host, and what it planned; {@code resumed}: done by an earlier run. */
  record Outcome(Result result, Plan plan, boolean resumed) {
    Outcome(Result result, Plan plan) {
      this(result, plan, false);
    }
  }

  /** Why a variable registered by an earlier task may be missing in a preview. */
  private static final String CHECK_HINT = " (in check mode a task that would change something does not run,"
      + " so what it registers is missing: mark a task that only reads with check_mode: false,"
      + " or skip this one with when: not check_mode)";
  private final Task task;
  private final boolean check;
  private final Function<Vars, TaskContext> contexts;

  /** {@code contexts} makes the action's context for given variables (one per loop item). */
  TaskRun(Task task, boolean check, Function<Vars, TaskContext> contexts) {
    this.task = task;
    this.check = check;
    this.contexts = contexts;
  }

  Outcome run(Vars vars) {
    Instant start = Instant.now();
    Outcome out;
    try {
      out = task.loop() == null ? once(vars) : loop(vars);
    } catch (EvalException e) {
      out = new Outcome(Result.of(Status.FAILED, e.describe() + (check && e.getMessage().startsWith("undefined variable") ? CHECK_HINT : ""), Map.of()), null);
    }
    return new Outcome(out.result().withDuration(Duration.between(start, Instant.now())), out.plan(), false);
  }

  private Outcome loop(Vars vars) {
    Object items = task.loop().items().evaluate(vars);
    if (!(items instanceof List<?> list)) {
      throw new EvalException(task.loop().items().pos(), "loop: expected a list, found " + describe(items));
    }
    List<Object> results = new ArrayList<>();
    List<Plan.Step> steps = new ArrayList<>();
    Status status = list.isEmpty() ? Status.SKIPPED : null;
    List<String> messages = new ArrayList<>();
    Set<String> skipped = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Vars itemVars = itemVars(vars, list.get(i), i);
      Outcome one = once(itemVars);
      results.add(itemResult(one, list.get(i), i));
      if (one.plan() != null) steps.addAll(one.plan().steps());
      status = worse(status, one.result().status());
      if (one.result().status() == Status.SKIPPED) {
        skipped.add(one.result().msg());
      } else if (!one.result().msg().isEmpty()) {
        messages.add(task.loop().var() + "=" + label(itemVars, list.get(i)) + ": " + one.result().msg());
      }
    }
    // every item skipped: why, once per reason (usually one: the same when: for each item)
    if (status == Status.SKIPPED) messages.addAll(list.isEmpty() ? List.of("the loop has no items") : skipped);
    Map<String, Object> registered = new LinkedHashMap<>();
    registered.put("results", results);
    registered.put("changed", status == Status.CHANGED);
    return new Outcome(Result.of(status, String.join("\n", messages), registered), Plan.change(steps));
  }

  /** The variables for one item: the item under loop_var, its position under index_var. */
  private Vars itemVars(Vars vars, Object item, int index) {
    Vars with = vars.with(task.loop().var(), item);
    return task.loop().indexVar() == null ? with : with.with(task.loop().indexVar(), index);
  }

  /** One entry of the registered results: what the item registered, the item, its index, its status. */
  private Map<String, Object> itemResult(Outcome one, Object item, int index) {
    Map<String, Object> r = new LinkedHashMap<>(one.result().registered());
    r.put(task.loop().var(), item);
    if (task.loop().indexVar() != null) r.put(task.loop().indexVar(), index);
    r.put("status", one.result().status().word());
    return r;
  }

  /**
   * An item as its message line names it: its label (loop_control) or its value, a long one (a
   * mapping, say) cut short.
   */
  private String label(Vars itemVars, Object item) {
    String text = task.loop().label() != null ? task.loop().label().render(itemVars) : String.valueOf(item);
    return text.length() <= 40 ? text : text.substring(0, 39) + "…";
  }

  /** FAILED over CHANGED over OK over SKIPPED. */
  private static Status worse(Status a, Status b) {
    if (a == null) return b;
    List<Status> order = List.of(Status.SKIPPED, Status.OK, Status.CHANGED, Status.FAILED, Status.UNREACHABLE);
    return order.indexOf(a) >= order.indexOf(b) ? a : b;
  }

  private Outcome once(Vars vars) {
    if (task.when() != null && !task.when().test(vars)) {
      return new Outcome(Result.of(Status.SKIPPED, "condition is false: " + task.when().source(), Map.of()), null);
    }
    TaskContext ctx = contexts.apply(vars);
    Plan plan = null;
    try {
      plan = task.action().plan(ctx);
      if (plan == null) throw new IllegalStateException("action '" + task.actionName() + "' at " + task.pos() + " returned a null plan");
      if (plan.isDone()) return new Outcome(Result.of(Status.OK, "already done: " + plan.alreadyDone(), preview(plan)), plan);
      if (checkOnly() && !plan.readOnly()) return new Outcome(Result.of(Status.CHANGED, "would run (check mode)", preview(plan)), plan);
      return new Outcome(judge(applyWithRetries(plan, ctx), vars), plan);
    } catch (ConnectionException e) {
      return new Outcome(Result.of(Status.UNREACHABLE, ctx.secrets().mask(e.getMessage()), Map.of()), plan);
    } catch (ActionException e) {
      return new Outcome(Result.of(Status.FAILED, ctx.secrets().mask(e.getMessage()), Map.of()), plan);
    } catch (InterruptedException e) {
      return new Outcome(Result.of(Status.FAILED, "interrupted", Map.of()), plan);
    }
  }

  /** What a task registers when apply does not run: what its plan says it would (Plan.REGISTERED), or nothing. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> preview(Plan plan) {
    return plan.data().get(Plan.REGISTERED) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private boolean checkOnly() {
    return task.checkMode() != null ? task.checkMode() : check;
  }

  /** Applies, and with {@code until} applies again (after {@code delay}) until it holds. */
  private Result applyWithRetries(Plan plan, TaskContext ctx)
      throws ActionException, ConnectionException, InterruptedException {
    int attempts = task.until() == null ? 1 : Math.max(1, task.retries() == 0 ? 3 : task.retries()) + 1;
    Result result = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        ctx.progress("retrying (" + attempt + "/" + attempts + ")");
        ctx.sleep(task.delay() == null ? Duration.ofSeconds(5) : task.delay());
        plan = task.action().plan(ctx);
      }
      result = task.action().apply(plan, ctx);
      if (task.until() == null || result.status() == Status.UNREACHABLE) return result;
      if (task.until().test(withResult(ctx.vars(), result))) return result;
    }
    return result.withStatus(Status.FAILED, "still not true after " + attempts + " attempts: " + task.until().source()
        + (result.msg().isEmpty() ? "" : " (" + result.msg() + ")"));
  }

  /** Applies {@code changed_when} and {@code failed_when} to an action's result. */
  private Result judge(Result result, Vars vars) {
    if (result.status() == Status.UNREACHABLE || (task.changedWhen() == null && task.failedWhen() == null)) return result;
    Vars with = withResult(vars, result);
    boolean failed = task.failedWhen() != null ? task.failedWhen().test(with) : result.status() == Status.FAILED;
    if (failed) {
      return result.withStatus(Status.FAILED,
          task.failedWhen() != null ? "failed_when is true: " + task.failedWhen().source() : result.msg());
    }
    boolean changed = task.changedWhen() != null ? task.changedWhen().test(with) : result.status() == Status.CHANGED;
    return result.withStatus(changed ? Status.CHANGED : Status.OK, result.status() == Status.FAILED ? "" : result.msg());
  }

  /** The variables with this task's result under its {@code register} name. */
  private Vars withResult(Vars vars, Result result) {
    if (task.register() == null) return vars;
    Map<String, Object> r = new LinkedHashMap<>(result.registered());
    r.put("changed", result.status() == Status.CHANGED);
    r.put("failed", result.status() == Status.FAILED);
    return vars.with(task.register(), r);
  }

  private static String describe(Object o) {
    return o == null ? "nothing" : "a " + o.getClass().getSimpleName().toLowerCase() + " (" + o + ")";
  }
}
