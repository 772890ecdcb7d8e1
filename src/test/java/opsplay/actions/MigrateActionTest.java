package opsplay.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import opsplay.core.ActionException;
import opsplay.core.Plan;
import opsplay.core.Result;
import org.junit.jupiter.api.Test;

/**
 * The migrate action's run against the OpenMLDB model with exact time (ModelRig): the order of the
 * commands of a leader's move and the ops each one waits for, waiting for ops found running,
 * timeouts, progress, and a rebalance onto a tablet not started yet.
 */
class MigrateActionTest {
  private static ModelRig withSpareStarted() {
    ModelRig rig = new ModelRig(3, 1);
    rig.program("n4", "opt/openmldb/bin/start.sh", "start", "tablet");
    rig.sleep(Duration.ofSeconds(2));
    rig.ns(null, "confset auto_failover false");
    return rig;
  }

  @Test
  void aLeaderHandsItsLeadOnIsRecoveredThenMigratesEachOpAwaited() throws Exception {
    ModelRig rig = withSpareStarted();
    String n1 = rig.endpoint("n1");
    String n4 = rig.endpoint("n4");
    Result r = rig.run(ModelRig.action("{table: flow, partition: '0', from: n1, to: n4, leaders: change, poll: 1s}"));

    assertThat(r.status()).as(r.msg()).isEqualTo(Result.Status.CHANGED);
    assertThat(r.msg()).isEqualTo("moved 1 replica");
    assertThat(rig.commands.stream().filter(c -> !c.startsWith("show") && !c.startsWith("use") && !c.startsWith("conf")))
        .containsExactly("changeleader flow 0 auto", "recovertable flow 0 " + n1, "migrate " + n1 + " flow 0 " + n4);
    // the migrate went out only after the recovered replica's re-add op had ended
    int migrate = rig.commands.indexOf("migrate " + n1 + " flow 0 " + n4);
    assertThat(rig.commands.subList(rig.commands.indexOf("recovertable flow 0 " + n1), migrate)).contains("showopstatus flow 0");
    String table = rig.ns("demo_db", "showtable flow");
    assertThat(table).contains(n4 + "  follower  yes").doesNotContain("  flow  6    0    " + n1);
    assertThat(rig.progress).anyMatch(p -> p.startsWith("move 1/1 demo_db.flow 0: " + n1 + " -> " + n4 + " (leader): op 3 kReAddReplicaSimplifyOP kDoing"))
        .anyMatch(p -> p.contains("op 4 kMigrateOP kDoing at kSendSnapshot"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> moves = (List<Map<String, Object>>) r.registered().get("moves");
    assertThat(moves).singleElement().satisfies(m -> assertThat(m).containsEntry("leader", true).containsEntry("from", n1)
        .containsEntry("to", n4).containsEntry("partition", 0));
    assertThat(((Map<?, ?>) r.registered().get("replicas")).get(n4)).isEqualTo(1);
  }

  @Test
  void opsStillRunningAreAwaitedFirstThenTheMovesArePlannedAgain() throws Exception {
    ModelRig rig = withSpareStarted();
    String n3 = rig.endpoint("n3");
    String n4 = rig.endpoint("n4");
    assertThat(rig.ns("demo_db", "migrate " + n3 + " flow 0 " + n4)).contains("partition migrate ok");
    MigrateAction action = ModelRig.action("{table: flow, partition: '0', from: n3, to: n4, poll: 1s}");

    Plan plan = action.plan(rig);
    assertThat(plan.steps()).extracting(Plan.Step::display).containsExactly(
        "wait until op 1 kMigrateOP flow 0 (kDoing, kPauseSnapshot) has ended, then plan again",
        "demo_db: migrate " + n3 + " flow 0 " + n4);
    Result r = action.apply(plan, rig);
    assertThat(r.status()).as(r.msg()).isEqualTo(Result.Status.OK);
    assertThat(r.msg()).isEqualTo("nothing left to move once the earlier ops ended");
    assertThat(rig.commands).doesNotContain("migrate " + n3 + " flow 0 " + n4);
    assertThat(rig.ns("demo_db", "showopstatus flow 0")).containsOnlyOnce("kMigrateOP");
  }

  @Test
  void anOpThatOutlastsTheTimeoutFailsTheTaskAndGoesOnInTheCluster() throws Exception {
    ModelRig rig = withSpareStarted();
    MigrateAction action = ModelRig.action("{table: flow, partition: '0', from: n3, to: n4, poll: 1s, timeout: 5s}");
    Result r = rig.run(action);
    assertThat(r.status()).isEqualTo(Result.Status.FAILED);
    assertThat(r.msg()).contains("op 1 kMigrateOP flow 0 (kDoing", "has not ended after 5s",
        "queued by 'migrate " + rig.endpoint("n3") + " flow 0 " + rig.endpoint("n4") + "'", "run the task again later");

    rig.sleep(Duration.ofSeconds(20));
    Plan again = action.plan(rig);
    assertThat(again.alreadyDone()).isEqualTo("demo_db.flow 0 is already on " + rig.endpoint("n4"));
  }

  @Test
  void aRebalanceOntoATabletNotStartedYetIsShownButNotRun() throws Exception {
    ModelRig rig = new ModelRig(3, 1);
    rig.ns(null, "confset auto_failover false");
    MigrateAction action = ModelRig.action("{rebalance_onto: n4}");
    Plan plan = action.plan(rig);
    assertThat(plan.steps()).hasSize(6).allSatisfy(s -> assertThat(s.display()).endsWith(" " + rig.endpoint("n4")));
    assertThatThrownBy(() -> action.apply(plan, rig)).isInstanceOf(ActionException.class)
        .hasMessageContaining(rig.endpoint("n4") + " is not in the cluster's node list yet: start it");
    assertThat(rig.commands).noneMatch(c -> c.startsWith("migrate"));
  }

  @Test
  void aDatabaseThatShowdbDoesNotListIsRefusedBeforeNsClientCouldIgnoreIt() {
    ModelRig rig = withSpareStarted();
    MigrateAction action = ModelRig.action("{table: flow, partition: '0', from: n3, to: n4, database: demo}");
    assertThatThrownBy(() -> action.plan(rig)).isInstanceOf(ActionException.class)
        .hasMessage("database 'demo' is not in showdb (databases: demo_db); ns_client would silently use the default"
            + " database instead");
  }
}
