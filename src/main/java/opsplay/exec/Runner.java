package opsplay.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import opsplay.core.EvalException;
import opsplay.core.Inventory;
import opsplay.core.Play;
import opsplay.core.Playbook;
import opsplay.core.Reporter;
import opsplay.core.Result.Status;
import opsplay.core.Secrets;
import opsplay.core.Task;
import opsplay.core.TaskIds;

/**
 * Runs a playbook: plays in order, hosts in serial batches, each task on all hosts of the batch
 * in parallel (up to --forks) before the next task starts. The only place that starts threads.
 */
public final class Runner {
  /** Resolves a host pattern against the inventory; IllegalArgumentException names an unknown host. */
  public interface HostSelector {
    List<String> select(String pattern);
  }

  /** Ends the play early: any_errors_fatal, max_fail_percentage, or an interrupt. */
  static final class PlayAborted extends RuntimeException {
    PlayAborted(String message) {
      super(message);
    }
  }

  private final Inventory inventory;
  private final RunOptions options;
  private final Reporter reporter;
  private final HostSelector selector;
  private final RunState state = new RunState(Secrets.none());
  private final Shared shared;
  private final TaskFilter filter;
  private boolean aborted;
  /** Hosts that failed or were unreachable: as in Ansible, later plays leave them out. */
  private final Set<String> outOfRun = new HashSet<>();

  public Runner(Inventory inventory, RunOptions options, Reporter reporter, Services services, HostSelector selector) {
    this.inventory = inventory;
    this.options = options;
    this.reporter = new GuardedReporter(reporter, state::secrets);
    this.selector = selector;
    this.shared = new Shared(inventory, new Connections(services.connections()), new SqlSessions(services.databases()),
        new Pauses(services.prompter(), options.yes(), state), services.clock(), state, options.diff());
    this.filter = new TaskFilter(options);
  }

  /** Asks the run to stop: no new task starts, running commands finish. Safe from any thread. */
  public void interrupt() {
    state.interrupt();
  }

  /** Runs every play and returns the exit code (SPEC §2). */
  public int run(Playbook playbook) {
    reporter.runStart(options.runId(), playbook.file(), options.check());
    // a task runs one job per host of its play, so more threads than hosts would only be made and left idle
    int threads = Math.max(1, Math.min(options.forks(), inventory.hosts().size()));
    ExecutorService workers = Executors.newFixedThreadPool(threads, daemonThreads());
    TaskIds ids = TaskIds.of(playbook);
    try {
      for (Play play : playbook.plays()) {
        if (aborted || state.interrupted()) break;
        runPlay(play, ids, workers);
      }
      if (!filter.foundStart()) reporter.warning("--start-at-task: no task is named '" + options.startAtTask() + "'");
    } finally {
      workers.shutdownNow();
      shared.close();
    }
    int code = exitCode();
    reporter.recap(state.recap(), code);
    return code;
  }

  private void runPlay(Play play, TaskIds ids, ExecutorService workers) {
    List<String> hosts;
    try {
      hosts = playHosts(play);
    } catch (IllegalArgumentException | EvalException e) {
      reporter.warning("play '" + play.name() + "' (" + play.pos() + "): " + message(e));
      aborted = true;
      state.count("controller", Status.FAILED);
      return;
    }
    reporter.playStart(play, hosts);
    hosts.forEach(state::seen);
    PlayScope scope = new PlayScope(play, ids, options, shared, reporter, workers);
    try {
      scope.addSecrets(hosts);
      for (List<String> batch : Batches.of(hosts, play.serial(), scope.globalVars())) {
        if (state.interrupted()) break;
        Set<String> failed = runTasks(scope, play.tasks(), batch, play.tags(), batch.size(), true);
        outOfRun.addAll(failed);
        if (failed.size() == batch.size() && !batch.isEmpty()) break;
      }
    } catch (PlayAborted e) {
      reporter.warning(e.getMessage());
      aborted = true;
    }
  }

  private List<String> playHosts(Play play) {
    String pattern = play.hostPattern(inventory, options.extraVars());
    List<String> hosts = selector.select(pattern).stream().filter(h -> !outOfRun.contains(h)).toList();
    if (options.limit() != null) {
      Set<String> limit = new HashSet<>(selector.select(options.limit()));
      hosts = hosts.stream().filter(limit::contains).toList();
    }
    return hosts;
  }

  /**
   * Runs tasks in lockstep over hosts; returns the hosts that failed (block/rescue/always recurse).
   * {@code stopRules}: any_errors_fatal and max_fail_percentage apply after each task; inside a block
   * with a rescue they wait for it, since a rescued host has not failed (as in Ansible).
   */
  private Set<String> runTasks(PlayScope scope, List<Task> tasks, List<String> hosts, Set<String> tags, int batchSize,
      boolean stopRules) {
    Set<String> failed = new LinkedHashSet<>();
    for (Task task : tasks) {
      List<String> live = hosts.stream().filter(h -> !failed.contains(h)).toList();
      if (live.isEmpty() || state.interrupted()) break;
      Set<String> inherited = new HashSet<>(tags);
      inherited.addAll(task.tags());
      if (task.isBlock()) {
        failed.addAll(runBlock(scope, task, live, inherited, batchSize, stopRules));
      } else if (filter.runs(task, tags)) {
        failed.addAll(scope.runOnAll(task, live));
      }
      if (stopRules) checkStopRules(scope.play(), failed, batchSize);
    }
    return failed;
  }

  private Set<String> runBlock(PlayScope scope, Task block, List<String> hosts, Set<String> tags, int batchSize,
      boolean stopRules) {
    Set<String> failed = runTasks(scope, block.block(), hosts, tags, batchSize, stopRules && block.rescue().isEmpty());
    Set<String> still = failed;
    // after Ctrl-C no rescue starts, so a host that failed stays failed (not "rescued" by a rescue that never ran)
    if (!block.rescue().isEmpty() && !failed.isEmpty() && !state.interrupted()) {
      still = runTasks(scope, block.rescue(), new ArrayList<>(failed), tags, batchSize, stopRules);
      for (String h : failed) if (!still.contains(h)) state.rescued(h);
    }
    Set<String> out = new LinkedHashSet<>(still);
    if (!block.always().isEmpty()) out.addAll(runTasks(scope, block.always(), hosts, tags, batchSize, stopRules));
    return out;
  }

  private void checkStopRules(Play play, Set<String> failed, int batchSize) {
    if (failed.isEmpty()) return;
    if (play.anyErrorsFatal()) {
      throw new PlayAborted("any_errors_fatal: stopping the play because " + String.join(", ", failed) + " failed");
    }
    Integer max = play.maxFailPercentage();
    if (max != null && failed.size() * 100.0 / batchSize > max) {
      throw new PlayAborted("max_fail_percentage " + max + "% exceeded: " + failed.size() + " of " + batchSize
          + " hosts failed");
    }
  }

  private int exitCode() {
    if (state.interrupted()) return 99;
    boolean failed = false;
    boolean unreachable = false;
    for (Reporter.Recap r : state.recap().values()) {
      failed |= r.failed() > 0;
      unreachable |= r.unreachable() > 0;
    }
    return failed ? 2 : unreachable ? 3 : 0;
  }

  private static String message(Exception e) {
    return e instanceof EvalException ee ? ee.describe() : e.getMessage();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "opsplay-worker");
      t.setDaemon(true);
      return t;
    };
  }
}
