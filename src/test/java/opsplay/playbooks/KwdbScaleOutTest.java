package opsplay.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import opsplay.lab.ClusterKinds;
import opsplay.lab.Invocation;
import opsplay.lab.Lab;
import opsplay.lab.LabHost;
import opsplay.lab.LabSettings;
import opsplay.lab.Output;
import opsplay.lab.SqlServers;
import opsplay.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KWDB scale-out playbooks end to end, through the CLI against a simulated KWDB cluster: the
 * preview shows every command and changes nothing, a run joins the new node (which then takes
 * replicas), a second run changes nothing, each pre-check refuses with its message and leaves the
 * cluster as it was, and a run that failed at the join goes on with --resume without doing
 * anything twice. The lab runs 100 times faster than real time and the playbooks poll every 100 ms.
 */
class KwdbScaleOutTest {
  private static final String CLI = "playbooks/kwdb/scale-out-cli.yml";
  private static final String SCRIPT = "playbooks/kwdb/scale-out-script.yml";
  private static final String SINGLE = "playbooks/kwdb/scale-out-single-replica.yml";
  private static final String KWBASE = "usr/local/kaiwudb/bin/kwbase";
  private static final String DEPLOY = "opt/kwdb_install/deploy.sh";
  private static final String SYSTEMCTL = "PATH/systemctl";

  @TempDir
  Path dir;
  private Lab lab;
  private Path inventory;

  @AfterEach
  void stop() {
    if (lab != null) lab.close();
  }

  // ---- a preview, a run and a second run of each playbook, insecure and secure ----

  @ParameterizedTest(name = "{0} secure={1}")
  @CsvSource({CLI + ", false", CLI + ", true", SCRIPT + ", false", SCRIPT + ", true", SINGLE + ", false", SINGLE + ", true"})
  void previewThenRunThenNothingLeftToDo(String playbook, boolean secure) throws IOException {
    boolean single = playbook.equals(SINGLE);
    start(secure, single, 1);
    String n1 = addr("n1");
    State before = state();

    Cli.Outcome check = opsplay("check", playbook);
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    assertThat(state()).as("a preview changes nothing").isEqualTo(before);
    String join = planned(check, "n4").toString();
    if (playbook.equals(SCRIPT)) {
      assertThat(join).contains("./deploy.sh join --addr " + n1 + ":26257" + (secure ? " --tls" : ""));
    } else {
      assertThat(join).contains(sandbox("n4") + "/" + KWBASE + (single ? " start-single-replica " : " start ")
          + (secure ? "--certs-dir=" + sandbox("n4") + "/etc/kaiwudb/certs" : "--insecure")
          + " --store=" + sandbox("n4") + "/var/lib/kaiwudb --brpc-addr=:27257 --listen-addr=" + addr("n4") + ":26257"
          + " --http-addr=" + addr("n4") + ":8080 --join=" + n1 + ":26257 --background");
    }
    assertThat(join).contains("wait until").contains("node status --format=tsv");
    if (secure) {
      assertThat(planned(check, "n1").toString()).contains("tar -czf kaiwudb_certs.tar.gz ./ca.key ./ca.crt")
          .contains("cp " + sandbox("n1") + "/etc/kaiwudb/certs/ca.key ./").contains("chmod 644 ./ca.crt")
          .contains("chown kaiwudb:kaiwudb ./ca.key ./ca.crt");
      assertThat(join).contains("kaiwudb_certs.tar.gz (").contains("from n1:" + sandbox("n1") + "/opt/kwdb_install/kaiwudb_certs.tar.gz");
    }
    assertThat(result(check, "n4", "pre-check: a node of the cluster already is live and available").get("status")).isEqualTo("ok");

    Cli.Outcome run = opsplay("run", playbook);
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    Map<String, String> row = nodes().get(addr("n4") + ":26257");
    assertThat(row).as("n4 in node status").isNotNull()
        .containsEntry("is_available", "true").containsEntry("is_live", "true")
        .containsEntry("start_mode", single ? "start-single-replica" : "start");
    if (secure) {
      assertThat(Files.readString(sandbox("n4").resolve("etc/kaiwudb/certs/ca.crt")))
          .isEqualTo(Files.readString(sandbox("n1").resolve("etc/kaiwudb/certs/ca.crt")));
    }
    advance(Duration.ofMinutes(4));
    int replicas = Integer.parseInt(nodes("--ranges").get(addr("n4") + ":26257").get("ranges"));
    if (single) {
      assertThat(replicas).as("a single-replica cluster moves no existing data").isZero();
    } else {
      assertThat(replicas).as("rebalanced onto n4: 420 replicas over 4 nodes").isBetween(100, 110);
    }

    Cli.Outcome again = opsplay("run", playbook);
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(changed(again)).as("a second run changes nothing").isZero();
    String joinTask = playbook.equals(SCRIPT) ? "deploy.sh join"
        : single ? "start kwbase start-single-replica, joining the cluster" : "start kwbase, joining the cluster";
    assertThat(result(again, "n4", joinTask)).containsEntry("status", "ok");
    assertThat(String.valueOf(result(again, "n4", joinTask).get("msg"))).startsWith("already done:");
    assertThat(result(again, "n4", "already a node of the cluster").get("msg").toString()).contains("is not joined again");
    assertThat(nodes().keySet()).as("no node was added twice").hasSize(4);
  }

