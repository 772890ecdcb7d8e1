package opsplay.lab;

import static opsplay.lab.LabHosts.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Inventory;
import opsplay.core.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A two-host lab of the test cluster, reached over real SSH through its written inventory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTest {
  static final ClusterKinds KINDS = new ClusterKinds(Map.of()).with("test", (settings, addresses) -> new EchoCluster(settings));

  private Path dir;
  private final LabHosts.ProbeSql sql = new LabHosts.ProbeSql();
  private Lab lab;
  private Connection h1;
  private Path sandbox;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    this.dir = dir;
    lab = Lab.prepare(new LabSettings("test", 1, 1, false, false, 50), dir.resolve("labs"), KINDS, sql, "stop: {dir}");
    lab.start();
    h1 = LabHosts.connect(lab, "h1", dir);
    sandbox = lab.layout().hosts().get(0).sandbox();
  }

  @AfterAll
  void stop() {
    if (h1 != null) h1.close();
    if (lab != null) lab.close();
  }

  @Test
  void commandsRunThroughTheRealShellInTheHostsSandbox() throws Exception {
    assertThat(exec(h1, "pwd").stdout()).isEqualTo(sandbox + "\n");
    assertThat(exec(h1, "echo $HOME $OPSPLAY_LAB_HOST $TMPDIR").stdout())
        .isEqualTo(sandbox + " h1 " + sandbox.resolve("tmp") + "\n");
    assertThat(exec(h1, "cat etc/tool/tool.conf").stdout()).isEqualTo("name=h1\n");
    Connection.ExecResult tar = exec(h1, "tar czf t.tgz opt/tool/data && rm -r opt/tool/data && tar xzf t.tgz && cat opt/tool/data/*.txt");
    assertThat(tar.stdout()).isEqualTo("alpha\nbeta\n");
    assertThat(exec(h1, "chmod 600 t.tgz && stat -c %a t.tgz").stdout()).isEqualTo("600\n");
    assertThat(exec(h1, "echo-args one two | tr a-z A-Z | grep -c O").stdout()).isEqualTo("2\n");
  }

  @Test
  void aProgramGivesItsExitCodeStdoutAndStderrApart() throws Exception {
    Connection.ExecResult r = exec(h1, "cd opt && echo-args exit=3 x");
    assertThat(r.rc()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("[exit=3]\n[x]\n");
    assertThat(r.stderr()).matches("call [0-9]+ on h1 in " + sandbox.resolve("opt") + "\n");
    assertThat(exec(h1, "opt/tool/bin/clock; echo rc=$?").stdout()).matches("[0-9]+\nrc=0\n");
    assertThat(exec(h1, "opt/tool/bin/nothing").rc()).isEqualTo(127); // not simulated, not installed: the real shell says so
  }

  @Test
  void argumentsArriveAsTheyWereWritten() throws Exception {
    List<String> args = List.of("two words", "it's", "\"double\"", "ünïcødé ✓ 日本", "", "$HOME", "a\nb", "*", "-n", "x=1;y");
    Connection.ExecResult r = exec(h1, "echo-args " + Shell.join(args));
    assertThat(r.rc()).isZero();
    List<Invocation> calls = lab.inspect(c -> ((EchoCluster) c).calls());
    Invocation last = calls.get(calls.size() - 1);
    assertThat(last.args()).isEqualTo(args);
    assertThat(last.host()).isEqualTo("h1");
    assertThat(last.program()).isEqualTo("PATH/echo-args");
    assertThat(last.sandbox()).isEqualTo(sandbox);
    assertThat(last.env()).containsEntry("OPSPLAY_LAB_HOST", "h1").containsEntry("HOME", sandbox.toString());
    assertThat(r.stdout()).startsWith("[two words]\n[it's]\n[\"double\"]\n[ünïcødé ✓ 日本]\n[]\n[$HOME]\n[a\nb]\n");
  }

  @Test
  void aProgramReadsItsStandardInputALineAtATime() throws Exception {
    assertThat(exec(h1, "printf 'one\\nzwei ü\\n' | ask").stdout()).isEqualTo("got [one]\ngot [zwei ü]\n<none>\n");
    assertThat(exec(h1, "ask < /dev/null").stdout()).isEqualTo("<none>\n<none>\n<none>\n");
    assertThat(h1.exec("ask", new Connection.ExecOptions("from ssh\n", null, Map.of())).stdout())
        .isEqualTo("got [from ssh]\n<none>\n<none>\n");
  }

  @Test
  void sudoRunsTheCommandAsTheLabsOwnUser() throws Exception {
    String me = exec(h1, "id -un").stdout();
    Connection.ExecResult r = exec(h1, "sudo -n -H -u root -- /bin/sh -c " + Shell.quote("id -un; echo-args \"$HOME\"; pwd"));
    assertThat(r.rc()).isZero();
    assertThat(r.stdout()).isEqualTo(me + "[" + sandbox + "]\n" + sandbox + "\n");
    assertThat(exec(h1, "sudo -u kaiwudb -E FOO=bar sh -c 'echo $FOO'").stdout()).isEqualTo("bar\n");
    Connection.ExecResult usage = exec(h1, "sudo -n -u root");
    assertThat(usage.rc()).isEqualTo(1);
    assertThat(usage.stderr()).startsWith("usage: sudo");
  }

  @Test
  void chownChangesNothingAndFailsForAMissingPathLikeTheRealOne() throws Exception {
    assertThat(exec(h1, "chown -R kaiwudb:kaiwudb -- etc/tool && chown root etc/tool/tool.conf").rc()).isZero();
    Connection.ExecResult missing = exec(h1, "chown root:root etc/none");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.stderr()).isEqualTo("chown: cannot access 'etc/none': No such file or directory\n");
  }

  @Test
  void filesGoBothWaysOverSftpRelativeToTheSandbox() throws Exception {
    h1.upload("hello\n".getBytes(StandardCharsets.UTF_8), sandbox.resolve("etc/tool/new.conf").toString(), 0640);
    assertThat(exec(h1, "cat etc/tool/new.conf && stat -c %a etc/tool/new.conf").stdout()).isEqualTo("hello\n640\n");
    h1.upload("rel\n".getBytes(StandardCharsets.UTF_8), "rel.txt", 0600);
    assertThat(Files.readString(sandbox.resolve("rel.txt"))).isEqualTo("rel\n");
    assertThat(new String(h1.download("etc/tool/tool.conf"), StandardCharsets.UTF_8)).isEqualTo("name=h1\n");
  }

  @Test
  void aForeverProgramRunsUntilTheCallersTimeoutStopsIt() throws Exception {
    long t0 = System.nanoTime();
    Connection.ExecResult r = exec(h1, "opt/tool/bin/watch --cmd=showtablet", Duration.ofMillis(1600));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.stdout()).startsWith("tick\ntick\n");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    long deadline = System.currentTimeMillis() + 3000;
    while (leftoverShims() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
    assertThat(leftoverShims()).isZero();
  }

  @Test
  void aHangingProgramPrintsOnceAndWaitsUntilTheCallersTimeoutStopsIt() throws Exception {
    Connection.ExecResult r = exec(h1, "opt/tool/bin/hang", Duration.ofMillis(1600));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.stdout()).isEqualTo("once\n");
    assertThat(r.stderr()).isEqualTo("still here\n");
  }

  /** Processes of ours still running the forever program's shim (the cat it becomes). */
  private static long leftoverShims() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().orElse("").endsWith("/cat") || p.info().arguments().map(a -> String.join(" ", a))
            .orElse("").contains("opt/tool/bin/watch"))
        .count();
  }

  @Test
  void aStoppedHostRefusesConnectionsUntilItIsStartedAgain() throws Exception {
    try (Connection h2 = LabHosts.connect(lab, "h2", dir)) {
      assertThat(exec(h2, "echo up").stdout()).isEqualTo("up\n");
      lab.stopHost("h2");
      assertThat(lab.<Boolean>inspect(c -> c.running("h2"))).isFalse();
      assertThatThrownBy(() -> exec(h2, "echo again")).isInstanceOf(ConnectionException.class)
          .hasMessageContaining(lab.layout().hosts().get(1).address());
      assertThat(sqlAnswer(1)).isEmpty();
      lab.startHost("h2");
      assertThat(exec(h2, "echo again").stdout()).isEqualTo("again\n");
      assertThat(sqlAnswer(1)).isEqualTo("h2\n");
    }
  }

  @Test
  void aSlowedHostHoldsEveryCommandAndProgramRun() throws Exception {
    exec(h1, "true");
    lab.slowHost("h1", Duration.ofMillis(300));
    try {
      assertThat(millis(() -> exec(h1, "true"))).isBetween(300L, 2000L);
      assertThat(millis(() -> exec(h1, "echo-args x"))).isBetween(600L, 3000L);
    } finally {
      lab.slowHost("h1", Duration.ZERO);
    }
    assertThat(millis(() -> exec(h1, "true"))).isLessThan(300L);
  }

  @Test
  void theNextRunOfAProgramFailsOnceWithTheGivenMessage() throws Exception {
    lab.failNextRun("h1", "PATH/echo-args", "echo-args: disk full");
    Connection.ExecResult failed = exec(h1, "echo-args a");
    assertThat(failed.rc()).isEqualTo(1);
    assertThat(failed.stdout()).isEmpty();
    assertThat(failed.stderr()).isEqualTo("echo-args: disk full\n");
    assertThat(exec(h1, "echo-args a").rc()).isZero();
    assertThatThrownBy(() -> lab.failNextRun("h9", "PATH/echo-args", "x")).hasMessageContaining("no host 'h9'");
  }

  @Test
  void aFaultForSomeArgumentsWaitsForARunWithThem() throws Exception {
    lab.failNextRun("h1", "PATH/echo-args", List.of("join", "--addr"), "echo-args: join refused");
    assertThat(exec(h1, "echo-args status").rc()).isZero();
    assertThat(exec(h1, "echo-args join").rc()).as("only a prefix of the words given").isZero();
    Connection.ExecResult failed = exec(h1, "echo-args join --addr 10.0.0.1:26257");
    assertThat(failed.rc()).isEqualTo(1);
    assertThat(failed.stderr()).isEqualTo("echo-args: join refused\n");
    assertThat(exec(h1, "echo-args join --addr 10.0.0.1:26257").rc()).as("once").isZero();
  }

  @Test
  void theClockMovesTheModelsTimeOnAtTheLabsSpeed() throws Exception {
    Duration before = lab.inspect(c -> ((EchoCluster) c).time());
    Thread.sleep(300);
    Duration after = lab.inspect(c -> ((EchoCluster) c).time());
    assertThat(after.minus(before)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(40)); // 300 ms x 50, give or take a tick
    long viaProgram = Long.parseLong(exec(h1, "opt/tool/bin/clock").stdout().strip());
    assertThat(viaProgram).isGreaterThanOrEqualTo(after.toMillis());
  }

  @Test
  void sqlListensOnEachHostsAddressAndPortWhileItsDatabaseRuns() throws Exception {
    assertThat(sql.binds).hasSize(2);
    assertThat(sql.binds.get(0).getAddress().getHostAddress()).isEqualTo(lab.layout().hosts().get(0).address());
    assertThat(sql.binds.get(0).getPort()).isEqualTo(EchoCluster.SQL_PORT);
    assertThat(sqlAnswer(0)).isEqualTo("h1\n");
  }

  private String sqlAnswer(int host) throws IOException {
    LabHost h = lab.layout().hosts().get(host);
    try (Socket s = new Socket(h.address(), h.sqlPort())) {
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theInventoryHasTheGroupsTheVariablesAndTheLogin() throws Exception {
    Inventory inv = LabHosts.inventory(lab);
    assertThat(inv.hosts()).containsOnlyKeys("h1", "h2");
    assertThat(inv.groups().get("members").hosts()).containsExactly("h1");
    assertThat(inv.groups().get("spares").hosts()).containsExactly("h2");
    LabHost h2 = lab.layout().hosts().get(1);
    Map<String, Object> vars = inv.hosts().get("h2").vars();
    assertThat(vars).containsEntry("address", h2.address()).containsEntry("ssh_port", (long) h2.sshPort())
        .containsEntry("tool_dir", h2.sandbox() + "/opt/tool").containsEntry("paths", List.of(h2.sandbox() + "/a", "plain"))
        .containsEntry("secure", false).containsEntry("sql_user", "root")
        .containsEntry("sql_url", "jdbc:postgresql://" + h2.address() + ":15432/defaultdb?sslmode=disable")
        .containsEntry("ssh_key", lab.layout().clientKey().toString())
        .containsEntry("ssh_known_hosts", lab.layout().knownHosts().toString());
    assertThat(h2.address()).matches("127\\.77\\.[0-9]+\\.2");
    assertThat(Files.readString(lab.inventory())).startsWith("# opsplay lab " + lab.id() + ": test, 1 nodes + 1 spare")
        .contains("\n# stop: " + lab.layout().dir() + "\n");
    assertThat(Files.readString(lab.layout().clientKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static long millis(Work work) throws Exception {
    long t0 = System.nanoTime();
    work.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
