package opsplay.exec;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import opsplay.core.Plan;
import opsplay.core.Play;
import opsplay.core.Reporter;
import opsplay.core.Result;
import opsplay.core.Secrets;
import opsplay.core.Task;

/**
 * Keeps the Reporter contract for every reporter of a run: events one at a time, and everything
 * masked with the secrets known at that moment, so no reporter (screen, JSON, journal) has to
 * know about secrets.
 */
final class GuardedReporter implements Reporter {
  private final Reporter reporter;
  private final Supplier<Secrets> secrets;

  GuardedReporter(Reporter reporter, Supplier<Secrets> secrets) {
    this.reporter = reporter;
    this.secrets = secrets;
  }

  @Override
  public synchronized void runStart(String runId, String playbook, boolean check) {
    reporter.runStart(runId, playbook, check);
  }

  @Override
  public synchronized void playStart(Play play, List<String> hosts) {
    reporter.playStart(play, hosts);
  }

  @Override
  public synchronized void taskStart(Play play, Task task, String name) {
    reporter.taskStart(play, task, secrets.get().mask(name));
  }

  @Override
  public synchronized void progress(Task task, String host, String message) {
    reporter.progress(task, host, secrets.get().mask(message));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void hostResult(Task task, String name, String host, Result result, Plan plan) {
    Secrets s = secrets.get();
    Result masked = new Result(result.status(), s.mask(result.msg()), (Map<String, Object>) s.maskAll(result.registered()),
        (Map<String, Object>) s.maskAll(result.facts()), result.duration());
    reporter.hostResult(task, s.mask(name), host, masked, plan == null ? null : masked(plan, s, task.noLog()));
  }

  /** The plan with its steps' shown text masked; under no_log nothing of it is shown. */
  private static Plan masked(Plan plan, Secrets s, boolean noLog) {
    List<Plan.Step> steps = plan.steps().stream()
        .map(step -> new Plan.Step(step.kind(), step.text(), noLog ? Secrets.MASK : s.mask(step.display()))).toList();
    return new Plan(steps, plan.alreadyDone(), plan.readOnly(), plan.data());
  }

  @Override
  public synchronized void warning(String message) {
    reporter.warning(secrets.get().mask(message));
  }

  @Override
  public synchronized void recap(Map<String, Recap> hosts, int exitCode) {
    reporter.recap(hosts, exitCode);
  }
}
