package opsplay.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import opsplay.core.Connection;
import opsplay.core.Connection.ExecOptions;
import opsplay.core.Connection.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalConnection: commands and files on the controller. */
class LocalConnectionTest {
  @TempDir Path dir;
  final Connection local = new LocalConnection();

  @Test
  void aCommandReturnsItsExitCodeAndBothStreams() throws Exception {
    assertThat(local.exec("echo out; echo err >&2; exit 4", ExecOptions.NONE))
        .isEqualTo(new ExecResult(4, "out\n", "err\n", false));
  }

  @Test
  void stdinAndEnvironmentReachTheCommand() throws Exception {
    ExecResult r = local.exec("cat; echo \"$V\"", new ExecOptions("in put\n", null, Map.of("V", "it's")));
    assertThat(r.stdout()).isEqualTo("in put\nit's\n");
    assertThat(local.exec("cat; echo none", ExecOptions.NONE).stdout()).isEqualTo("none\n");
  }

  @Test
  void muchOutputOnBothStreamsDoesNotDeadlock() throws Exception {
    ExecResult r = local.exec("i=0; while [ $i -lt 20000 ]; do echo line $i; echo err $i >&2; i=$((i+1)); done",
        new ExecOptions(null, Duration.ofSeconds(30), Map.of()));
    assertThat(r.stdout().lines()).hasSize(20000);
    assertThat(r.stderr().lines()).hasSize(20000);
  }

  @Test
  void itsFilesHaveNoNameWhileTheCommandRuns() throws Exception {
    // named only until the command has started, so that a halted run (a second Ctrl-C) leaves no folder behind
    String fds = "$(readlink /proc/$$/fd/0) $(readlink /proc/$$/fd/1) $(readlink /proc/$$/fd/2)";
    String waitForDeletion = "cat; for i in $(seq 100); do case \"" + fds + "\" in *'(deleted)'*'(deleted)'*'(deleted)')"
        + " echo unnamed; exit 0;; esac; sleep 0.05; done; echo still named: " + fds;
    assertThat(local.exec(waitForDeletion, new ExecOptions("in\n", null, Map.of())))
        .isEqualTo(new ExecResult(0, "in\nunnamed\n", "", false));
  }

  @Test
  void aTimeoutKillsTheCommandAndEverythingItStarted() throws Exception {
    Path pids = dir.resolve("pids");
    long t0 = System.nanoTime();
    ExecResult r = local.exec("echo started; sleep 300 & echo $! > " + pids + "; sh -c 'sleep 301'",
        new ExecOptions(null, Duration.ofMillis(500), Map.of()));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(r).isEqualTo(new ExecResult(-1, "started\n", "", true));
    long background = Long.parseLong(Files.readString(pids).strip());
    for (int i = 0; i < 50 && running(background); i++) Thread.sleep(20);
    assertThat(running(background)).as("the background child was killed too").isFalse();
    assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 301")))
        .isEmpty();
  }

  /** Alive and not a zombie waiting for a parent that never reaps it. */
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) return false;
    String s = Files.readString(stat);
    return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
  }

  @Test
  void aBackgroundChildDoesNotMakeTheCommandHang() throws Exception {
    long t0 = System.nanoTime();
    ExecResult r = local.exec("sleep 30 & echo left running", ExecOptions.NONE);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(r).isEqualTo(new ExecResult(0, "left running\n", "", false));
  }

  @Test
  void filesAreWrittenWithTheirModeAndReadBack() throws Exception {
    Path f = dir.resolve("secret.pem");
    local.upload("key\n".getBytes(StandardCharsets.UTF_8), f.toString(), 0600);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    assertThat(local.download(f.toString())).isEqualTo("key\n".getBytes(StandardCharsets.UTF_8));
    local.upload(new byte[] {1, 2}, f.toString(), 0755);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-xr-x");
    assertThat(local.download(f.toString())).containsExactly(1, 2);
  }

  @Test
  void aMissingFileSaysWhatFailed() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> local.download(missing.toString()))
        .hasMessage("cannot read " + missing + " on the controller: no such file or directory");
    assertThatThrownBy(() -> local.upload(new byte[0], dir.resolve("a/b").toString(), 0644))
        .hasMessageContaining("no such directory");
  }
}