  @Test
  void twoNewNodesJoinTogetherFromOneBundle() throws IOException {
    start(true, false, 2);
    Cli.Outcome run = opsplay("run", SCRIPT);
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(nodes()).containsKeys(addr("n4") + ":26257", addr("n5") + ":26257");
    assertThat(nodes().values()).allSatisfy(r -> assertThat(r).containsEntry("is_live", "true"));
    assertThat(run.events("host_result").stream().filter(e -> "pack kaiwudb_certs.tar.gz".equals(e.get("task")))).hasSize(1);
  }

  // ---- refusals: a message naming the reason and the fix, and nothing changed ----

  @Test
  void aClusterThatDoesNotRunIsRefused() throws IOException {
    start(false, false, 1);
    for (String m : List.of("n1", "n2", "n3")) assertThat(program(m, SYSTEMCTL, "stop", "kaiwudb").rc()).isZero();
    refused(CLI, "n1", "pre-check: the cluster is running", "the cluster does not answer on n1", "connection refused",
        "start the cluster first");
  }

  @Test
  void aMemberThatIsNotLiveIsRefused() throws IOException {
    start(false, false, 1);
    assertThat(program("n2", SYSTEMCTL, "stop", "kaiwudb").rc()).isZero();
    refused(SCRIPT, "n1", "pre-check: every member of group kwdb is live and available",
        "member n2 is not a live and available node of this cluster", "Start it (systemctl start kaiwudb there)");
  }

  @Test
  void aNodeOutsideTheInventoryThatIsDownIsRefused() throws IOException {
    start(false, false, 1);
    // an inventory whose group kwdb leaves n3 out; n3 still belongs to the cluster, and stops
    String text = Files.readString(inventory).replaceAll("(?m)^ {8}n3: .*\n", "");
    inventory = dir.resolve("without-n3.yml");
    Files.writeString(inventory, text);
    assertThat(program("n3", SYSTEMCTL, "stop", "kaiwudb").rc()).isZero();
    refused(CLI, "n1", "pre-check: every node of the cluster is live and available",
        "lists a node that is not live and available", "bring it back, or decommission it");
  }

  @Test
  void aNewNodeWithoutKwdbIsRefused() throws IOException {
    start(false, false, 1);
    Files.delete(sandbox("n4").resolve(KWBASE));
    refused(CLI, "n4", "pre-check: KWDB is installed", "KWDB is not installed on n4: there is no kwbase at " + sandbox("n4"),
        "Install it first");
  }

