package opsplay.lab.kwdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import opsplay.lab.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale-out as the model plays it: deploy.sh join, kwbase start --join, rebalancing and its setting, ids. */
class ScaleOutTest {
  private static final String TS_ON_NODE_4 =
      "SELECT count(*) FROM kwdb_internal.ranges WHERE table_name = 'readings' AND 4 = ANY(replicas)";
  private static final String ON_NODE_4 = "SELECT count(*) FROM kwdb_internal.ranges WHERE 4 = ANY(replicas)";

  @TempDir
  Path tmp;

  @Test
  void deployShJoinMakesTheSpareALiveMemberWithTheNextIdAndRefusesASecondTime() {
    LabRig rig = LabRig.insecure(3, 1, tmp);
    Output joined = rig.run("n4", LabRig.DEPLOY, "join", "--addr", "127.0.0.12:26257");
    assertThat(joined.rc()).isZero();
    assertThat(NodeStatus.of(rig, "n1").get(4)).containsEntry("address", "127.0.0.14:26257")
        .containsEntry("is_available", "true").containsEntry("is_live", "true").containsEntry("start_mode", "start");
    assertThat(rig.run("n4", LabRig.DEPLOY, "status").stdout()).contains("KaiwuDB is runnning now.");

    Output again = rig.run("n4", LabRig.DEPLOY, "join", "--addr", "127.0.0.12:26257");
    assertThat(again.rc()).isEqualTo(1);
    assertThat(again.stdout()).contains("KaiwuDB already running.");

    String unit = rig.read("n4", "etc/systemd/system/kaiwudb.service");
    assertThat(UnitFile.execStart(unit)).endsWith(" --join 127.0.0.12:26257").doesNotContain("--join 127.0.0.14:26257");
    assertThat(rig.read("n4", "etc/systemd/system/kaiwudb.serviceq")).contains("--join 127.0.0.14:26257");
    assertThat(rig.read("n4", "etc/kaiwudb/info/MODE").lines().toList().get(7)).isEqualTo("insecure");
  }

  @Test
  void replicasSpreadOntoAJoinedNodeUntilTheCountsAreEven() {
    LabRig rig = LabRig.insecure(3, 1, tmp);
    rig.run("n4", LabRig.DEPLOY, "join", "--addr", "127.0.0.11:26257");
    rig.advance(Duration.ofSeconds(30));
    int early = count(rig, ON_NODE_4);
    assertThat(early).isBetween(20, 40);
    rig.advance(Duration.ofMinutes(10));
    Map<Integer, Map<String, String>> rows = NodeStatus.of(rig, "n1", "--ranges");
    assertThat(rows.values()).allSatisfy(r -> assertThat(Integer.parseInt(r.get("ranges"))).isBetween(104, 106));
    assertThat(rig.rows("n1", "SELECT sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT FROM kwdb_internal.kv_store_status"))
        .containsExactly(List.of("0"));
  }

  @Test
  void withTheTimeSeriesRebalanceSettingOffOnlyOtherRangesMoveUntilItIsOnAgain() {
    LabRig rig = LabRig.insecure(3, 1, tmp);
    rig.sql("n1", "SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = false;");
    rig.run("n4", LabRig.DEPLOY, "join", "--addr", "127.0.0.11:26257");
    rig.advance(Duration.ofMinutes(10));
    assertThat(count(rig, TS_ON_NODE_4)).isZero();
    assertThat(count(rig, ON_NODE_4)).as("system and relational ranges still rebalance").isBetween(1, 20);

    rig.sql("n1", "SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = DEFAULT");
    rig.advance(Duration.ofMinutes(10));
    assertThat(count(rig, ON_NODE_4)).isBetween(104, 106);
    assertThat(count(rig, TS_ON_NODE_4)).isPositive();
  }

