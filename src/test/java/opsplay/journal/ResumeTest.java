package opsplay.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import opsplay.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal, --resume and the run lock, on hosts that run on the controller: what a run
 * finished is never run again, what it registered comes back, a changed playbook is refused, a
 * second run waits for nobody, and a killed run's lock is taken over.
 */
class ResumeTest {
  static final String INVENTORY = "src/test/resources/cases/run/inventory.yml";
  @TempDir Path dir;

  private Path playbook(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  private Cli.Outcome run(Path playbook, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("run", playbook.toString(), "-i", INVENTORY, "-o", "json",
        "-e", "workdir=" + dir, "-e", "token=S3CRET-T0KEN", "--journal", dir.resolve("runs").toString()));
    args.addAll(List.of(more));
    return Cli.run(Map.of("OPSPLAY_LOCK_DIR", dir.resolve("locks").toString()), args.toArray(String[]::new));
  }

  private Path gated() throws IOException {
    return playbook("gated.yml",
        "- hosts: h1:h2",
        "  secrets: [token]",
        "  tasks:",
        "    - name: first",
        "      ssh: echo first-{{inventory_hostname}} >> {{workdir}}/log; echo value-{{inventory_hostname}}",
        "      register: first",
        "    - name: gate",
        "      ssh: test -f {{workdir}}/go-{{inventory_hostname}} || test {{inventory_hostname}} = h1",
        "    - name: third",
        "      ssh: echo third-{{inventory_hostname}} >> {{workdir}}/log",
        "    - name: use first",
        "      print: \"{{first.stdout}} {{token}}\"");
  }

