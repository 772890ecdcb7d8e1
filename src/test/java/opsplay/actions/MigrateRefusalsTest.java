package opsplay.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opsplay.testing.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What migrate refuses and how it fails, in order on one lab of 3 tablets and a started spare n4:
 * auto_failover on, a failing op (auto_failover managed and restored all the same), an unhealthy
 * destination, and a drain with nowhere to go. Each refusal leaves the cluster as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateRefusalsTest {
  static final String ONE_MOVE = "src/test/resources/cases/migrate/one-move.yml";
  private OpenMldbLab lab;

  @BeforeAll
  void start(@TempDir Path dir) throws InterruptedException {
    lab = OpenMldbLab.start(3, 1, dir);
    assertThat(lab.startSh("n4", "start", "tablet")).contains("Start tablet success");
    lab.awaitState("n4", "kHealthy");
  }

  @AfterAll
  void stop() {
    if (lab != null) lab.close();
  }

  private Cli.Outcome move(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("-e", "table=flow", "-e", "from=n3", "-e", "to=n4"));
    args.addAll(List.of(more));
    return lab.run(ONE_MOVE, args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void autoFailoverOnIsRefusedWithTheFixAndNothingRuns() {
    List<String> before = lab.layout();
    Cli.Outcome run = move("-e", "pid=0");
    assertThat(run.code()).isEqualTo(2);
    assertThat(Events.result(run, "n1", "move").get("msg").toString()).contains("auto_failover is on", "nothing was changed",
        "confset auto_failover false", "auto_failover: manage");
    assertThat(lab.layout()).isEqualTo(before);
    assertThat(lab.ns("demo_db", "showopstatus")).doesNotContain("kMigrateOP");
    assertThat(lab.autoFailover()).isTrue();
  }

  @Test
  @Order(2)
  void aFailedOpFailsTheTaskWithItsDetailsAndAutoFailoverIsTurnedBackOn() {
    List<String> before = lab.layout();
    lab.failNextOp("kMigrateOP");
    Cli.Outcome run = move("-e", "pid=0", "-e", "failover=manage");
    assertThat(run.code()).isEqualTo(2);
    String msg = Events.result(run, "n1", "move").get("msg").toString();
    assertThat(msg).contains("kMigrateOP of demo_db.flow 0 ended kFailed at task kPauseSnapshot",
        "migrate " + lab.endpoint("n3") + " flow 0 " + lab.endpoint("n4"), "showopstatus flow 0");
    assertThat(lab.autoFailover()).as("restored after the failure").isTrue();
    assertThat(lab.layout()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void withAutoFailoverManagedTheMoveIsMadeOnceAndAutoFailoverIsBackOn() {
    Cli.Outcome run = move("-e", "pid=0", "-e", "failover=manage");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    Map<String, Object> result = Events.result(run, "n1", "move");
    assertThat(result.get("msg")).isEqualTo("moved 1 replica");
    assertThat(lab.layout()).anyMatch(p -> p.startsWith("demo_db.flow 0 =") && p.contains(lab.endpoint("n4") + ":F")
        && !p.contains(lab.endpoint("n3")));
    assertThat(lab.autoFailover()).isTrue();

    Cli.Outcome again = move("-e", "pid=0", "-e", "failover=refuse");
    assertThat(again.code()).as("a satisfied move reads auto_failover only to plan: nothing to refuse").isZero();
    assertThat(Events.result(again, "n1", "move").get("msg")).isEqualTo("already done: demo_db.flow 0 is already on "
        + lab.endpoint("n4"));
  }

  @Test
  @Order(4)
  void anUnhealthyDestinationIsRefused() throws InterruptedException {
    lab.autoFailover(false); // else the cluster itself reacts to the stopped tablet after its heartbeat timeout
    assertThat(lab.startSh("n4", "stop", "tablet")).contains("Stop tablet success");
    lab.awaitState("n4", "kOffline");
    List<String> before = lab.layout();
    Cli.Outcome run = move("-e", "pid=1");
    assertThat(run.code()).isEqualTo(2);
    assertThat(Events.result(run, "n1", "move").get("msg").toString())
        .contains("refused before moving anything", lab.endpoint("n4") + " is kOffline: moves go only to healthy nodes");
    assertThat(lab.layout()).isEqualTo(before);
  }

  @Test
  @Order(5)
  void drainingTheLastTabletThatCouldHoldAReplicaIsRefusedAndTheTabletKeepsRunning() {
    List<String> before = lab.layout();
    Cli.Outcome run = lab.run(OpenMldbScaleInTest.PLAYBOOK, "-e", "remove=n2");
    assertThat(run.code()).isEqualTo(2);
    assertThat(Events.result(run, "n1", "migrate every replica away").get("msg").toString())
        .contains("refused before moving anything", "demo_db.flow 1: no healthy node can take its replica on " + lab.endpoint("n2"),
            lab.endpoint("n4") + " is kOffline");
    assertThat(run.events("host_result")).noneMatch(e -> String.valueOf(e.get("task")).startsWith("stop the tablet"));
    assertThat(lab.layout()).isEqualTo(before);
    assertThat(lab.running("n2")).isTrue();
  }
}
