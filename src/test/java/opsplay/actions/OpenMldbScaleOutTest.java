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
 * playbooks/openmldb/scale-out.yml end to end, in order on one lab of 3 tablets and a spare: the
 * preview changes nothing, the run starts the tablet and balances the user data onto it, and a
 * second run changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenMldbScaleOutTest {
  static final String PLAYBOOK = "playbooks/openmldb/scale-out.yml";
  private OpenMldbLab lab;
  private List<String> before;

  @BeforeAll
  void start(@TempDir Path dir) {
    lab = OpenMldbLab.start(3, 1, dir);
    before = lab.layout();
  }

  @AfterAll
  void stop() {
    if (lab != null) lab.close();
  }

  @Test
  @Order(1)
  void thePreviewShowsEveryCommandAndChangesNothing() {
    Cli.Outcome check = lab.run(PLAYBOOK, "--check");
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    Map<String, Object> start = Events.result(check, "n4", "start the tablet");
    assertThat(start.get("status")).isEqualTo("changed");
    List<String> moves = Events.planned(check, "n1", "migrate followers onto the new tablets");
    String n4 = lab.endpoint("n4");
    assertThat(moves).first().isEqualTo("confset auto_failover false");
    assertThat(moves).last().isEqualTo("confset auto_failover true");
    assertThat(moves.subList(1, moves.size() - 1)).hasSize(6)
        .allSatisfy(m -> assertThat(m).matches("demo_db: migrate \\S+ (flow|merchant|orders) \\d " + n4));

    assertThat(lab.layout()).isEqualTo(before);
    assertThat(lab.running("n4")).isFalse();
    assertThat(lab.autoFailover()).as("auto_failover is left on").isTrue();
  }

  @Test
  @Order(2)
  void theRunStartsTheTabletAndBalancesTheUserDataOntoIt() {
    Cli.Outcome run = lab.run(PLAYBOOK, "-e", "openmldb_database=demo_db");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(Events.result(run, "n1", "migrate followers onto the new tablets").get("msg")).isEqualTo("moved 6 replicas");
    assertThat(run.events("progress")).extracting(e -> String.valueOf(e.get("msg")))
        .anyMatch(m -> m.startsWith("move 1/6 demo_db.")).anyMatch(m -> m.startsWith("move 6/6 demo_db."))
        .anyMatch(m -> m.matches("move \\d/6 .*: op \\d+ kMigrateOP kDoing at k\\w+ .*"));

    assertThat(lab.running("n4")).isTrue();
    assertThat(lab.counts("demo_db").values()).containsOnly(6);
    assertThat(lab.counts("demo_db")).containsKey(lab.endpoint("n4"));
    assertThat(lab.layout()).allSatisfy(p -> {
      assertThat(p).doesNotContain("-dead");
      assertThat(p.split(":L", -1)).as("one leader: " + p).hasSize(2);
    });
    assertThat(lab.placement().replicas()).filteredOn(r -> !r.database().equals("demo_db"))
        .as("system tables stay where they were").noneMatch(r -> r.endpoint().equals(lab.endpoint("n4")));
    assertThat(lab.autoFailover()).as("auto_failover is back on").isTrue();
  }

  @Test
  @Order(3)
  void aSecondRunChangesNothing() {
    List<String> now = lab.layout();
    Cli.Outcome again = lab.run(PLAYBOOK, "-e", "openmldb_database=demo_db");
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(Events.changed(again)).as(again.out()).isZero();
    assertThat(Events.result(again, "n1", "migrate followers onto the new tablets").get("msg").toString())
        .startsWith("already done: " + lab.endpoint("n4") + " holds 6");
    assertThat(lab.layout()).isEqualTo(now);
  }
}
