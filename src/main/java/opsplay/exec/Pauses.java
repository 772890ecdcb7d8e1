package opsplay.exec;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opsplay.core.ActionException;
import opsplay.core.Task;

/**
 * Pauses, as Ansible does them: one prompt per task however many hosts run it (the first host
 * asks, the others wait for the same answer); --yes skips them; without a terminal a prompt
 * fails instead of hanging. A timed pause just waits.
 */
final class Pauses {
  private final Services.Prompter prompter;
  private final boolean yes;
  private final RunState state;
  private final Map<Task, String> answered = new ConcurrentHashMap<>();

  Pauses(Services.Prompter prompter, boolean yes, RunState state) {
    this.prompter = prompter;
    this.yes = yes;
    this.state = state;
  }

  String pause(Task task, String prompt, Duration wait, HostTask waiter) throws ActionException, InterruptedException {
    if (yes) return "skipped (--yes)";
    if (wait != null) {
      waiter.sleep(wait);
      return "waited " + wait.toMillis() / 1000.0 + "s";
    }
    if (!prompter.available()) {
      throw new ActionException("pause needs someone at a terminal to press Enter (" + prompt + "); "
          + "run with --yes to go on without pausing");
    }
    synchronized (this) {
      String done = answered.get(task);
      if (done != null) return done;
      if (state.interrupted()) throw new InterruptedException("interrupted");
      prompter.waitForEnter(prompt);
      answered.put(task, "confirmed");
      return "confirmed";
    }
  }
}
