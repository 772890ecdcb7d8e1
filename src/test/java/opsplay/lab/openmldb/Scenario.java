package opsplay.lab.openmldb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opsplay.lab.Invocation;
import opsplay.lab.Output;

/**
 * A scenario file under {@code src/test/resources/lab/openmldb/scenarios}: a story of commands run
 * against a fresh lab cluster, each followed by its exact expected stdout.
 *
 * <pre>
 * # comment
 * cluster tablets=3 spare=1 nameservers=3     first; the cluster starts at 2025-02-14 10:00:00 UTC
 * address n1 127.0.1.1                        the lab's address for a host
 * advance 2s | 500ms | 1m                     move time on
 * down n2 | up n2                             host faults
 * fail-next-op kMigrateOP                     the next op of that type fails at its next tablet task
 * $ ns CMD...                                 ns_client on n1: zk flags, --interactive=false, --database=demo_db
 * $ ns-nodb CMD...                            the same without --database
 * $ openmldb ARGS...                          the binary on n1 with these arguments ('quoted words' kept whole)
 * $ start.sh HOST ARGS...                     bin/start.sh on HOST
 * ! rc N | ! forever | ! stderr TEXT | ! any   what else to expect (default rc 0, no stderr, not forever);
 *                                             ! any: do not check stdout
 * expected stdout, line for line (trailing spaces count), ended by an empty line
 * </pre>
 */
final class Scenario {
  static final Path DIR = Path.of("src/test/resources/lab/openmldb/scenarios");
  static final Instant START = Instant.parse("2025-02-14T10:00:00Z");

  /** One line of the file and what it does. */
  record Step(int line, String text, List<String> checks, List<String> expected) {}

  final Path file;
  final List<Step> steps = new ArrayList<>();

  Scenario(Path file) {
    this.file = file;
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank() || text.startsWith("#")) continue;
      List<String> checks = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      int start = i;
      if (text.startsWith("$ ")) {
        while (i + 1 < lines.size() && lines.get(i + 1).startsWith("! ")) checks.add(lines.get(++i).substring(2));
        while (i + 1 < lines.size() && !lines.get(i + 1).isEmpty()) expected.add(lines.get(++i));
      }
      steps.add(new Step(start + 1, text, checks, expected));
    }
  }

  /** Runs the steps; returns a description of every mismatch (empty: all as expected). */
  List<String> run(Map<Integer, String> actualOutputs) {
    List<String> problems = new ArrayList<>();
    OpenMldbCluster cluster = null;
    for (Step step : steps) {
      String[] words = step.text().split(" ", 2);
      String rest = words.length > 1 ? words[1] : "";
      switch (words[0]) {
        case "cluster" -> cluster = new OpenMldbCluster(options(rest));
        case "address" -> cluster(cluster).address(rest.split(" ")[0], rest.split(" ")[1]);
        case "advance" -> cluster(cluster).advance(duration(rest));
        case "down" -> cluster(cluster).hostDown(rest);
        case "up" -> cluster(cluster).hostUp(rest);
        case "fail-next-op" -> cluster(cluster).failNextOp(rest);
        case "$" -> {
          if (cluster == null) cluster = new OpenMldbCluster(options(""));
          Output out = execute(cluster, rest);
          actualOutputs.put(step.line(), out.stdout());
          problems.addAll(check(step, out));
        }
        default -> problems.add(file + ":" + step.line() + ": unknown step '" + step.text() + "'");
      }
    }
    return problems;
  }

  private static OpenMldbCluster cluster(OpenMldbCluster c) {
    if (c == null) throw new IllegalStateException("the scenario needs a 'cluster' line first");
    return c;
  }

  private List<String> check(Step step, Output out) {
    List<String> problems = new ArrayList<>();
    String where = file + ":" + step.line() + ": " + step.text();
    int rc = 0;
    String stderr = "";
    boolean forever = false;
    boolean anyStdout = false;
    for (String c : step.checks()) {
      if (c.startsWith("rc ")) rc = Integer.parseInt(c.substring(3));
      else if (c.startsWith("stderr ")) stderr += c.substring(7) + "\n";
      else if (c.equals("forever")) forever = true;
      else if (c.equals("any")) anyStdout = true;
      else problems.add(where + ": unknown check '! " + c + "'");
    }
    if (out.rc() != rc) problems.add(where + ": rc " + out.rc() + ", expected " + rc);
    if (!out.stderr().equals(stderr)) problems.add(where + ": stderr\n" + out.stderr() + "expected\n" + stderr);
    if (out.forever() != forever) problems.add(where + ": forever=" + out.forever() + ", expected " + forever);
    String expected = step.expected().isEmpty() ? "" : String.join("\n", step.expected()) + "\n";
    if (!anyStdout && !out.stdout().equals(expected)) {
      problems.add(where + ": stdout\n" + visible(out.stdout()) + "expected\n" + visible(expected));
    }
    return problems;
  }

  private static String visible(String text) {
    return text.replace(" \n", "·\n").replace("\u001b", "\\e");
  }

  private static Output execute(OpenMldbCluster cluster, String command) {
    List<String> words = words(command);
    String program = words.get(0);
    List<String> args = new ArrayList<>();
    String host = "n1";
    String path = OpenMldbCluster.HOME + "/bin/openmldb";
    switch (program) {
      case "ns", "ns-nodb" -> {
        args.addAll(List.of("--zk_cluster=127.0.0.1:2181", "--zk_root_path=/openmldb", "--role=ns_client",
            "--interactive=false"));
        if (program.equals("ns")) args.add("--database=demo_db");
        args.add("--cmd=" + command.substring(program.length() + 1));
      }
      case "openmldb" -> args.addAll(words.subList(1, words.size()));
      case "start.sh" -> {
        host = words.get(1);
        path = OpenMldbCluster.HOME + "/bin/start.sh";
        args.addAll(words.subList(2, words.size()));
      }
      default -> throw new IllegalArgumentException("unknown program '" + program + "'");
    }
    Invocation call = new Invocation(host, path, args, "/", Map.of(), Path.of("/tmp/sandbox-" + host));
    return cluster.programs().get(path).run(call);
  }

  // Words split on spaces; 'single quotes' keep spaces inside a word.
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) words.add(word.toString());
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) words.add(word.toString());
    return words;
  }

  private static OpenMldbCluster.Options options(String spec) {
    Map<String, Integer> values = new HashMap<>(Map.of("tablets", 3, "spare", 1, "nameservers", 3));
    for (String kv : spec.isBlank() ? new String[0] : spec.trim().split(" ")) {
      values.put(kv.split("=")[0], Integer.parseInt(kv.split("=")[1]));
    }
    return new OpenMldbCluster.Options(values.get("tablets"), values.get("spare"), values.get("nameservers"),
        Rates.DEFAULT).at(START, ZoneOffset.UTC);
  }

  static Duration duration(String text) {
    if (text.endsWith("ms")) return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("bad duration '" + text + "' (use 500ms, 2s, 1m, 1h)");
    };
  }
}
