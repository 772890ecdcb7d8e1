package opsplay.cli;

import java.io.Console;
import java.io.PrintWriter;
import opsplay.exec.Services;

/** Asks the person at the terminal: the prompt goes to stderr (stdout may be JSON), the answer is Enter. */
final class TerminalPrompter implements Services.Prompter {
  private final Console console;
  private final PrintWriter err;

  /** {@code console} is null when stdin or stdout is not a terminal. */
  TerminalPrompter(Console console, PrintWriter err) {
    this.console = console;
    this.err = err;
  }

  @Override
  public boolean available() {
    return console != null;
  }

  @Override
  public void waitForEnter(String prompt) throws InterruptedException {
    err.print(prompt + " (press Enter to go on, Ctrl-C to stop) ");
    err.flush();
    if (console.readLine() == null) throw new InterruptedException("the terminal closed");
  }
}
