package opsplay.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything an action may use for one task on one host. Implemented by the Runner; actions see
 * the world only through it, so tests can give them a small fake.
 */
public interface TaskContext {
  Host host();

  /** The task's variables on this host (loop item included). */
  Vars vars();

  /** The host's connection (or the delegate's), opened on first use and reused for the run. */
  Connection connection() throws ConnectionException;

  /** Values to mask in anything shown. */
  Secrets secrets();

  /** The task's timeout for one command, or null. */
  Duration timeout();

  /** Environment variables the task sets, rendered. */
  Map<String, String> environment();

  /** Run commands through sudo as this user, or null for no privilege change. */
  String becomeUser();

  Clock clock();

  /** Waits; the Runner's implementation returns early with InterruptedException on Ctrl-C. */
  void sleep(Duration d) throws InterruptedException;

  /** A progress message for long waits, shown by the reporter. */
  void progress(String message);

  /**
   * The database session for a target on this host, opened on first use and reused for the run
   * (one per host, URL and user).
   */
  SqlSession sql(SqlSession.Target target) throws ConnectionException;

  /** The connection to another inventory host (for copying from one host to others). */
  Connection connectionTo(String host) throws ConnectionException;

  /** Whether the user asked to see differences (--diff): template and copy then put a diff in their result. */
  boolean diff();

  /**
   * Waits for the user: shows {@code prompt} and waits for Enter, or waits {@code wait} when it is
   * not null. Returns at once with --yes; without a terminal (and without --yes) it throws an
   * ActionException instead of hanging. Returns what happened, for the task's message.
   */
  String pause(String prompt, Duration wait) throws ActionException, InterruptedException;

  /** Renders a template against {@link #vars()}. */
  default String render(Template t) {
    return t.render(vars());
  }
}
