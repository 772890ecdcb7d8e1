package opsplay.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opsplay.lab.Invocation;
import opsplay.lab.LabHost;
import opsplay.testing.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KWDB scale-in playbooks (scale-in-cli.yml, scale-in-script.yml) end to end in the lab,
 * through the CLI: the preview plans every command and changes nothing; a run removes the nodes
 * and a second run changes nothing; every refusal exits 2 with its reason and leaves the cluster
 * as it was; an interrupted run finishes with --resume without running anything twice.
 *
 * <p>One 5-node lab serves every test that must leave the cluster unchanged (previews, refusals);
 * the tests that change a cluster start their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KwdbScaleInTest {
  private static final String CLI = "scale-in-cli.yml";
  private static final String SCRIPT = "scale-in-script.yml";
  private KwdbLab shared;

  @BeforeAll
  void startSharedLab(@TempDir Path dir) throws IOException {
    shared = KwdbLab.start(dir, 5, false);
  }

  @AfterAll
  void stopSharedLab() {
    if (shared != null) shared.close();
  }

  // --- previews -------------------------------------------------------------------------------

  @Test
  void theCliPreviewPlansEveryCommandFromAMemberThatStaysAndChangesNothing() {
    Cli.Outcome check = shared.check(CLI, "-e", "remove=n1,n5");
    assertThat(check.code()).as(check.out()).isZero();
    assertThat(planned(check, "n1", "mark the node decommissioning (kwbase node decommission ID --wait=none)"))
        .contains("/n2/usr/local/kaiwudb/bin/kwbase node decommission 1 --wait=none --format=tsv --insecure --host=");
    assertThat(planned(check, "n5", "mark the node decommissioning (kwbase node decommission ID --wait=none)"))
        .contains("kwbase node decommission 5 --wait=none --format=tsv --insecure");
    assertThat(planned(check, "n5", "wait until the node holds no replicas (node status --decommission)"))
        .contains("kwbase node status 5 --decommission --format=tsv --insecure").contains("every 100ms, up to 2h");
    assertThat(planned(check, "n5", "no range keeps a replica on the node (kwdb_internal.ranges)"))
        .contains("SELECT count(*) AS replicas FROM kwdb_internal.ranges WHERE ? = ANY(replicas)");
    assertThat(planned(check, "n5", "stop the node (kwbase quit)")).contains("kwbase quit --insecure --host=" + address("n5") + ":26257");
    assertThat(status(check, "n5", "stop the node (kwbase quit)")).isEqualTo("changed");
    assertThat(status(check, "n5", "confirm - the node is decommissioned and empty (node status --decommission)")).isEqualTo("skipped");
    assertUnchanged(shared, 5);
  }

  @Test
  void theScriptPreviewPlansDeployShOnTheNodesThemselvesAndChangesNothing() {
    Cli.Outcome check = shared.check(SCRIPT, "-e", "remove=n4,n5");
    assertThat(check.code()).as(check.out()).isZero();
    for (String host : List.of("n4", "n5")) {
      assertThat(planned(check, host, "start the decommission (./deploy.sh decommission, on the node itself)"))
          .contains("/" + host + "/opt/kwdb_install")
          .contains("./deploy.sh decommission > decommission.out 2>&1 < /dev/null");
      assertThat(planned(check, host, "wait until decommission_progress reads 0")).contains("cat decommission_progress");
      assertThat(planned(check, host, "stop the database (systemctl stop kaiwudb)")).contains("systemctl stop kaiwudb");
    }
    assertThat(result(check, "n1", "start the decommission (./deploy.sh decommission, on the node itself)").get("status"))
        .isEqualTo("skipped");
    assertUnchanged(shared, 5);
  }

  // --- refusals -------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void anEmptyOrUnknownRemoveIsRefused(String playbook) {
    Cli.Outcome none = shared.run(playbook);
    assertRefused(none, "pre-check - remove names the nodes to remove", "refused: remove is empty");
    Cli.Outcome unknown = shared.run(playbook, "-e", "remove=n4,n9");
    assertRefused(unknown, "pre-check - every node to remove is a member of group kwdb",
        "remove names 'n9', not a member of group kwdb (members: n1 n2 n3 n4 n5)");
    assertUnchanged(shared, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void leavingFewerThanThreeMembersIsRefused(String playbook) {
    Cli.Outcome run = shared.run(playbook, "-e", "remove=n3,n4,n5");
    assertRefused(run, "pre-check - at least 3 members stay (inventory)", "would leave 2 member(s) in group kwdb: n1 n2.");
    assertUnchanged(shared, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void aZoneConstraintNamingTheNodeIsRefused(String playbook) {
    shared.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE USING num_replicas = 3, constraints = '{\"+region=NODE5\": 1}'");
    try {
      Cli.Outcome run = shared.run(playbook, "-e", "remove=n5");
      assertRefused(run, "pre-check - no zone constraint names the node to remove",
          "the zone configuration of DATABASE tsdb has a constraint naming region=NODE5");
      Cli.Outcome other = shared.check(playbook, "-e", "remove=n4");
      assertThat(other.code()).as("NODE5 does not concern n4 (nor would NODE50)" + other.out()).isZero();
    } finally {
      shared.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE DISCARD");
    }
    assertUnchanged(shared, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void underReplicatedRangesAreRefused(String playbook) {
    // five replicas wanted, all on a node that does not exist: the ranges stay under-replicated
    shared.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE USING num_replicas = 5, constraints = '[+region=NODE9]'");
    try {
      Cli.Outcome run = shared.run(playbook, "-e", "remove=n5");
      assertRefused(run, "pre-check - no unavailable or under-replicated ranges",
          "refused: 0 unavailable and 120 under-replicated range(s)");
    } finally {
      shared.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE DISCARD");
    }
    assertUnchanged(shared, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void aNodeThatIsDownIsRefused(String playbook) throws IOException {
    shared.lab().stopHost("n3");
    try {
      Cli.Outcome run = shared.run(playbook, "-e", "remove=n5");
      assertRefused(run, "pre-check - every node is live and available",
          "refused: not live and available: node 3 (" + address("n3") + ":26257, is_available ");
      assertThat(msg(run, "n1", "pre-check - every node is live and available")).contains("is_live false);");
      assertThat(shared.nodeStatus("n1", "--decommission").get(5)).containsEntry("is_decommissioning", "false");
    } finally {
      shared.lab().startHost("n3");
      systemctlStart(shared, "n3");
    }
    assertUnchanged(shared, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void aThreeNodeClusterIsRefused(String playbook, @TempDir Path dir) throws IOException {
    try (KwdbLab lab = KwdbLab.start(dir, 3, false)) {
      Cli.Outcome run = lab.run(playbook, "-e", "remove=n3");
      assertRefused(run, "pre-check - at least 3 members stay (inventory)", "would leave 2 member(s) in group kwdb");
      assertUnchanged(lab, 3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI, SCRIPT})
  void aSingleReplicaClusterIsRefused(String playbook, @TempDir Path dir) throws IOException {
    try (KwdbLab lab = KwdbLab.start(dir, 4, true)) {
      Cli.Outcome run = lab.run(playbook, "-e", "remove=n4");
      assertRefused(run, "pre-check - the cluster is multi-replica", "refused: the cluster is single-replica");
      assertUnchanged(lab, 4);
    }
  }

  // --- runs that change the cluster -------------------------------------------------------------

  @Test
  void theCliRemovesANodeThenChangesNothingThenResumesAnInterruptedRunThenRefusesTwoLeft(@TempDir Path dir)
      throws IOException {
    try (KwdbLab lab = KwdbLab.start(dir, 5, false)) {
      Cli.Outcome run = lab.run(CLI, "-e", "remove=n5");
      assertThat(run.code()).as(run.out()).isZero();
      assertRemoved(lab, "n5", 5);
      assertThat(changed(run, "n5")).isEqualTo(4); // mark, wait, quit, wait until gone
      assertThat(msg(run, "n1", "done")).isEqualTo("scale-in done: n5 decommissioned and stopped");

      Cli.Outcome again = lab.run(CLI, "-e", "remove=n5");
      assertThat(again.code()).as(again.out()).isZero();
      assertNothingChanged(again);
      assertThat(msg(again, "n5", "already removed")).isEqualTo("node 5 (n5) is already decommissioned and stopped: nothing to do");

      // interrupted while waiting: the drain takes longer than 100ms
      Cli.Outcome cut = lab.run(CLI, "-e", "remove=n4", "-e", "kw_decommission_timeout=100ms");
      assertThat(cut.code()).as(cut.out()).isEqualTo(2);
      assertThat(status(cut, "n4", "wait until the node holds no replicas (node status --decommission)")).isEqualTo("failed");
      assertThat(msg(cut, "n4", "wait until the node holds no replicas (node status --decommission)")).contains("timed out after 100ms");
      assertThat(lab.nodeStatus("n1", "--decommission").get(4)).containsEntry("is_decommissioning", "true");
      assertThat(lab.running("n4")).isTrue();

      // without the short timeout: another -e value, so --yes
      Cli.Outcome resumed = lab.run(CLI, "-e", "remove=n4", "--resume", "last", "--yes");
      assertThat(resumed.code()).as(resumed.out()).isZero();
      assertThat(resumed.err()).contains("(kw_decommission_timeout is no longer given); going on with these (--yes)");
      assertThat(msg(resumed, "n4", "mark the node decommissioning (kwbase node decommission ID --wait=none)"))
          .as("not marked twice").startsWith("done in run ");
      assertThat(msg(resumed, "n1", "pre-check - every node is live and available")).startsWith("done in run ");
      assertThat(status(resumed, "n4", "wait until the node holds no replicas (node status --decommission)"))
          .isIn("ok", "changed");
      assertThat(status(resumed, "n4", "stop the node (kwbase quit)")).isEqualTo("changed");
      assertRemoved(lab, "n4", 4);

      // the inventory still lists n4 and n5: it counts 4 members that stay, node status only 2
      Cli.Outcome two = lab.run(CLI, "-e", "remove=n3");
      assertRefused(two, "pre-check - at least 3 nodes of the cluster stay",
          "refused: after removing n3, fewer than 3 nodes of the cluster would stay (kwbase node status, nodes not"
              + " decommissioning): node 1 (" + address(lab, "n1") + ":26257); node 2 (");
      assertThat(lab.running("n3")).isTrue();
      assertThat(lab.nodeStatus("n1", "--decommission").get(3)).containsEntry("is_decommissioning", "false");
    }
  }

  @Test
  void theCliWithoutQuitLeavesTheNodeRunningDecommissionedAndEmpty(@TempDir Path dir) throws IOException {
    try (KwdbLab lab = KwdbLab.start(dir, 4, false)) {
      Cli.Outcome run = lab.run(CLI, "-e", "remove=n4", "-e", "quit=false");
      assertThat(run.code()).as(run.out()).isZero();
      assertThat(lab.running("n4")).isTrue();
      assertThat(lab.nodeStatus("n1", "--decommission").get(4)).containsEntry("is_decommissioning", "true")
          .containsEntry("gossiped_replicas", "0").containsEntry("is_live", "true");
      assertThat(lab.replicasOn(4)).isZero();
      assertThat(status(run, "n4", "stop the node (kwbase quit)")).isEqualTo("skipped");

      Cli.Outcome again = lab.run(CLI, "-e", "remove=n4", "-e", "quit=false");
      assertThat(again.code()).as(again.out()).isZero();
      assertNothingChanged(again);
    }
  }

  @Test
  void theScriptRemovesTwoNodesThenChangesNothingThenResumesAfterAFailedStop(@TempDir Path dir) throws IOException {
    try (KwdbLab lab = KwdbLab.start(dir, 6, false)) {
      Cli.Outcome run = lab.run(SCRIPT, "-e", "remove=n5,n6");
      assertThat(run.code()).as(run.out()).isZero();
      for (String host : List.of("n5", "n6")) {
        int node = Integer.parseInt(host.substring(1));
        assertRemoved(lab, host, node);
        assertThat(Files.readString(sandbox(lab, host).resolve("opt/kwdb_install/decommission_progress")).strip()).isEqualTo("0");
        assertThat(msg(run, host, "start the decommission (./deploy.sh decommission, on the node itself)")).isEmpty();
        assertThat(result(run, host, "start the decommission (./deploy.sh decommission, on the node itself)").get("stdout").toString())
            .contains("[DECOMMISSION COMPLETED]");
      }

      Cli.Outcome again = lab.run(SCRIPT, "-e", "remove=n5,n6");
      assertThat(again.code()).as(again.out()).isZero();
      assertNothingChanged(again);

      lab.lab().failNextRun("n4", "PATH/systemctl", "Failed to stop kaiwudb.service: Interactive authentication required.");
      Cli.Outcome cut = lab.run(SCRIPT, "-e", "remove=n4");
      assertThat(cut.code()).as(cut.out()).isEqualTo(2);
      assertThat(msg(cut, "n4", "stop the database (systemctl stop kaiwudb)")).contains("Interactive authentication required");
      assertThat(lab.running("n4")).isTrue();

      Cli.Outcome resumed = lab.run(SCRIPT, "-e", "remove=n4", "--resume", "last");
      assertThat(resumed.code()).as(resumed.out()).isZero();
      assertThat(msg(resumed, "n4", "start the decommission (./deploy.sh decommission, on the node itself)"))
          .as("deploy.sh decommission ran once").startsWith("done in run ");
      assertThat(msg(resumed, "n4", "wait until decommission_progress reads 0")).startsWith("done in run ");
      assertThat(status(resumed, "n4", "stop the database (systemctl stop kaiwudb)")).as(msg(resumed, "n4", "stop the database (systemctl stop kaiwudb)") + resumed.out()).isEqualTo("changed");
      assertRemoved(lab, "n4", 4);
    }
  }

  @Test
  void theScriptRemovesThePrimaryOfASecureClusterThroughTheNextMember(@TempDir Path dir) throws IOException {
    try (KwdbLab lab = KwdbLab.startSecure(dir, 4)) {
      Cli.Outcome run = lab.run(SCRIPT, "-e", "remove=n1");
      assertThat(run.code()).as(run.out()).isZero();
      assertThat(planned(run, "n1", "node status agrees - decommissioning with 0 replicas (node status --decommission)"))
          .contains("/n2/usr/local/kaiwudb/bin/kwbase node status 1 --decommission --format=tsv --certs-dir=")
          .contains("/n2/etc/kaiwudb/certs --host=" + address(lab, "n2") + ":26257");
      assertRemoved(lab, "n1", 1, "n2");
      assertThat(msg(run, "n1", "done")).isEqualTo("scale-in done: n1 decommissioned and stopped");
    }
  }

  @Test
  void theScriptRefusesANodeWithoutAnInstallFolder() {
    Cli.Outcome run = shared.run(SCRIPT, "-e", "remove=n5", "-e", "kw_install_dir=");
    assertRefused(run, "pre-check - the install folder of the node to remove is known",
        "refused: kw_install_dir is not set for n5");
    assertUnchanged(shared, 5);
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** Exit 2, the task failed with the message, and nothing after the pre-checks ran. */
  private static void assertRefused(Cli.Outcome run, String task, String message) {
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    Map<String, Object> failed = run.events("host_result").stream().filter(e -> "failed".equals(e.get("status")))
        .findFirst().orElseThrow(() -> new AssertionError("no failed task in\n" + run.out()));
    assertThat(failed.get("task")).as(run.out()).isEqualTo(task);
    assertThat(String.valueOf(failed.get("msg"))).contains(message);
    assertThat(run.events("host_result")).as("nothing changed").noneMatch(e -> "changed".equals(e.get("status")));
  }

  /** Every member runs, none is decommissioning, each holds replicas. */
  private static void assertUnchanged(KwdbLab lab, int nodes) {
    Map<Integer, Map<String, String>> status = lab.nodeStatus("n1", "--decommission");
    assertThat(status).hasSize(nodes);
    for (int id = 1; id <= nodes; id++) {
      assertThat(status.get(id)).containsEntry("is_decommissioning", "false").containsEntry("is_live", "true");
      assertThat(lab.running("n" + id)).isTrue();
      assertThat(lab.replicasOn(id)).isPositive();
    }
  }

  /** Decommissioned, no replica left, stopped, gone from node status (still in its --decommission view). */
  private static void assertRemoved(KwdbLab lab, String host, int node) {
    assertRemoved(lab, host, node, "n1");
  }

  private static void assertRemoved(KwdbLab lab, String host, int node, String asker) {
    assertThat(lab.running(host)).as(host + " stopped").isFalse();
    assertThat(lab.replicasOn(node, asker)).isZero();
    assertThat(lab.nodeStatus(asker)).doesNotContainKey(node);
    assertThat(lab.nodeStatus(asker, "--decommission").get(node)).containsEntry("is_decommissioning", "true")
        .containsEntry("is_live", "false").containsEntry("gossiped_replicas", "0");
  }

  private static void assertNothingChanged(Cli.Outcome run) {
    Map<?, ?> hosts = (Map<?, ?>) run.events("recap").get(0).get("hosts");
    hosts.forEach((host, counts) -> assertThat(((Number) ((Map<?, ?>) counts).get("changed")).longValue())
        .as(host + " in\n" + run.out()).isZero());
  }

  private static long changed(Cli.Outcome run, String host) {
    Map<?, ?> hosts = (Map<?, ?>) run.events("recap").get(0).get("hosts");
    return ((Number) ((Map<?, ?>) hosts.get(host)).get("changed")).longValue();
  }

  private static Map<String, Object> result(Cli.Outcome run, String host, String task) {
    return run.events("host_result").stream().filter(e -> host.equals(e.get("host")) && task.equals(e.get("task")))
        .findFirst().orElse(null);
  }

  private static String status(Cli.Outcome run, String host, String task) {
    Map<String, Object> r = result(run, host, task);
    assertThat(r).as("a result for " + host + " / " + task + " in\n" + run.out()).isNotNull();
    return String.valueOf(r.get("status"));
  }

  private static String msg(Cli.Outcome run, String host, String task) {
    Map<String, Object> r = result(run, host, task);
    assertThat(r).as("a result for " + host + " / " + task + " in\n" + run.out()).isNotNull();
    return String.valueOf(r.get("msg"));
  }

  private static String planned(Cli.Outcome run, String host, String task) {
    Map<String, Object> r = result(run, host, task);
    assertThat(r).as("a result for " + host + " / " + task + " in\n" + run.out()).isNotNull();
    assertThat(r).as("planned in " + r).containsKey("planned");
    return String.valueOf(r.get("planned"));
  }

  private String address(String host) {
    return address(shared, host);
  }

  private static String address(KwdbLab lab, String host) {
    return labHost(lab, host).address();
  }

  private static Path sandbox(KwdbLab lab, String host) {
    return labHost(lab, host).sandbox();
  }

  private static LabHost labHost(KwdbLab lab, String host) {
    return lab.lab().layout().hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow();
  }

  /** The host is back after a fault: start its service as an operator would. */
  private static void systemctlStart(KwdbLab lab, String host) {
    Path sandbox = sandbox(lab, host);
    var out = lab.lab().inspect(c -> c.programs().get("PATH/systemctl").run(new Invocation(host, "PATH/systemctl",
        List.of("start", "kaiwudb"), sandbox.toString(), Map.of("HOME", "/root"), sandbox)));
    assertThat(out.rc()).as(out.stderr()).isZero();
  }
}
