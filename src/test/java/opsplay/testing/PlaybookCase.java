package opsplay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A playbook whose comments say what a run must do, checked against what the CLI printed with
 * {@code --output json}. The directives are RunCasesTest's, plus two:
 *
 * <pre>
 * # args: --check                          extra command-line arguments
 * # expect-exit: 2
 * # expect: HOST | TASK | STATUS [| msg substring]
 * # expect-none: HOST | TASK               the task did not run on the host
 * # expect-planned: HOST | TASK | planned substring
 * # expect-recap: HOST | failed=1
 * # expect-absent: TEXT                    nowhere in stdout or stderr
 * # expect-caret: HOST | TASK | TEXT       msg shows a line with TEXT and, under it, a caret at TEXT's first character
 * # expect-under-ms: HOST | TASK | 3000    the task took less than that
 * </pre>
 */
public record PlaybookCase(Path file, List<String> lines) {
  public static PlaybookCase read(Path file) {
    try {
      return new PlaybookCase(file, Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The extra command-line arguments, split on spaces. */
  public List<String> args() {
    return directives("args").stream().flatMap(a -> List.of(a.split(" ")).stream()).toList();
  }

  public void check(Cli.Outcome run, Path workdir) {
    List<Map<String, Object>> results = run.events("host_result");
    String context = "\n--- " + file + "\n--- stdout\n" + run.out() + "\n--- stderr\n" + run.err();
    for (String exit : directives("expect-exit")) assertThat(run.code()).as("exit code" + context).isEqualTo(Integer.parseInt(exit));
    for (String[] f : fields("expect")) {
      Map<String, Object> r = result(results, f, context);
      assertThat(r.get("status")).as("status of " + String.join(" | ", f) + context).isEqualTo(f[2]);
      if (f.length > 3) assertThat(String.valueOf(r.get("msg"))).as("msg of " + String.join(" | ", f) + context).contains(f[3]);
    }
    for (String[] f : fields("expect-none")) {
      assertThat(find(results, f[0], f[1])).as("no result for " + f[0] + " / " + f[1] + context).isNull();
    }
    for (String[] f : fields("expect-planned")) {
      assertThat(String.valueOf(result(results, f, context).get("planned"))).as("planned of " + f[1] + context)
          .contains(f[2].replace("WORKDIR", workdir.toString()));
    }
    for (String[] f : fields("expect-recap")) {
      Map<?, ?> hosts = (Map<?, ?>) run.events("recap").get(0).get("hosts");
      assertThat(String.valueOf(hosts.get(f[0]))).as("recap" + context).contains(f[1]);
    }
    for (String text : directives("expect-absent")) {
      assertThat(run.out() + run.err()).as("output must not contain " + text + context).doesNotContain(text);
    }
    for (String[] f : fields("expect-caret")) checkCaret(String.valueOf(result(results, f, context).get("msg")), f[2], context);
    for (String[] f : fields("expect-under-ms")) {
      assertThat(((Number) result(results, f, context).get("duration_ms")).longValue()).as("duration of " + f[1] + context)
          .isLessThan(Long.parseLong(f[2]));
    }
  }

  private static void checkCaret(String msg, String text, String context) {
    List<String> msgLines = msg.lines().toList();
    for (int i = 1; i < msgLines.size(); i++) {
      // the caret line may end with what the runner appends, such as " (ignored)"
      if (msgLines.get(i).strip().startsWith("^") && msgLines.get(i - 1).contains(text)) {
        assertThat(msgLines.get(i).indexOf('^')).as("caret under '" + text + "' in\n" + msg + context)
            .isEqualTo(msgLines.get(i - 1).indexOf(text));
        return;
      }
    }
    throw new AssertionError("no line with '" + text + "' and a caret under it in\n" + msg + context);
  }

  private Map<String, Object> result(List<Map<String, Object>> results, String[] f, String context) {
    Map<String, Object> r = find(results, f[0], f[1]);
    assertThat(r).as("a result for " + f[0] + " / " + f[1] + context).isNotNull();
    return r;
  }

  private static Map<String, Object> find(List<Map<String, Object>> results, String host, String task) {
    return results.stream().filter(r -> host.equals(r.get("host")) && task.equals(r.get("task"))).findFirst().orElse(null);
  }

  private List<String[]> fields(String name) {
    return directives(name).stream().map(d -> d.split("\\s*\\|\\s*", 4)).toList();
  }

  public List<String> directives(String name) {
    String prefix = "# " + name + ":";
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).toList();
  }
}
