package opsplay.core;

import java.util.List;
import java.util.Map;

/**
 * Receives run events. The Runner calls these in this order, never two at once:
 * runStart (playStart (taskStart (progress* hostResult)*)*)* recap. Implementations must be
 * quick and must not throw. Everything handed over has already been masked.
 */
public interface Reporter {
  default void runStart(String runId, String playbook, boolean check) {}

  default void playStart(Play play, List<String> hosts) {}

  default void taskStart(Play play, Task task, String name) {}

  default void progress(Task task, String host, String message) {}

  default void hostResult(Task task, String name, String host, Result result, Plan plan) {}

  /** A problem with the run itself (a play aborted, an interrupt) rather than with one host. */
  default void warning(String message) {}

  default void recap(Map<String, Recap> hosts, int exitCode) {}

  /**
   * Per-host counts for the closing table, as ansible-playbook keeps them: a failure that a
   * block's rescue recovered counts as rescued, one under ignore_errors as ignored, not failed.
   */
  record Recap(int ok, int changed, int skipped, int failed, int unreachable, int rescued, int ignored) {
    public static final Recap NONE = new Recap(0, 0, 0, 0, 0, 0, 0);

    public Recap add(Result.Status s) {
      return switch (s) {
        case OK -> new Recap(ok + 1, changed, skipped, failed, unreachable, rescued, ignored);
        case CHANGED -> new Recap(ok + 1, changed + 1, skipped, failed, unreachable, rescued, ignored);
        case SKIPPED -> new Recap(ok, changed, skipped + 1, failed, unreachable, rescued, ignored);
        case FAILED -> new Recap(ok, changed, skipped, failed + 1, unreachable, rescued, ignored);
        case UNREACHABLE -> new Recap(ok, changed, skipped, failed, unreachable + 1, rescued, ignored);
      };
    }

    /** A failure that rescue recovered. */
    public Recap rescue() {
      return new Recap(ok, changed, skipped, Math.max(0, failed - 1), unreachable, rescued + 1, ignored);
    }

    public Recap ignore() {
      return new Recap(ok, changed, skipped, failed, unreachable, rescued, ignored + 1);
    }
  }

  /** Sends every event to each of several reporters (the screen and the journal). */
  static Reporter all(List<Reporter> reporters) {
    return new Reporter() {
      @Override public void runStart(String id, String pb, boolean check) { reporters.forEach(r -> r.runStart(id, pb, check)); }
      @Override public void playStart(Play p, List<String> h) { reporters.forEach(r -> r.playStart(p, h)); }
      @Override public void taskStart(Play p, Task t, String n) { reporters.forEach(r -> r.taskStart(p, t, n)); }
      @Override public void progress(Task t, String h, String m) { reporters.forEach(r -> r.progress(t, h, m)); }
      @Override public void hostResult(Task t, String n, String h, Result res, Plan plan) { reporters.forEach(r -> r.hostResult(t, n, h, res, plan)); }
      @Override public void warning(String m) { reporters.forEach(r -> r.warning(m)); }
      @Override public void recap(Map<String, Recap> hosts, int code) { reporters.forEach(r -> r.recap(hosts, code)); }
    };
  }
}
