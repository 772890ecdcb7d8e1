package opsplay.lab.openmldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import opsplay.lab.Invocation;
import opsplay.lab.LabCluster;
import opsplay.lab.Output;
import org.junit.jupiter.api.Test;

/** What the lab infrastructure reads from the cluster: hosts, groups, variables, files, programs. */
class OpenMldbClusterTest {
  private static OpenMldbCluster cluster(int tablets, int spare) {
    return new OpenMldbCluster(OpenMldbCluster.Options.of(tablets, spare).at(Scenario.START, ZoneOffset.UTC));
  }

  @Test
  void hostsAndGroupsAsThePlaybooksExpect() {
    List<LabCluster.Node> nodes = cluster(3, 2).nodes();
    assertThat(nodes).extracting(LabCluster.Node::name).containsExactly("n1", "n2", "n3", "n4", "n5");
    assertThat(nodes.get(0).groups()).containsExactly("tablets", "nameservers");
    assertThat(nodes.get(2).groups()).containsExactly("tablets", "nameservers");
    assertThat(nodes.get(3).groups()).containsExactly("new_tablets");
    assertThat(nodes).allSatisfy(n -> assertThat(n.sqlPort()).isZero());
  }

  @Test
  void nameServersSitOnTheFirstTablets() {
    List<LabCluster.Node> nodes = new OpenMldbCluster(new OpenMldbCluster.Options(4, 0, 2, Rates.DEFAULT)).nodes();
    assertThat(nodes).extracting(n -> n.groups().contains("nameservers")).containsExactly(true, true, false, false);
    assertThat(cluster(2, 0).nodes()).allSatisfy(n -> assertThat(n.groups()).contains("nameservers"));
  }

  @Test
  void variablesPointIntoTheSandbox() {
    Map<String, Object> vars = cluster(3, 1).nodes().get(0).vars();
    assertThat(vars).containsExactly(Map.entry("openmldb_home", "{sandbox}/opt/openmldb"),
        Map.entry("zk_cluster", "127.0.0.1:2181"), Map.entry("zk_root_path", "/openmldb"),
        Map.entry("openmldb_database", "demo_db"), Map.entry("openmldb_endpoint", "127.0.0.1:10921"),
        Map.entry("openmldb_ns_endpoint", "127.0.0.1:7527"));
    assertThat(cluster(3, 1).nodes().get(3).vars()).containsEntry("openmldb_endpoint", "127.0.0.1:10924")
        .doesNotContainKey("openmldb_ns_endpoint");
  }

  @Test
  void theLabsAddressesReachVariablesFilesAndOutput() {
    OpenMldbCluster c = cluster(3, 1);
    for (int i = 1; i <= 4; i++) c.address("n" + i, "127.0.10." + i);
    assertThat(c.nodes().get(1).vars()).containsEntry("openmldb_endpoint", "127.0.10.2:10922")
        .containsEntry("openmldb_ns_endpoint", "127.0.10.2:7528");
    assertThat(c.files("n4").get("opt/openmldb/conf/tablet.flags")).contains("--endpoint=127.0.10.4:10924\n");
    Output out = ns(c, "showtablet");
    assertThat(out.stdout()).startsWith("ns leader: 127.0.10.1:7527\n").contains("  127.0.10.3:10923  -");
    assertThatThrownBy(() -> c.address("n9", "127.0.0.9")).hasMessageContaining("no OpenMLDB lab host 'n9'");
  }

  @Test
  void filesAndProgramsOnEveryHost() {
    OpenMldbCluster c = cluster(3, 1);
    assertThat(c.programs()).containsOnlyKeys("opt/openmldb/bin/openmldb", "opt/openmldb/bin/start.sh");
    assertThat(c.files("n4")).containsOnlyKeys("opt/openmldb/conf/tablet.flags", "opt/openmldb/conf/nameserver.flags");
    assertThat(c.files("n1").get("opt/openmldb/conf/nameserver.flags"))
        .contains("--endpoint=127.0.0.1:7527\n", "--zk_cluster=127.0.0.1:2181\n", "--auto_failover=true\n");
    assertThat(c.sql("n1")).isNull();
    assertThat(c.kind()).isEqualTo("openmldb");
  }

  @Test
  void runningFollowsTheTabletProcess() {
    OpenMldbCluster c = cluster(3, 1);
    assertThat(List.of("n1", "n2", "n3", "n4")).extracting(c::running).containsExactly(true, true, true, false);
    c.hostDown("n2");
    assertThat(c.running("n2")).isFalse();
    c.hostUp("n2");
    assertThat(c.running("n2")).as("processes stay stopped after a reboot").isFalse();
  }

  @Test
  void aLongAdvanceOnlyVisitsDueEvents() {
    OpenMldbCluster c = cluster(3, 1);
    c.advance(Duration.ofDays(400));
    assertThat(ns(c, "showtablet").stdout()).contains("kHealthy  400d");
  }

  @Test
  void refusesWhatCannotBe() {
    assertThatThrownBy(() -> OpenMldbCluster.Options.of(0, 1)).hasMessageContaining("at least 1 tablet");
    assertThatThrownBy(() -> new OpenMldbCluster.Options(2, 0, 3, Rates.DEFAULT))
        .hasMessageContaining("name servers run on tablet hosts: 1 to 2, got 3");
    assertThatThrownBy(() -> cluster(3, 1).advance(Duration.ofSeconds(-1))).hasMessageContaining("cannot go back");
    assertThatThrownBy(() -> cluster(3, 1).hostDown("x")).hasMessageContaining("no OpenMLDB lab host 'x'");
    assertThatThrownBy(() -> new Rates(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(10), Duration.ofSeconds(60))).hasMessageContaining("taskPoll");
  }

  @Test
  void fasterRatesMoveOpsSooner() {
    Duration tick = Duration.ofMillis(100);
    OpenMldbCluster c = new OpenMldbCluster(OpenMldbCluster.Options.of(3, 0).with(new Rates(tick, tick, tick,
        Duration.ofSeconds(1), Duration.ofSeconds(6))).at(Scenario.START, ZoneOffset.UTC));
    ns(c, "confset auto_failover false");
    ns(c, "delreplica flow 0 127.0.0.1:10923");
    c.advance(Duration.ofMillis(200));
    assertThat(ns(c, "showtable flow").stdout()).doesNotContain("  flow  6    0    127.0.0.1:10923");
  }

  private static Output ns(OpenMldbCluster c, String cmd) {
    List<String> args = List.of("--zk_cluster=127.0.0.1:2181", "--zk_root_path=/openmldb", "--role=ns_client",
        "--interactive=false", "--database=demo_db", "--cmd=" + cmd);
    String path = "opt/openmldb/bin/openmldb";
    return c.programs().get(path).run(new Invocation("n1", path, args, "/", Map.of(), Path.of("/tmp")));
  }
}
