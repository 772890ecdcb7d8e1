package opsplay.lab.kwdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import opsplay.lab.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale-in as the model plays it: draining, hanging, the row filters of node status, deploy.sh's progress loop. */
class ScaleInTest {
  @TempDir
  Path tmp;

  @Test
  void aDecommissionedNodeDrainsToZeroAndAfterItsStopLeavesNodeStatusButNotTheDecommissionView() {
    LabRig rig = LabRig.insecure(4, 0, tmp);
    assertThat(rig.kwbase("n1", "node", "decommission", "4", "--insecure", "--wait=none").rc()).isZero();
    rig.advance(Duration.ofSeconds(30));
    int halfway = Integer.parseInt(NodeStatus.of(rig, "n1", "--decommission").get(4).get("gossiped_replicas"));
    assertThat(halfway).isBetween(1, 104);
    rig.advance(Duration.ofMinutes(2));
    var row = NodeStatus.of(rig, "n1", "--decommission").get(4);
    assertThat(row).containsEntry("gossiped_replicas", "0").containsEntry("is_decommissioning", "true")
        .containsEntry("is_live", "true");

    rig.run("n4", LabRig.SYSTEMCTL, "stop", "kaiwudb");
    assertThat(NodeStatus.of(rig, "n1")).as("listed until its liveness expires").containsKey(4);
    assertThat(NodeStatus.of(rig, "n1").get(4)).containsEntry("is_live", "false");
    rig.advance(Node.LIVENESS);
    assertThat(NodeStatus.of(rig, "n1")).doesNotContainKey(4);
    assertThat(rig.kwbase("n1", "node", "ls", "--insecure").stdout()).isEqualTo("id\n1\n2\n3\n");
    assertThat(NodeStatus.of(rig, "n1", "--decommission").get(4)).containsEntry("is_available", "false")
        .containsEntry("is_live", "false").containsEntry("is_decommissioning", "true").containsEntry("is_draining", "true");
    rig.advance(Duration.ofHours(2));
    assertThat(NodeStatus.of(rig, "n1", "--decommission").get(4)).containsEntry("address", "NULL")
        .containsEntry("gossiped_replicas", "NULL");
  }

  @Test
  void decommissioningOneOfThreeNodesHangsForeverAndMovesNothing() {
    LabRig rig = LabRig.insecure(3, 0, tmp);
    Output out = rig.kwbase("n1", "node", "decommission", "3", "--insecure");
    assertThat(out.forever()).isTrue();
    assertThat(out.stdout()).isEqualTo("id\tis_live\treplicas\tis_decommissioning\tis_draining\n3\ttrue\t140\ttrue\tfalse\n");
    rig.advance(Duration.ofHours(1));
    assertThat(NodeStatus.of(rig, "n1", "--decommission").get(3)).containsEntry("gossiped_replicas", "140")
        .containsEntry("is_decommissioning", "true");
  }

  @Test
  void aZoneConstraintNamingTheNodePinsItsReplicasAndTheDecommissionHangs() {
    LabRig rig = LabRig.insecure(4, 0, tmp);
    rig.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE USING num_replicas = 3, constraints = '{\"+region=NODE4\": 1}'");
    rig.advance(Duration.ofMinutes(5));
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE table_name = 'readings' AND 4 = ANY(replicas)"))
        .as("every time-series range keeps a replica on node 4").containsExactly(List.of("120"));

    Output out = rig.kwbase("n1", "node", "decommission", "4", "--insecure");
    assertThat(out.forever()).isTrue();
    rig.advance(Duration.ofMinutes(10));
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE 4 = ANY(replicas)"))
        .as("only the pinned replicas stay").containsExactly(List.of("120"));

    rig.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE USING num_replicas = 3, constraints = '[]'");
    rig.advance(Duration.ofMinutes(2));
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE 4 = ANY(replicas)")).containsExactly(List.of("0"));
  }

