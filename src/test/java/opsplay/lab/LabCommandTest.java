package opsplay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.cli.Environment;
import opsplay.cli.Main;
import opsplay.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opsplay lab up/status/down} as real processes, and a run whose inventory asks for a lab. */
class LabCommandTest {
  @TempDir Path dir;

  /** Runs the CLI (with the test cluster) in a new JVM, as a user would from a shell. */
  private static Cli.Outcome process(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), LabTestMain.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectError(cwd.resolve("stderr.txt").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("opsplay " + String.join(" ", args) + " ended").isTrue();
    return new Cli.Outcome(p.exitValue(), out, Files.readString(cwd.resolve("stderr.txt")));
  }

  /** Runs the CLI (with the test cluster) in this JVM. */
  private Cli.Outcome inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env = new Environment(new PrintWriter(out), new PrintWriter(err), Map.of("OPSPLAY_LOCK_DIR", dir.resolve("locks").toString()),
        false, LabTest.KINDS, new LabHosts.ProbeSql());
    int code = Main.commandLine(env, args).execute(args);
    return new Cli.Outcome(code, out.toString(), err.toString());
  }

  @Test
  void upDetachedThenStatusThenDownAsRealProcesses() throws Exception {
    long t0 = System.nanoTime();
    Cli.Outcome up = process(dir, "lab", "up", "test", "--nodes", "2", "--spare", "0", "--speed", "5", "--detach");
    long upMillis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(up.code()).as(up.err()).isZero();
    Path inventory = dir.resolve(".opsplay/lab/test-1/inventory.yml");
    assertThat(up.out()).isEqualTo(inventory + "\n");
    assertThat(up.err()).contains("test-1  test  running in process").contains("  h1  127.77.").contains("opsplay lab down");
    long pid = pid(up.err());
    try {
      Cli.Outcome status = process(dir, "lab", "status");
      assertThat(status.code()).isZero();
      assertThat(status.out()).startsWith("test-1  test  running in process " + pid).contains("inventory " + inventory)
          .containsPattern("  since 20[0-9-]+T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\n")
          .containsPattern("  h2  127\\.77\\.[0-9]+\\.2  ssh [0-9]+  sql 15432  members\n");
      Cli.Outcome run = inProcess("run", playbook().toString(), "-i", inventory.toString(), "--journal", dir.resolve("runs").toString());
      assertThat(run.code()).as(run.out() + run.err()).isZero();

      Cli.Outcome down = process(dir, "lab", "down");
      assertThat(down.code()).isZero();
      assertThat(down.err()).contains("lab test-1 is down (process " + pid + " stopped)");
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(dir.resolve(".opsplay/lab/test-1")).doesNotExist();
      assertThat(inProcess("lab", "status", dir.resolve(".opsplay/lab").toString()).err()).contains("no labs in");
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    System.out.println("lab up --detach (2 hosts), wall time including both JVM starts: " + upMillis + " ms");
  }

  private static long pid(String text) {
    Matcher m = Pattern.compile("running in process ([0-9]+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void wrongOptionsAreUsageErrors() throws Exception {
    Cli.Outcome unknown = inProcess("lab", "up", "cassandra", "--dir", dir.toString());
    assertThat(unknown.code()).isEqualTo(5);
    assertThat(unknown.err()).contains("unknown kind 'cassandra' (known: test)");
    assertThat(inProcess("lab", "up", "test", "--nodes", "0").err()).contains("nodes must be 1 or more");
  }

  /** Two tasks per member host: a simulated program through SSH, and a file written with become. */
  private Path playbook() throws IOException {
    return Files.writeString(dir.resolve("rehearse.yml"), """
        - name: rehearse
          hosts: members
          tasks:
            - name: call the simulated program
              ssh: echo-args "{{inventory_hostname}}" "{{tool_dir}}"
              register: echoed
            - name: it answered
              assert:
                that:
                  - "echoed.stdout =~ '.*' + inventory_hostname + '.*/opt/tool.*'"
            - name: write a file as root
              become: true
              copy: {content: "port = 26257\\n", dest: "{{tool_dir}}/kwdb.conf", mode: "0640", owner: "root:root"}
            - name: read it back
              ssh: grep -qx 'port = 26257' {{tool_dir}}/kwdb.conf
        """);
  }

  @Test
  void aRunStartsTheLabItsInventoryAsksForAndStopsItWhenItEnds() throws Exception {
    Path inventory = Files.writeString(dir.resolve("lab.yml"), "lab: {kind: test, nodes: 2, spare: 1, speed: 10}\n");
    Cli.Outcome run = inProcess("run", playbook().toString(), "-i", inventory.toString(), "-o", "json",
        "--journal", dir.resolve("runs").toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.err()).contains("lab test-1 started (test, 3 hosts, speed 10.0); it stops when this run ends");
    List<Map<String, Object>> results = run.events("host_result");
    assertThat(results).extracting(r -> r.get("host") + " " + r.get("task") + " " + r.get("status")).contains(
        "h1 call the simulated program changed", "h2 it answered ok", "h1 write a file as root changed", "h2 read it back changed");
    assertThat(Files.list(Path.of(System.getProperty("java.io.tmpdir"))).filter(p -> p.getFileName().toString().startsWith("opsplay-lab-"))
        .filter(p -> Files.exists(p.resolve("test-1/inventory.yml"))).toList()).as("no lab folder left behind").isEmpty();
  }

  @Test
  void lintAndListKnowTheLabsHostsWithoutStartingIt() throws Exception {
    Path inventory = Files.writeString(dir.resolve("lab.yml"), "lab: {kind: test, nodes: 2, spare: 1}\n");
    Cli.Outcome lint = inProcess("lint", playbook().toString(), "-i", inventory.toString());
    assertThat(lint.code()).as(lint.err()).isZero();
    Cli.Outcome list = inProcess("list", playbook().toString(), "-i", inventory.toString());
    assertThat(list.out()).contains("hosts (2):\n    h1\n    h2\n");
    Path wrong = Files.writeString(dir.resolve("wrong.yml"), "- {name: p, hosts: tablets, tasks: [{ssh: 'echo {{kw_port}}'}]}\n");
    Cli.Outcome errors = inProcess("lint", wrong.toString(), "-i", inventory.toString());
    assertThat(errors.code()).isEqualTo(4);
    assertThat(errors.err()).contains("tablets").contains("kw_port");
    Path bad = Files.writeString(dir.resolve("bad.yml"), "lab: {kind: test, nodez: 2}\n");
    Cli.Outcome badLab = inProcess("lint", playbook().toString(), "-i", bad.toString());
    assertThat(badLab.code()).isEqualTo(4);
    assertThat(badLab.err()).contains("bad.yml:1:1").contains("lab: unknown key 'nodez'");
  }

  @Test
  void aClosedLabListensNoMore() throws Exception {
    Lab lab = Lab.prepare(new LabSettings("test", 1, 0, false, false, 1), dir, LabTest.KINDS, SqlServers.NONE, "");
    lab.start();
    LabHost h1 = lab.layout().hosts().get(0);
    new Socket(h1.address(), h1.sshPort()).close();
    lab.close();
    assertThat(lab.layout().dir()).doesNotExist();
    assertThatThrownBy(() -> new Socket(h1.address(), h1.sshPort()).close()).isInstanceOf(ConnectException.class);
  }
}
