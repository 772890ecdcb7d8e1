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
 * playbooks/openmldb/scale-in.yml end to end, in order on one lab of 5 tablets (name servers on
 * n1-n3): n3 leads partitions and runs a name server; after it, n2 is removed while only one other
 * name server would remain, so its name server stays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenMldbScaleInTest {
  static final String PLAYBOOK = "playbooks/openmldb/scale-in.yml";
  private OpenMldbLab lab;

  @BeforeAll
  void start(@TempDir Path dir) {
    lab = OpenMldbLab.start(5, 0, dir);
  }

  @AfterAll
  void stop() {
    if (lab != null) lab.close();
  }

  @Test
  @Order(1)
  void thePreviewHandsEachLeadOnFirstAndChangesNothing() {
    List<String> before = lab.layout();
    String n3 = lab.endpoint("n3");
    assertThat(before).as("n3 leads merchant 0").anyMatch(p -> p.startsWith("demo_db.merchant 0 =") && p.contains(n3 + ":L"));
    Cli.Outcome check = lab.run(PLAYBOOK, "--check", "-e", "remove=n3");
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    List<String> moves = Events.planned(check, "n1", "migrate every replica away");
    int at = moves.indexOf("demo_db: changeleader merchant 0 auto");
    assertThat(at).as(String.join("\n", moves)).isPositive();
    assertThat(moves.get(at + 1)).isEqualTo("demo_db: recovertable merchant 0 " + n3);
    assertThat(moves.get(at + 2)).startsWith("demo_db: migrate " + n3 + " merchant 0 ");
    assertThat(moves).anyMatch(m -> m.startsWith("__INTERNAL_DB: migrate " + n3));
    assertThat(moves.stream().filter(m -> m.contains(": migrate " + n3 + " "))).hasSize(lab.counts(null).get(n3));
    assertThat(Events.result(check, "n3", "stop the tablet").get("status")).isEqualTo("changed");
    assertThat(Events.result(check, "n3", "stop the name server").get("status")).isEqualTo("changed");

    assertThat(lab.layout()).isEqualTo(before);
    assertThat(lab.running("n3")).isTrue();
    assertThat(lab.autoFailover()).isTrue();
  }

  @Test
  @Order(2)
  void theRunEmptiesTheTabletThenStopsItAndItsNameServer() {
    String n3 = lab.endpoint("n3");
    Cli.Outcome run = lab.run(PLAYBOOK, "-e", "remove=n3");
    assertThat(run.code()).as(run.out() + run.err()).isZero();

    Map<String, Integer> counts = lab.counts(null);
    assertThat(counts).doesNotContainKey(n3);
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(total / 4 + 2));
    assertThat(lab.layout()).allSatisfy(p -> {
      assertThat(p).doesNotContain("-dead");
      assertThat(p.split(":L", -1)).as("one leader: " + p).hasSize(2);
      assertThat(p.split(" ").length - 3).as("replicas: " + p).isEqualTo(p.startsWith("demo_db") ? 3 : 2);
    });
    assertThat(lab.running("n3")).isFalse();
    assertThat(lab.ns(null, "showtablet")).contains(n3 + "  -              kOffline");
    assertThat(lab.ns(null, "showns")).doesNotContain(":7529").contains(":7527", ":7528");
    assertThat(lab.autoFailover()).isTrue();
  }

  @Test
  @Order(3)
  void aSecondRunChangesNothing() {
    List<String> now = lab.layout();
    Cli.Outcome again = lab.run(PLAYBOOK, "-e", "remove=n3");
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(Events.changed(again)).as(again.out()).isZero();
    assertThat(Events.result(again, "n1", "migrate every replica away").get("msg"))
        .isEqualTo("already done: " + lab.endpoint("n3") + " holds no replicas");
    assertThat(lab.layout()).isEqualTo(now);
  }

  @Test
  @Order(4)
  void aNameServerStaysWhenFewerThanTwoOthersWouldRemain() {
    Cli.Outcome run = lab.run(PLAYBOOK, "-e", "remove=n2");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(lab.counts(null)).doesNotContainKey(lab.endpoint("n2"));
    assertThat(lab.running("n2")).isFalse();
    assertThat(Events.result(run, "n2", "stop the name server").get("status")).isEqualTo("skipped");
    assertThat(Events.result(run, "n2", "keep the name server").get("msg").toString()).contains("n2 keeps its name server");
    assertThat(lab.ns(null, "showns")).contains(":7527", ":7528");
  }
}
