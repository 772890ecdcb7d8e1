package opsplay.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C handling: the first SIGINT asks the run to stop (no new tasks, running commands finish,
 * the journal is written, exit 99); a second one exits at once.
 */
final class Interrupts implements AutoCloseable {
  private final SignalHandler previous;
  private volatile boolean asked;

  private Interrupts(Runnable stop, java.io.PrintWriter err) {
    previous = Signal.handle(new Signal("INT"), sig -> {
      if (asked) Runtime.getRuntime().halt(99);
      asked = true;
      err.println();
      err.println("opsplay: interrupted; finishing running commands (press Ctrl-C again to quit at once)");
      err.flush();
      stop.run();
    });
  }

  static Interrupts install(Runnable stop, java.io.PrintWriter err) {
    return new Interrupts(stop, err);
  }

  @Override
  public void close() {
    Signal.handle(new Signal("INT"), previous);
  }
}
