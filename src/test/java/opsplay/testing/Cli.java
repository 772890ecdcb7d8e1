package opsplay.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opsplay.cli.Main;
import opsplay.json.Json;

/** Runs the CLI in-process as a black box: arguments in, exit code and both streams out. */
public final class Cli {
  private Cli() {}

  /** What one invocation printed and returned. */
  public record Outcome(int code, String out, String err) {
    /** The JSON Lines events of one kind, in order (for --output json runs). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> events(String kind) {
      Json json = new Json();
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : this.out.split("\n")) {
        if (line.isBlank()) continue;
        Map<String, Object> e = (Map<String, Object>) json.read(line);
        if (kind.equals(e.get("event"))) out.add(e);
      }
      return out;
    }
  }

  public static Outcome run(String... args) {
    return run(Map.of(), args);
  }

  public static Outcome run(Map<String, String> env, String... args) {
    return run(env, false, args);
  }

  /** As if stdout were a terminal (colour allowed unless NO_COLOR says otherwise). */
  public static Outcome runOnTerminal(Map<String, String> env, String... args) {
    return run(env, true, args);
  }

  private static Outcome run(Map<String, String> env, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), env, terminal, args).execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }
}
