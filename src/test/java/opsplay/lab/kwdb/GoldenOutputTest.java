package opsplay.lab.kwdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import opsplay.lab.Output;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden outputs, as data (src/test/resources/lab/kwdb). {@code render/*.case}: a table given as
 * TSV, printed in a {@code --format}, must give the expected bytes; these hold the reference's
 * real samples verbatim. {@code run/*.case}: a lab is set up ({@code lab nodes=N spare=M secure
 * single}), steps change it ({@code advance 30s}, {@code run HOST PROGRAM ARGS…}, {@code down HOST}),
 * and one {@code check HOST PROGRAM [tty] ARGS…} must print exactly the expected stdout and
 * stderr and exit as {@code rc N [forever]} says ({@code check HOST FILE PATH}: the file's text
 * is the stdout, for what deploy.sh's background loop writes).
 */
class GoldenOutputTest {
  static final Path ROOT = Path.of("src/test/resources/lab/kwdb");

  static Stream<GoldenCase> cases(String dir) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
      List<GoldenCase> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".case")).sorted().toList()) {
        out.add(GoldenCase.read(f));
      }
      return out.stream();
    }
  }

  static Stream<GoldenCase> renderCases() throws IOException {
    return cases("render");
  }

  static Stream<GoldenCase> runCases() throws IOException {
    return cases("run");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderCases")
  void renders(GoldenCase c) {
    String format = directive(c, "format").get(1);
    String align = directive(c, "align") == null ? "" : directive(c, "align").get(1);
    List<String> lines = c.sections().get("input").lines().toList();
    List<String> columns = Arrays.asList(lines.get(0).split("\t", -1));
    List<List<String>> rows = lines.stream().skip(1).map(l -> Arrays.asList(l.split("\t", -1))).toList();
    String out = TableFormat.parse(format).orElseThrow().render(new ResultTable(columns, align, rows));
    assertThat(out).isEqualTo(c.expected("output", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runCases")
  void runs(GoldenCase c, @TempDir Path tmp) {
    LabRig rig = new LabRig(options(directive(c, "lab")), tmp);
    Output out = null;
    String sandbox = "";
    for (List<String> d : c.directives()) {
      switch (d.get(0)) {
        case "advance" -> rig.advance(Duration.parse("PT" + d.get(1).toUpperCase()));
        case "run" -> rig.run(d.get(1), d.get(2), d.subList(3, d.size()), false);
        case "down" -> rig.lab.hostDown(d.get(1));
        case "check" -> {
          boolean tty = d.size() > 3 && d.get(3).equals("tty");
          out = d.get(2).equals("FILE") ? Output.ok(rig.read(d.get(1), d.get(3)))
              : rig.run(d.get(1), d.get(2), d.subList(tty ? 4 : 3, d.size()), tty);
          sandbox = rig.sandbox(d.get(1)).toString();
        }
        default -> { }
      }
    }
    assertThat(out).as("a check line").isNotNull();
    List<String> rc = directive(c, "rc");
    assertThat(out.stdout()).as("stdout").isEqualTo(c.expected("stdout", sandbox));
    String stderr = c.expected("stderr", sandbox);
    assertThat(out.stderr()).as("stderr").isEqualTo(stderr == null ? "" : stderr);
    assertThat(out.rc()).as("rc").isEqualTo(Integer.parseInt(rc.get(1)));
    assertThat(out.forever()).as("forever").isEqualTo(rc.contains("forever"));
  }

  private static KwdbCluster.Options options(List<String> lab) {
    int nodes = 3;
    int spare = 0;
    for (String w : lab.subList(1, lab.size())) {
      if (w.startsWith("nodes=")) {
        nodes = Integer.parseInt(w.substring(6));
      } else if (w.startsWith("spare=")) {
        spare = Integer.parseInt(w.substring(6));
      }
    }
    return KwdbCluster.Options.of(nodes, spare, lab.contains("secure"), lab.contains("single"));
  }

  private static List<String> directive(GoldenCase c, String name) {
    return c.directives().stream().filter(d -> d.get(0).equals(name)).findFirst().orElse(null);
  }
}
