package opsplay.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The human reporter's small formats (whole runs' output is checked by the run cases). */
class HumanReporterTest {
  @ParameterizedTest
  @CsvSource({"1000, 1.0s", "1234, 1.2s", "1250, 1.3s", "59949, 59.9s", "59950, 60.0s", "3600000, 3600.0s"})
  void aLongTaskShowsItsSecondsWithOneDecimal(long millis, String shown) {
    assertThat(HumanReporter.seconds(millis)).isEqualTo(shown);
  }

  @Test
  void aMultiLineMessageOrCommandContinuesUnderItsFirstLine() {
    java.io.StringWriter text = new java.io.StringWriter();
    HumanReporter reporter = new HumanReporter(new java.io.PrintWriter(text), new Style(false), 0, false);
    reporter.runStart("r1", "pb.yml", true);
    text.getBuffer().setLength(0);
    opsplay.core.Plan plan = opsplay.core.Plan.readOnly(java.util.List.of(
        new opsplay.core.Plan.Step("ssh", "status | awk '\n  NR > 1'", "status | awk '\n  NR > 1'")), java.util.Map.of());
    reporter.hostResult(null, "show nodes", "n1",
        opsplay.core.Result.of(opsplay.core.Result.Status.OK, "id\taddress\n1\t10.0.0.1", java.util.Map.of()), plan);
    assertThat(text.toString()).isEqualTo(String.join("\n",
        "  ok           n1  id\taddress",
        "                   1\t10.0.0.1",
        "      ssh: status | awk '",
        "             NR > 1'", ""));
  }

  @Test
  void theRecapColumnsLineUpUnderTheirHeadings() {
    java.io.StringWriter text = new java.io.StringWriter();
    HumanReporter reporter = new HumanReporter(new java.io.PrintWriter(text), new Style(false), 0, false);
    reporter.recap(java.util.Map.of("n1", new opsplay.core.Reporter.Recap(3, 12, 0, 1, 0, 0, 100)), 2);
    String[] lines = text.toString().split("\n");
    assertThat(lines[lines.length - 2]).isEqualTo("  host  ok  changed  skipped  failed  unreachable  rescued  ignored");
    assertThat(lines[lines.length - 1]).isEqualTo("  n1     3       12        0       1            0        0      100");
  }
}
