package opsplay.lab.kwdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small rules as tables: replicas needed per zone and node count, deploy.sh's option parsing, constraints. */
class RulesTest {
  @ParameterizedTest(name = "zone {0}, {1} nodes -> {2}")
  @CsvSource({
      "3, 3, 3", "3, 2, 3", "3, 1, 3", "3, 9, 3",
      "5, 3, 3", "5, 4, 3", "5, 5, 5", "5, 7, 5", "5, 2, 3",
      "1, 3, 1", "1, 1, 1", "7, 6, 5"})
  void neededReplicas(int zone, int nodes, int needed) {
    assertThat(Allocator.needed(zone, nodes)).isEqualTo(needed);
  }

  /** args (space-separated) -> options | words, or "usage" when getopt fails. */
  @ParameterizedTest(name = "deploy.sh {0}")
  @CsvSource(delimiter = ';', value = {
      "join --addr 10.0.0.1:26257 --tls; --addr 10.0.0.1:26257 --tls | join",
      "join -addr=10.0.0.1:26257; --addr 10.0.0.1:26257 | join",
      "--add 10.0.0.1 join; --addr 10.0.0.1 | join",
      "cluster -s; -s | cluster",
      "cluster --stat; --status | cluster",
      "cluster -si; -s -i | cluster",
      "decommission 4 extra; | decommission 4 extra",
      "status --verbose; usage",
      "join --addr; usage",
      "install --s; usage",
      "-h; -h |"})
  void deployShOptions(String args, String expected) {
    DeployOptions o = DeployOptions.parse(Arrays.asList(args.split(" ")));
    String got = o == null ? "usage" : String.join(" ", o.options()) + " | " + String.join(" ", o.words());
    assertThat(got.strip()).isEqualTo(expected.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "[]; []",
      "[+region=NODE1]; [+region=NODE1]",
      "['+region=NODE1', -region=NODE2]; [+region=NODE1, -region=NODE2]",
      "{\"+region=NODE4\": 1}; {+region=NODE4: 1}",
      "{+region=NODE1: 1, +region=NODE2: 2}; {+region=NODE1: 1, +region=NODE2: 2}"})
  void constraintsReadAndPrintCanonically(String text, String canonical) {
    assertThat(Constraint.render(Constraint.parse(text))).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "[region=NODE1]; constraint \"region=NODE1\" must either be required (prefixed with a '+') or prohibited (prefixed with a '-')",
      "{+region=NODE1: 0}; constraints must apply to at least one replica"})
  void badConstraintsAreRefusedWithKwbasesMessage(String text, String message) {
    try {
      Constraint.parse(text);
      throw new AssertionError("accepted " + text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isEqualTo(message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"75s, 00:01:15", "1h30m, 01:30:00", "00:30:00, 00:30:00", "1.5m, 00:01:30"})
  void durationsAsSettingsTakeThem(String text, String clock) {
    assertThat(Settings.clock(Settings.duration(text))).isEqualTo(clock);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SELECT  1 ;; | SELECT 1",
      "select *\\n  from x where a = $1| select * from x where a = 'b'"})
  void statementsAreNormalised(String sql, String normal) {
    assertThat(SqlAnswers.normalise(sql.replace("\\n", "\n"), List.of("b"))).isEqualTo(normal);
  }
}