  @Test
  void aNewNodeThatDeployShDoesNotFindInstalledIsRefused() throws IOException {
    start(false, false, 1);
    Files.delete(sandbox("n4").resolve("etc/systemd/system/kaiwudb.service"));
    refused(SCRIPT, "n4", "pre-check: KWDB is installed", "KWDB is not installed on n4 (deploy.sh status: KaiwuDB does not exist)",
        "./deploy.sh install --multi-replica");
  }

  @Test
  void aNewNodeThatRunsAlreadyOutsideTheClusterIsRefused() throws IOException {
    start(false, false, 1);
    // started by hand as a cluster of its own would be: it runs, but is no node of this cluster
    assertThat(program("n4", SYSTEMCTL, "start", "kaiwudb").rc()).isZero();
    refused(SCRIPT, "n4", "pre-check: KWDB has never been started", "deploy.sh join only joins a node that is not running",
        "KaiwuDB is runnning now");
  }

  @Test
  void aNewNodeThatJoinedAndStoppedIsRefused() throws IOException {
    start(false, false, 1);
    assertThat(opsplay("run", CLI).code()).isZero();
    assertThat(program("n1", KWBASE, "quit", "--insecure", "--host=" + addr("n4") + ":26257").stdout()).isEqualTo("ok\n");
    refused(CLI, "n4", "pre-check: a node of the cluster already is live and available",
        "n4 (" + addr("n4") + ":26257) is already a node of this cluster", "start that node again instead");
  }

  @Test
  void eachPlaybookRefusesTheOtherKindOfCluster() throws IOException {
    start(false, true, 1);
    refused(CLI, "n1", "pre-check: the cluster is a multi-replica one", "this is a single-replica cluster",
        "playbooks/kwdb/scale-out-single-replica.yml");
    refused(SCRIPT, "n1", "pre-check: the cluster is a multi-replica one", "this is a single-replica cluster");
    lab.close();
    start(false, false, 1);
    refused(SINGLE, "n1", "pre-check: the cluster is a single-replica one", "this is a multi-replica cluster",
        "scale-out-cli.yml");
  }

  @Test
  void aSecurePrimaryWithoutTheCaKeyIsRefused() throws IOException {
    start(true, false, 1);
    Files.delete(sandbox("n1").resolve("etc/kaiwudb/certs/ca.key"));
    refused(CLI, "n1", "pre-check: secure mode: the bundle can be made on the primary",
        "secure mode needs the cluster's CA on the primary n1", "Put the host that holds the CA first in group kwdb");
  }

  @Test
  void aNodeThatNeverJoinsFailsWhenItsTimeoutPasses() throws IOException {
    start(false, false, 1);
    // nothing listens where it is told to join, so the started node waits for ever
    Cli.Outcome run = opsplay("run", CLI, "-e", "kw_join=127.0.0.1:1", "-e", "kw_join_timeout=500ms");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(String.valueOf(result(run, "n4", "wait until the node is live and available").get("msg")))
        .startsWith("timed out after 500ms");
    assertThat(String.valueOf(result(run, "n4", "the node did not join").get("msg")))
        .contains("n4 (" + addr("n4") + ":26257) has not shown up live and available in kwbase node status on n1")
        .contains("cannot reach 127.0.0.1:1").contains("a longer kw_join_timeout");
    assertThat(nodes()).doesNotContainKey(addr("n4") + ":26257");
  }

  // ---- a run that failed at the join goes on with --resume ----