  @Test
  void resumeSkipsWhatWasFinishedAndRestoresWhatItRegistered() throws IOException {
    Path pb = gated();
    Cli.Outcome failed = run(pb);
    assertThat(failed.code()).as(failed.out()).isEqualTo(2);
    Files.writeString(dir.resolve("go-h2"), "");

    Cli.Outcome resumed = run(pb, "--resume", "last");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("log"))).containsExactlyInAnyOrder("first-h1", "first-h2", "third-h1", "third-h2");
    assertThat(resumed.events("host_result")).anySatisfy(e -> {
      assertThat(e).containsEntry("task", "use first").containsEntry("host", "h2");
      assertThat(e.get("msg")).isEqualTo("value-h2 ********");
    });
    assertThat(resumed.events("host_result")).filteredOn(e -> "first".equals(e.get("task")))
        .allSatisfy(e -> assertThat((String) e.get("msg")).startsWith("done in run " + failed.events("run_start").get(0).get("run_id")));

    try (var journals = Files.list(dir.resolve("runs"))) {
      for (Path j : journals.toList()) assertThat(Files.readString(j)).doesNotContain("S3CRET-T0KEN").contains("\"finished\":true");
    }
  }

  @Test
  void aResumeWithOtherExtraVarsIsRefusedSinceWhatWasFinishedWasDoneWithTheOldOnes() throws IOException {
    Path pb = gated();
    Cli.Outcome failed = run(pb, "-e", "target=n4");
    assertThat(failed.code()).as(failed.out()).isEqualTo(2);
    Files.writeString(dir.resolve("go-h2"), "");

    Cli.Outcome other = run(pb, "-e", "target=n3", "--resume", "last");
    assertThat(other.code()).as(other.out() + other.err()).isEqualTo(5);
    assertThat(other.err()).contains("had other -e values (target has another value)").contains("add --yes");
    Cli.Outcome missing = run(pb, "--resume", "last");
    assertThat(missing.err()).contains("(target is no longer given)");
    Cli.Outcome more = run(pb, "-e", "target=n4", "-e", "extra=1", "--resume", "last");
    assertThat(more.err()).contains("(extra is new)");
    assertThat(Files.readAllLines(dir.resolve("log"))).as("nothing ran").containsExactlyInAnyOrder("first-h1", "first-h2", "third-h1");
    try (var journals = Files.list(dir.resolve("runs"))) {
      for (Path j : journals.toList()) assertThat(Files.readString(j)).as("digests, not values").doesNotContain("\"n4\"");
    }

    Cli.Outcome same = run(pb, "-e", "target=n4", "--resume", "last");
    assertThat(same.code()).as(same.out() + same.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("log"))).containsExactlyInAnyOrder("first-h1", "first-h2", "third-h1", "third-h2");
  }

  @Test
  void yesResumesWithOtherExtraVarsAndSaysSo() throws IOException {
    Path pb = gated();
    assertThat(run(pb, "-e", "timeout=1s").code()).isEqualTo(2);
    Files.writeString(dir.resolve("go-h2"), "");
    Cli.Outcome resumed = run(pb, "-e", "timeout=10m", "--resume", "last", "--yes");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.err()).contains("had other -e values (timeout has another value); going on with these (--yes)");
    assertThat(Files.readAllLines(dir.resolve("log"))).containsExactlyInAnyOrder("first-h1", "first-h2", "third-h1", "third-h2");
  }

  @Test
  void lastIsTheRunWrittenLastEvenWhenRunIdsOrderThemOtherwise() throws IOException {
    Path pb = gated();
    Files.writeString(dir.resolve("go-h2"), "");
    Cli.Outcome done = run(pb);
    assertThat(done.code()).as(done.out()).isZero();
    Files.delete(dir.resolve("go-h2"));
    Cli.Outcome failed = run(pb);
    assertThat(failed.code()).isEqualTo(2);
    // two runs in one second: the random end of the earlier run's id may sort after the later one's
    Path runs = dir.resolve("runs");
    String doneId = (String) done.events("run_start").get(0).get("run_id");
    String failedId = (String) failed.events("run_start").get(0).get("run_id");
    Path earlier = runs.resolve(doneId + ".jsonl");
    Path renamed = Files.move(earlier, runs.resolve(failedId.substring(0, failedId.lastIndexOf('-')) + "-zzzz.jsonl"));
    Files.setLastModifiedTime(renamed, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(runs.resolve(failedId + ".jsonl")).toMillis() - 500));
    Files.writeString(dir.resolve("go-h2"), "");

    Cli.Outcome resumed = run(pb, "--resume", "last");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.events("host_result")).filteredOn(e -> "first".equals(e.get("task")))
        .allSatisfy(e -> assertThat((String) e.get("msg")).startsWith("done in run " + failedId));
  }

  @Test
  void aPlaybookWhoseFinishedTasksMovedIsNotResumed() throws IOException {
    Path pb = gated();
    assertThat(run(pb).code()).isEqualTo(2);
    Files.writeString(pb, Files.readString(pb).replace("name: first", "name: renamed"));
    Cli.Outcome r = run(pb, "--resume", "last");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("the playbook changed since run").contains("was 'first' (ssh) and is now 'renamed' (ssh)");
    assertThat(Files.readAllLines(dir.resolve("log"))).as("nothing ran again").hasSize(3);
  }

  @Test
  void aPreviewIsNotSomethingToResume() throws IOException {
    Path pb = playbook("simple.yml", "- hosts: h1", "  tasks:", "    - ssh: echo x >> {{workdir}}/log");
    assertThat(run(pb, "--check").code()).isEqualTo(0);
    Cli.Outcome r = run(pb, "--resume", "last");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("no earlier run of");
  }

  @Test
  void aSecondRunOfTheSamePlaybookFailsAtOnceWhileTheFirstHoldsTheLock() throws Exception {
    Path pb = playbook("slow.yml", "- hosts: h1", "  tasks:",
        "    - ssh: touch {{workdir}}/started; sleep 3");
    Process first = opsplay(pb);
    try {
      waitFor(dir.resolve("started"));
      long t0 = System.nanoTime();
      Cli.Outcome second = run(pb);
      assertThat(second.code()).isEqualTo(1);
      assertThat(second.err()).contains("another run of").contains("is in progress").contains("pid " + first.pid());
      assertThat(System.nanoTime() - t0).as("fails at once").isLessThan(TimeUnit.SECONDS.toNanos(2));
    } finally {
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(first.exitValue()).isZero();
  }

  @Test
  void aKilledRunIsResumedAndItsLockTakenOver() throws Exception {
    Path pb = playbook("killed.yml", "- hosts: h1", "  tasks:",
        "    - name: one",
        "      ssh: echo one >> {{workdir}}/log",
        "    - name: two",
        "      ssh: test -f {{workdir}}/killed || (touch {{workdir}}/started; sleep 30)",
        "    - name: three",
        "      ssh: echo three >> {{workdir}}/log");
    Process p = opsplay(pb);
    waitFor(dir.resolve("started"));
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Files.writeString(dir.resolve("killed"), "");

    Cli.Outcome resumed = run(pb, "--resume", "last");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.err()).contains("taking over the lock of an earlier run");
    assertThat(Files.readAllLines(dir.resolve("log"))).containsExactly("one", "three");
  }

  /** opsplay in its own process, as a user runs it, with the -e values {@link #run} gives. */
  private Process opsplay(Path playbook) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "opsplay.cli.Main", "run", playbook.toString(), "-i", INVENTORY,
        "-e", "workdir=" + dir, "-e", "token=S3CRET-T0KEN", "--journal", dir.resolve("runs").toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("process.out").toFile());
    pb.environment().put("OPSPLAY_LOCK_DIR", dir.resolve("locks").toString());
    return pb.start();
  }

  private static void waitFor(Path file) throws InterruptedException, IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file)) {
      if (System.nanoTime() > end) throw new IOException(file + " did not appear");
      Thread.sleep(20);
    }
  }
}