  @Test
  void nodeIdsAreNeverReusedEvenForAWipedMachineThatJoinsAgain() throws Exception {
    LabRig rig = LabRig.insecure(4, 1, tmp);
    rig.run("n5", LabRig.DEPLOY, "join", "--addr", "127.0.0.11:26257");
    assertThat(rig.kwbase("n1", "node", "decommission", "4", "--insecure").rc()).isZero();
    assertThat(rig.kwbase("n1", "quit", "--insecure", "--host=127.0.0.14:26257").stdout()).isEqualTo("ok\n");
    rig.advance(Duration.ofMinutes(1));
    Files.delete(rig.sandbox("n4").resolve("var/lib/kaiwudb/" + Cluster.STORE_IDENT));

    Output start = rig.kwbase("n4", "start", "--insecure", "--store=/var/lib/kaiwudb", "--listen-addr=127.0.0.14:26257",
        "--join=127.0.0.11:26257", "--background");
    assertThat(start.rc()).isZero();
    assertThat(NodeStatus.of(rig, "n1").keySet()).containsExactly(1, 2, 3, 5, 6);
    assertThat(NodeStatus.of(rig, "n1", "--decommission").keySet()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(NodeStatus.of(rig, "n1").get(6)).containsEntry("address", "127.0.0.14:26257");
  }

  @Test
  void aSecureJoinUsesTheClusterCaFromTheArchiveAndSignsNewNodeCertificates() throws Exception {
    LabRig rig = new LabRig(KwdbCluster.Options.of(3, 1, true, false), tmp);
    Path certs = rig.sandbox("n1").resolve(KwdbCluster.CERTS_DIR);
    TarGz.write(rig.sandbox("n4").resolve(KwdbCluster.INSTALL_DIR + "/kaiwudb_certs.tar.gz"),
        Map.of("./ca.key", Files.readString(certs.resolve("ca.key")), "./ca.crt", Files.readString(certs.resolve("ca.crt"))));
    assertThat(Certificates.issuer(rig.read("n4", KwdbCluster.CERTS_DIR + "/node.crt"))).isNotEqualTo(Cluster.CA);

    Output out = rig.runWithInput("n4", LabRig.DEPLOY, List.of("/" + KwdbCluster.INSTALL_DIR),
        "join", "--addr", "127.0.0.11:26257", "--tls");
    assertThat(out.stdout()).contains("[JOIN COMPLETED]");
    assertThat(Certificates.issuer(rig.read("n4", KwdbCluster.CERTS_DIR + "/node.crt"))).isEqualTo(Cluster.CA);
    assertThat(Certificates.issuer(rig.read("n4", KwdbCluster.CERTS_DIR + "/client.root.crt"))).isEqualTo(Cluster.CA);
    assertThat(rig.read("n4", "etc/kaiwudb/info/MODE").lines().toList().get(7)).isEqualTo("tls");
    assertThat(rig.run("n4", LabRig.KW_STATUS).stdout().lines().count()).isEqualTo(5);
  }

  @Test
  void aSecureJoinWithoutTheClustersCaNeverJoins() {
    LabRig rig = new LabRig(KwdbCluster.Options.of(3, 1, true, false), tmp);
    Output start = rig.kwbase("n4", "start", "--certs-dir=/etc/kaiwudb/certs", "--store=/var/lib/kaiwudb",
        "--listen-addr=127.0.0.14:26257", "--join=127.0.0.11:26257", "--background");
    assertThat(start.rc()).isZero();
    assertThat(start.stderr()).contains("initial startup completed");
    assertThat(rig.kwbase("n1", "node", "ls", "--certs-dir=/etc/kaiwudb/certs").stdout()).isEqualTo("id\n1\n2\n3\n");
    assertThat(rig.kwbase("n4", "node", "status", "--certs-dir=/etc/kaiwudb/certs").forever()).as("no answer").isTrue();
  }

  @Test
  void anInsecureStartAgainstASecureClusterWaits() {
    LabRig rig = new LabRig(KwdbCluster.Options.of(3, 1, true, false), tmp);
    assertThat(rig.kwbase("n4", "start", "--insecure", "--join=127.0.0.11:26257", "--background").stderr())
        .contains("RUNNING IN INSECURE MODE", "initial startup completed");
    assertThat(NodeStatus.parse(rig.kwbase("n1", "node", "status", "--certs-dir=/etc/kaiwudb/certs"))).hasSize(3);
  }

  @Test
  void aSecureSpareStartedWithItsOwnCaWaitsAndDeployShStartSaysItFailed() {
    LabRig rig = new LabRig(KwdbCluster.Options.of(3, 1, true, false), tmp);
    Output out = rig.run("n4", LabRig.DEPLOY, "start");
    assertThat(out.rc()).isEqualTo(1);
    assertThat(out.stdout()).contains("Start KaiwuDB failed. For more information, check kwbase log.");
    assertThat(rig.lab.running("n4")).as("the service runs, waiting").isTrue();
    assertThat(NodeStatus.parse(rig.kwbase("n1", "node", "status", "--certs-dir=/etc/kaiwudb/certs"))).hasSize(3);
  }

  @Test
  void aWaitingNodeJoinsOnceTheNodeItWasToldToJoinComesUp() {
    LabRig rig = LabRig.insecure(3, 1, tmp);
    rig.run("n2", LabRig.SYSTEMCTL, "stop", "kaiwudb");
    rig.kwbase("n4", "start", "--insecure", "--join=127.0.0.12:26257", "--listen-addr=127.0.0.14:26257", "--background");
    assertThat(NodeStatus.of(rig, "n1").keySet()).containsExactly(1, 2, 3);
    rig.run("n2", LabRig.SYSTEMCTL, "start", "kaiwudb");
    rig.advance(Duration.ofSeconds(1));
    assertThat(NodeStatus.of(rig, "n1").keySet()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aSingleReplicaClusterTakesStartSingleReplicaNodesButMovesNoExistingData() {
    LabRig rig = new LabRig(KwdbCluster.Options.of(3, 2, false, true), tmp);
    rig.kwbase("n4", "start", "--insecure", "--join=127.0.0.11:26257", "--background");
    rig.kwbase("n5", "start-single-replica", "--insecure", "--join=127.0.0.11:26257", "--background");
    rig.advance(Duration.ofMinutes(10));
    Map<Integer, Map<String, String>> rows = NodeStatus.of(rig, "n1", "--ranges");
    assertThat(rows.keySet()).as("a multi-replica start cannot join").containsExactly(1, 2, 3, 4);
    assertThat(rows.get(4)).containsEntry("start_mode", "start-single-replica").containsEntry("ranges", "0");
  }

  private static int count(LabRig rig, String sql) {
    return Integer.parseInt(rig.rows("n1", sql).get(0).get(0));
  }
}
