package opsplay.lab;

import java.io.PrintWriter;
import opsplay.cli.Environment;
import opsplay.cli.Main;

/**
 * The opsplay command with the test cluster (kind {@code test}) and the test SQL stand-in added,
 * run as a real process by the lab's CLI tests ({@code lab up --detach} starts it again).
 */
public final class LabTestMain {
  private LabTestMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false);
    PrintWriter err = new PrintWriter(System.err, true);
    Environment env = new Environment(out, err, System.getenv(), false, LabTest.KINDS, new LabHosts.ProbeSql());
    int code = Main.commandLine(env, args).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