  @ParameterizedTest(name = "{0} secure={1}")
  @CsvSource({SCRIPT + ", true, " + DEPLOY + ", join, deploy.sh join",
      CLI + ", true, " + KWBASE + ", start, 'start kwbase, joining the cluster'",
      CLI + ", false, " + KWBASE + ", start, 'start kwbase, joining the cluster'"})
  void aRunThatFailedAtTheJoinGoesOnWithResume(String playbook, boolean secure, String program, String subcommand, String joinTask)
      throws IOException {
    start(secure, false, 1);
    lab.failNextRun("n4", program, List.of(subcommand), "injected: the network went away");

    Cli.Outcome failed = opsplay("run", playbook);
    assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(2);
    assertThat(result(failed, "n4", joinTask)).containsEntry("status", "failed");
    Map<String, Object> join = result(failed, "n4", joinTask);
    // kwbase start's output is collected in a file and printed on stdout (see templates/kwdb/start.mustache)
    assertThat(join.get("stdout") + "" + join.get("stderr")).contains("injected: the network went away");
    assertThat(nodes()).doesNotContainKey(addr("n4") + ":26257");
    List<String> doneBefore = finished(failed);

    Cli.Outcome resumed = opsplay("run", playbook, "--resume", "last");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    List<String> notAgain = new ArrayList<>();
    for (Map<String, Object> e : resumed.events("host_result")) {
      if (String.valueOf(e.get("msg")).startsWith("done in run ")) notAgain.add(e.get("host") + " | " + e.get("task"));
    }
    assertThat(notAgain).as("what the failed run finished, and only that, is not run again").isEqualTo(doneBefore);
    assertThat(result(resumed, "n4", joinTask)).containsEntry("status", "changed");
    if (secure) {
      assertThat(String.valueOf(result(resumed, "n1", "pack kaiwudb_certs.tar.gz").get("msg"))).startsWith("done in run ");
    }
    assertThat(nodes()).hasSize(4).containsKey(addr("n4") + ":26257");
    assertThat(nodes().get(addr("n4") + ":26257")).containsEntry("id", "4").containsEntry("is_live", "true");
  }

  // ---- helpers ----

  private void start(boolean secure, boolean singleReplica, int spare) throws IOException {
    lab = Lab.prepare(new LabSettings("kwdb", 3, spare, secure, singleReplica, 100), dir.resolve("labs"),
        ClusterKinds.builtIn(), SqlServers.wire(), "stop: {dir}");
    lab.start();
    inventory = lab.inventory();
  }

  /** opsplay COMMAND PLAYBOOK against the lab, JSON output, short waits, the journal and locks in the test's folder. */
  private Cli.Outcome opsplay(String command, String playbook, String... more) {
    List<String> args = new ArrayList<>(List.of(command, playbook, "-i", inventory.toString(), "-o", "json",
        "--journal", dir.resolve("runs").toString(), "-e", "kw_poll_interval=100ms", "-e", "kw_join_timeout=30s",
        "-e", "kw_rebalance_timeout=30s"));
    args.addAll(List.of(more));
    return Cli.run(Map.of("OPSPLAY_LOCK_DIR", dir.resolve("locks").toString()), args.toArray(String[]::new));
  }

  /**
   * Runs PLAYBOOK and expects a refusal: exit 2, the pre-check TASK failed on HOST with a message
   * holding every piece of {@code message}, nothing that changes anything ran, and the lab is as it was.
   */
  private void refused(String playbook, String host, String task, String... message) throws IOException {
    State before = state();
    Cli.Outcome run = opsplay("run", playbook);
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    Map<String, Object> r = result(run, host, task);
    assertThat(r).as(task + "\n" + run.out()).isNotNull().containsEntry("status", "failed");
    assertThat(String.valueOf(r.get("msg"))).contains(message);
    assertThat(changed(run)).as("nothing changed").isZero();
    assertThat(state()).as("the lab is as it was").isEqualTo(before);
  }

  /** What a refusal must leave alone: the cluster's nodes, which hosts run, and every file of every host. */
  private record State(String nodes, Map<String, Boolean> running, Map<String, String> files) {}