  @Test
  void aSingleReplicaClusterRefusesDecommissionAndMarksNothing() {
    LabRig rig = new LabRig(KwdbCluster.Options.of(4, 0, false, true), tmp);
    Output out = rig.kwbase("n1", "node", "decommission", "4", "--insecure");
    assertThat(out.rc()).isEqualTo(1);
    assertThat(out.stderr()).contains("node cannot be decommissioned in mpp mode");
    assertThat(NodeStatus.of(rig, "n1", "--decommission").get(4)).containsEntry("is_decommissioning", "false");
  }

  @Test
  void deployShDecommissionReturnsAtOnceAndItsLoopCountsTheReplicasDownToZero() {
    LabRig rig = LabRig.insecure(4, 0, tmp);
    Output out = rig.run("n4", LabRig.DEPLOY, "decommission");
    assertThat(out.rc()).isZero();
    String file = KwdbCluster.INSTALL_DIR + "/decommission_progress";
    assertThat(rig.read("n4", file)).isEqualTo("105\n");
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 40 && !"0\n".equals(rig.read("n4", file)); i++) {
      rig.advance(Duration.ofSeconds(2));
      seen.add(Integer.valueOf(rig.read("n4", file).strip()));
    }
    assertThat(seen).isSortedAccordingTo((a, b) -> b - a).endsWith(0).hasSizeGreaterThan(10);
    assertThat(NodeStatus.of(rig, "n1", "--decommission").get(4)).containsEntry("is_decommissioning", "true");
  }

  @Test
  void theProgressLoopWritesZeroAndEndsAsSoonAsTheNodeStopsEarly() {
    LabRig rig = LabRig.insecure(4, 0, tmp);
    rig.run("n4", LabRig.DEPLOY, "decommission");
    rig.advance(Duration.ofSeconds(4));
    rig.run("n4", LabRig.SYSTEMCTL, "stop", "kaiwudb");
    rig.advance(Duration.ofSeconds(2));
    assertThat(rig.read("n4", KwdbCluster.INSTALL_DIR + "/decommission_progress")).isEqualTo("0\n");
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE 4 = ANY(replicas)").get(0).get(0))
        .as("the replicas are still being moved").isNotEqualTo("0");
  }

  @Test
  void aNodeThatDiesWithoutDecommissionStaysListedAndItsReplicasAreRecreatedAfterTimeUntilStoreDead() {
    LabRig rig = LabRig.insecure(4, 0, tmp);
    rig.lab.hostDown("n4");
    rig.advance(Duration.ofMinutes(29));
    assertThat(NodeStatus.of(rig, "n1").get(4)).containsEntry("is_available", "false").containsEntry("is_live", "false");
    assertThat(NodeStatus.of(rig, "n1", "--decommission").get(4)).as("killed, not drained").containsEntry("is_draining", "false");
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE 4 = ANY(replicas)")).containsExactly(List.of("105"));
    rig.advance(Duration.ofMinutes(3));
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE 4 = ANY(replicas)")).containsExactly(List.of("0"));
    assertThat(NodeStatus.of(rig, "n1").get(4)).containsEntry("is_available", "false");
  }

  @Test
  void aStoppedMemberStartedAgainComesBackWithItsOwnId() throws Exception {
    LabRig rig = LabRig.insecure(3, 0, tmp);
    rig.run("n2", LabRig.SYSTEMCTL, "stop", "kaiwudb");
    rig.advance(Duration.ofMinutes(1));
    rig.run("n2", LabRig.SYSTEMCTL, "start", "kaiwudb");
    assertThat(NodeStatus.of(rig, "n1").keySet()).containsExactly(1, 2, 3);
    assertThat(NodeStatus.of(rig, "n1").get(2)).containsEntry("is_live", "true").containsEntry("is_available", "true");
    assertThat(Files.exists(rig.sandbox("n2").resolve("var/lib/kaiwudb/" + Cluster.STORE_IDENT))).isTrue();
  }
}
