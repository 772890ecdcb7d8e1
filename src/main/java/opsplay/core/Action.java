package opsplay.core;

/**
 * One action type (ssh, print, set, …). Built once per task by its parser, immutable, shared
 * across hosts and worker threads.
 *
 * <p>The Runner owns check mode: it always calls {@link #plan}, and calls {@link #apply} only
 * when the run is not in check mode or the plan is read-only. An action never asks whether it
 * is in check mode.
 */
public interface Action {
  /**
   * Decides what this task would do on {@code ctx.host()}. Called on a worker thread, right
   * before apply. May read (guards such as creates/removes/unless, probes); must not change the
   * host or a database. Returns {@link Plan#done} when the work is already done.
   */
  Plan plan(TaskContext ctx) throws ActionException, ConnectionException;

  /** Carries out a plan returned by {@link #plan}, on the same thread. */
  Result apply(Plan plan, TaskContext ctx) throws ActionException, ConnectionException;
}
