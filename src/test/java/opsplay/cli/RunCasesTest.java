package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.testing.Cli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner's behaviour as data: each playbook in cases/run says in comments what the run must
 * do (exit code, per-host results, plans, files), and runs for real on hosts with connection: local.
 *
 * <pre>
 * # args: --check                          extra command-line arguments
 * # expect-exit: 2
 * # expect: HOST | TASK | STATUS [| msg substring (\n for a newline)]
 * # expect-none: HOST | TASK               the task did not run on the host
 * # expect-planned: HOST | TASK | planned command substring
 * # expect-diff: HOST | TASK | substring of its --diff (\n for a newline)
 * # expect-no-diff: HOST | TASK
 * # expect-recap: HOST | failed=1
 * # expect-progress: HOST | TASK | substring of one of its progress messages
 * # expect-absent: TEXT                    nowhere in stdout or stderr
 * # expect-file-missing: WORKDIR/path
 * </pre>
 */
class RunCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases/run");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.filter(p -> p.toString().endsWith(".yml") && !p.endsWith("inventory.yml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runs(Path playbook, @TempDir Path workdir) throws IOException {
    List<String> lines = Files.readAllLines(playbook);
    List<String> args = new ArrayList<>(List.of("run", playbook.toString(), "-i", CASES.resolve("inventory.yml").toString(),
        "-o", "json", "-e", "workdir=" + workdir, "--journal", workdir.resolve("runs").toString()));
    for (String arg : directives(lines, "args")) args.addAll(List.of(arg.split(" ")));
    Cli.Outcome run = Cli.run(args.toArray(String[]::new));
    List<Map<String, Object>> results = run.events("host_result");
    String context = "\n--- stdout\n" + run.out() + "\n--- stderr\n" + run.err();

    for (String exit : directives(lines, "expect-exit")) assertThat(run.code()).as("exit code" + context).isEqualTo(Integer.parseInt(exit));
    for (String e : directives(lines, "expect")) {
      String[] f = e.split("\\s*\\|\\s*");
      Map<String, Object> r = find(results, f[0], f[1]);
      assertThat(r).as("a result for " + f[0] + " / " + f[1] + context).isNotNull();
      assertThat(r.get("status")).as("status of " + e + context).isEqualTo(f[2]);
      if (f.length > 3) {
        assertThat(String.valueOf(r.get("msg"))).as("msg of " + e + context)
            .contains(f[3].replace("\\n", "\n").replace("WORKDIR", workdir.toString()));
      }
    }
    for (String e : directives(lines, "expect-none")) {
      String[] f = e.split("\\s*\\|\\s*");
      assertThat(find(results, f[0], f[1])).as("no result for " + e + context).isNull();
    }
    for (String e : directives(lines, "expect-planned")) {
      String[] f = e.split("\\s*\\|\\s*");
      Map<String, Object> r = find(results, f[0], f[1]);
      assertThat(String.valueOf(r.get("planned"))).as("planned of " + e + context).contains(f[2].replace("WORKDIR", workdir.toString()));
    }
    for (String e : directives(lines, "expect-diff")) {
      String[] f = e.split("\\s*\\|\\s*", 3);
      Map<String, Object> r = find(results, f[0], f[1]);
      assertThat(r).as("a result for " + e + context).isNotNull();
      assertThat(String.valueOf(r.get("diff"))).as("diff of " + e + context)
          .contains(f[2].replace("\\n", "\n").replace("WORKDIR", workdir.toString()));
    }
    for (String e : directives(lines, "expect-no-diff")) {
      String[] f = e.split("\\s*\\|\\s*");
      assertThat(find(results, f[0], f[1])).as("a result for " + e + context).isNotNull().doesNotContainKey("diff");
    }
    for (String e : directives(lines, "expect-recap")) {
      String[] f = e.split("\\s*\\|\\s*");
      Map<String, Object> recap = run.events("recap").get(0);
      assertThat(String.valueOf(((Map<?, ?>) recap.get("hosts")).get(f[0]))).as("recap" + context).contains(f[1]);
    }
    for (String e : directives(lines, "expect-progress")) {
      String[] f = e.split("\\s*\\|\\s*", 3);
      assertThat(run.events("progress")).as("progress of " + e + context)
          .anyMatch(p -> f[0].equals(p.get("host")) && f[1].equals(p.get("task")) && String.valueOf(p.get("msg")).contains(f[2]));
    }
    for (String text : directives(lines, "expect-absent")) {
      assertThat(run.out() + run.err()).as("output must not contain " + text).doesNotContain(text);
    }
    for (String file : directives(lines, "expect-file-missing")) {
      assertThat(Path.of(file.replace("WORKDIR", workdir.toString()))).doesNotExist();
    }
  }

  private static Map<String, Object> find(List<Map<String, Object>> results, String host, String task) {
    return results.stream().filter(r -> host.equals(r.get("host")) && task.equals(r.get("task"))).findFirst().orElse(null);
  }

  private static List<String> directives(List<String> lines, String name) {
    String prefix = "# " + name + ":";
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).toList();
  }
}
