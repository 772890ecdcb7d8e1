package opsplay.cli;

import java.io.PrintWriter;
import java.util.Map;
import opsplay.lab.ClusterKinds;
import opsplay.lab.SqlServers;
import opsplay.report.Style;

/**
 * What the commands get from the outside world: the two streams, the environment, the terminal,
 * and the lab's parts (the cluster models it can simulate and its SQL server).
 */
public record Environment(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal,
    ClusterKinds labKinds, SqlServers labSql) {
  /** The environment with the lab parts that ship with opsplay. */
  public Environment(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
    this(out, err, env, terminal, ClusterKinds.builtIn(), SqlServers.wire());
  }

  public Style style() {
    return Style.detect(env, terminal);
  }
}
