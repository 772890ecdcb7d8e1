package opsplay.cli;

import java.io.PrintWriter;
import java.util.Map;
import opsplay.report.Style;

/** What the commands get from the outside world: the two streams, the environment, the terminal. */
public record Environment(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
  public Style style() {
    return Style.detect(env, terminal);
  }
}
