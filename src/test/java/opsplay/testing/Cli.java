package opsplay.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.cli.Main;
import opsplay.json.Json;

/** Runs the CLI in-process as a black box: arguments in, exit code and both streams out. */
public final class Cli {
  /**
   * Where runs that name no journal or lock folder of their own keep them: a folder of this test
   * JVM's, removed when it exits, rather than the checkout's .opsplay/runs and /tmp/opsplay-locks.
   */
  private static final Path SCRATCH = scratch();

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

  private static Outcome run(Map<String, String> env, boolean terminal, String... given) {
    String[] args = isolated(given);
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("OPSPLAY_LOCK_DIR", SCRATCH.resolve("locks").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), environment, terminal, args).execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Path scratch() {
    try {
      Path dir = Files.createTempDirectory("opsplay-test-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code run} and {@code check} without --journal get the scratch journal. */
  private static String[] isolated(String[] args) {
    boolean runs = args.length > 0 && (args[0].equals("run") || args[0].equals("check"));
    if (!runs || Arrays.asList(args).contains("--journal")) return args;
    String[] more = Arrays.copyOf(args, args.length + 2);
    more[args.length] = "--journal";
    more[args.length + 1] = SCRATCH.resolve("runs").toString();
    return more;
  }

  private static void removeQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the test JVM is exiting; a temporary folder left behind is not a test failure
    }
  }
}