  private State state() throws IOException {
    Map<String, Boolean> running = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    for (LabHost h : lab.layout().hosts()) {
      running.put(h.name(), lab.inspect(c -> c.running(h.name())));
      try (Stream<Path> walk = Files.walk(h.sandbox())) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          String rel = h.sandbox().relativize(p).toString();
          // the lab's own shims, temporary files and deploy.sh's log of each run are not the cluster's state
          if (rel.startsWith(".lab/") || rel.startsWith("tmp/") || rel.contains("/log/")) continue;
          files.put(h.name() + ":" + rel, sha256(Files.readAllBytes(p)));
        }
      }
    }
    Output status = program("n1", KWBASE, "node", "status", "--format=tsv", "--decommission", security(), "--host=" + addr("n1") + ":26257");
    StringBuilder nodes = new StringBuilder(status.stderr());
    for (String line : status.stdout().split("\n")) {
      String[] f = line.split("\t");
      if (f.length > 12) nodes.append(f[0]).append(' ').append(f[2]).append(' ').append(f[11]).append('\n');
    }
    return new State(nodes.toString(), running, files);
  }

  /** The primary's `kwbase node status --format=tsv [flags]`, as rows by sql_address. */
  private Map<String, Map<String, String>> nodes(String... flags) {
    List<String> args = new ArrayList<>(List.of("node", "status", "--format=tsv", security(), "--host=" + addr("n1") + ":26257"));
    args.addAll(List.of(flags));
    Output out = program("n1", KWBASE, args.toArray(String[]::new));
    assertThat(out.rc()).as(out.stderr()).isZero();
    String[] lines = out.stdout().split("\n");
    String[] header = lines[0].split("\t");
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split("\t");
      Map<String, String> row = new LinkedHashMap<>();
      for (int k = 0; k < header.length; k++) row.put(header[k], f[k]);
      rows.put(row.get("sql_address"), row);
    }
    return rows;
  }

  /** Runs one of the lab's programs on a host directly (not over SSH), under the lab's lock. */
  private Output program(String host, String program, String... args) {
    Path sandbox = sandbox(host);
    return lab.inspect(c -> c.programs().get(program)
        .run(new Invocation(host, program, List.of(args), sandbox.toString(), Map.of("HOME", sandbox.toString()), sandbox)));
  }

  private void advance(Duration d) {
    lab.inspect(c -> {
      c.advance(d);
      return null;
    });
  }

  private String security() {
    return lab.settings().secure() ? "--certs-dir=/etc/kaiwudb/certs" : "--insecure";
  }

  private LabHost host(String name) {
    return lab.layout().hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  private String addr(String name) {
    return host(name).address();
  }

  private Path sandbox(String name) {
    return host(name).sandbox();
  }

  private static Map<String, Object> result(Cli.Outcome run, String host, String task) {
    return run.events("host_result").stream().filter(e -> host.equals(e.get("host")) && task.equals(e.get("task")))
        .findFirst().orElse(null);
  }

  /** Every command, statement and wait the run planned on the host. */
  private static List<Object> planned(Cli.Outcome run, String host) {
    return run.events("host_result").stream().filter(e -> host.equals(e.get("host")) && e.containsKey("planned"))
        .map(e -> e.get("planned")).toList();
  }

  @SuppressWarnings("unchecked")
  private static long changed(Cli.Outcome run) {
    Map<String, Object> hosts = (Map<String, Object>) run.events("recap").get(0).get("hosts");
    return hosts.values().stream().mapToLong(h -> ((Number) ((Map<String, Object>) h).get("changed")).longValue()).sum();
  }

  /** "host | task" of each task-host pair the run finished (ok, changed or skipped): a resumed run must not run them again. */
  private static List<String> finished(Cli.Outcome run) {
    return run.events("host_result").stream().filter(e -> List.of("ok", "changed", "skipped").contains(e.get("status")))
        .map(e -> e.get("host") + " | " + e.get("task")).toList();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
