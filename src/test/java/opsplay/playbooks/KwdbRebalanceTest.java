package opsplay.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import opsplay.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rebalance.yml end to end in a lab, through the CLI: it shows the setting, sets it only when it
 * differs (a second run changes nothing), previews the SET statement without running it, and
 * refuses a value that is neither true nor false.
 */
class KwdbRebalanceTest {
  private static final String PLAYBOOK = "rebalance.yml";
  private static final String SETTING = "kv.allocator.ts_consider_rebalance.enabled";

  @Test
  void showsSetsFalseTwiceThenTrueAndPreviewsWithoutChanging(@TempDir Path dir) throws IOException {
    try (KwdbLab lab = KwdbLab.start(dir, 3, false)) {
      Cli.Outcome show = lab.run(PLAYBOOK);
      assertThat(show.code()).as(show.out()).isZero();
      assertThat(msg(show, "show it")).isEqualTo(SETTING + " = true");
      assertThat(status(show, "set it (SET CLUSTER SETTING)")).isEqualTo("skipped");
      assertThat(changed(show)).isZero();

      Cli.Outcome preview = lab.check(PLAYBOOK, "-e", "rebalance=false");
      assertThat(preview.code()).as(preview.out()).isZero();
      assertThat(status(preview, "set it (SET CLUSTER SETTING)")).isEqualTo("changed");
      assertThat(String.valueOf(result(preview, "set it (SET CLUSTER SETTING)").get("planned")))
          .contains("SET CLUSTER SETTING " + SETTING + " = false");
      assertThat(setting(lab)).as("a preview changes nothing").isTrue();

      Cli.Outcome off = lab.run(PLAYBOOK, "-e", "rebalance=false");
      assertThat(off.code()).as(off.out()).isZero();
      assertThat(status(off, "set it (SET CLUSTER SETTING)")).isEqualTo("changed");
      assertThat(status(off, "read it back (SHOW CLUSTER SETTING)")).isEqualTo("ok");
      assertThat(setting(lab)).isFalse();

      Cli.Outcome again = lab.run(PLAYBOOK, "-e", "rebalance=false");
      assertThat(again.code()).as(again.out()).isZero();
      assertThat(msg(again, "show it")).isEqualTo(SETTING + " = false");
      assertThat(status(again, "set it (SET CLUSTER SETTING)")).isEqualTo("skipped");
      assertThat(changed(again)).isZero();

      Cli.Outcome on = lab.run(PLAYBOOK, "-e", "rebalance=true");
      assertThat(on.code()).as(on.out()).isZero();
      assertThat(status(on, "set it (SET CLUSTER SETTING)")).isEqualTo("changed");
      assertThat(setting(lab)).isTrue();

      Cli.Outcome bad = lab.run(PLAYBOOK, "-e", "rebalance=maybe");
      assertThat(bad.code()).isEqualTo(2);
      assertThat(msg(bad, "pre-check - rebalance is true or false")).contains("refused: rebalance=maybe is neither true nor false");
      assertThat(result(bad, "the setting now (SHOW CLUSTER SETTING)")).isNull();
      assertThat(setting(lab)).isTrue();
    }
  }

  private static boolean setting(KwdbLab lab) {
    return (Boolean) lab.sql("n2", "SHOW CLUSTER SETTING " + SETTING);
  }

  private static long changed(Cli.Outcome run) {
    Map<?, ?> hosts = (Map<?, ?>) run.events("recap").get(0).get("hosts");
    return hosts.values().stream().mapToLong(h -> ((Number) ((Map<?, ?>) h).get("changed")).longValue()).sum();
  }

  private static Map<String, Object> result(Cli.Outcome run, String task) {
    return run.events("host_result").stream().filter(e -> "n1".equals(e.get("host")) && task.equals(e.get("task")))
        .findFirst().orElse(null);
  }

  private static String status(Cli.Outcome run, String task) {
    Map<String, Object> r = result(run, task);
    assertThat(r).as(task + " in\n" + run.out()).isNotNull();
    return String.valueOf(r.get("status"));
  }

  private static String msg(Cli.Outcome run, String task) {
    Map<String, Object> r = result(run, task);
    assertThat(r).as(task + " in\n" + run.out()).isNotNull();
    return String.valueOf(r.get("msg"));
  }
}
