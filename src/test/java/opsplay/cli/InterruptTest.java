package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a real opsplay process: the running command finishes, nothing new starts, exit 99. */
class InterruptTest {
  @Test
  void sigintLetsTheRunningTaskFinishAndStartsNoMore(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    Path finished = dir.resolve("finished");
    Path never = dir.resolve("never");
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, String.join("\n",
        "- hosts: h1",
        "  tasks:",
        "    - name: slow",
        "      ssh: touch " + started + "; sleep 2; touch " + finished,
        "    - name: next",
        "      ssh: touch " + never, ""));
    String out = runInterrupted(pb, started, dir);
    assertThat(finished).as("the running command was let finish").exists();
    assertThat(never).as("no new task started").doesNotExist();
    assertThat(out).contains("interrupted").contains("RECAP");
  }

  @Test
  void aTaskThatFailsAfterCtrlCIsNotRescuedSinceNoRescueStarts(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    Path rescue = dir.resolve("rescue");
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, String.join("\n",
        "- hosts: h1",
        "  tasks:",
        "    - block:",
        "        - name: slow",
        "          ssh: touch " + started + "; sleep 2; false",
        "      rescue:",
        "        - name: rescue",
        "          ssh: touch " + rescue, ""));
    String out = runInterrupted(pb, started, dir);
    assertThat(rescue).as("no rescue task started").doesNotExist();
    assertThat(out).as("h1 counted failed, not rescued").containsPattern("h1 +0 +0 +0 +1 +0 +0 +0\n");
  }

  /** Runs {@code pb} in its own process, sends SIGINT once {@code started} exists, and returns the output (exit 99). */
  private static String runInterrupted(Path pb, Path started, Path dir) throws Exception {
    ProcessBuilder opsplay = new ProcessBuilder(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
        "opsplay.cli.Main", "run", pb.toString(), "-i", "src/test/resources/cases/run/inventory.yml",
        "--journal", dir.resolve("runs").toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    opsplay.environment().put("OPSPLAY_LOCK_DIR", dir.resolve("locks").toString());
    Process p = opsplay.start();
    waitFor(started, 30);
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("opsplay exits").isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(p.exitValue()).as(out).isEqualTo(99);
    return out;
  }

  private static void waitFor(Path file, int seconds) throws InterruptedException, IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!Files.exists(file)) {
      if (System.nanoTime() > end) throw new IOException(file + " did not appear in " + seconds + "s");
      Thread.sleep(20);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
