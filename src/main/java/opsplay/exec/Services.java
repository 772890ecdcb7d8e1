package opsplay.exec;

import java.time.Clock;
import opsplay.core.Connection;
import opsplay.core.SqlSession;

/**
 * How a run reaches the outside world: hosts, databases, the person at the terminal, and time.
 * The CLI gives the real ones; tests may give their own.
 */
public record Services(Connection.Factory connections, SqlSession.Factory databases, Prompter prompter, Clock clock) {
  /** The person running opsplay, for pause. */
  public interface Prompter {
    /** Whether someone can answer: stdin is a terminal. */
    boolean available();

    /** Shows {@code prompt} and waits until Enter is pressed. Called by one thread at a time. */
    void waitForEnter(String prompt) throws InterruptedException;
  }

  /** A prompter for runs without a terminal: pause fails unless --yes. */
  public static final Prompter NO_TERMINAL = new Prompter() {
    @Override public boolean available() {
      return false;
    }

    @Override public void waitForEnter(String prompt) {
      throw new IllegalStateException("no terminal");
    }
  };
}
