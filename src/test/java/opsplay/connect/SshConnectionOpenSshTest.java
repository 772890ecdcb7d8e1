package opsplay.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import opsplay.core.Connection;
import opsplay.core.Connection.ExecOptions;
import opsplay.core.Connection.ExecResult;
import opsplay.testing.OpenSshHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshConnection against real OpenSSH daemons, logged in as the test user. */
@Tag("openssh")
class SshConnectionOpenSshTest {
  @TempDir static Path dir;
  static OpenSshHosts hosts;

  @BeforeAll
  static void start() {
    hosts = OpenSshHosts.start(2, dir.resolve("sshd"));
  }

  @AfterAll
  static void stop() {
    if (hosts != null) hosts.close();
  }

  private static Connection connect(String host, Map<String, Object> overrides) {
    Map<String, Object> vars = new HashMap<>(hosts.vars(host));
    vars.putAll(overrides);
    return new Connector(Map.of(), dir, "nobody-local").create(host, vars);
  }

  private static ExecResult run(Connection c, String command) throws Exception {
    return c.exec(command, ExecOptions.NONE);
  }

  @Test
  void commandsRunAsTheLoginUserOnOneConnection() throws Exception {
    int before = hosts.acceptedConnections().get("h1");
    try (Connection c = connect("h1", Map.of())) {
      assertThat(run(c, "id -un").stdout()).isEqualTo(hosts.user() + "\n");
      for (int i = 0; i < 20; i++) assertThat(run(c, "echo " + i + "; echo e >&2; exit " + (i % 3)))
          .isEqualTo(new ExecResult(i % 3, i + "\n", "e\n"));
      ExecResult fed = c.exec("cat", new ExecOptions("to stdin\n", null, Map.of()));
      assertThat(fed.stdout()).isEqualTo("to stdin\n");
      ExecResult env = c.exec("echo \"$X\"", new ExecOptions(null, null, Map.of("X", "a 'quoted' value")));
      assertThat(env.stdout()).isEqualTo("a 'quoted' value\n");
    }
    assertThat(hosts.acceptedConnections().get("h1") - before).isEqualTo(1);
  }

  @Test
  void sudoWithoutAPasswordWorks() throws Exception {
    try (Connection c = connect("h2", Map.of())) {
      ExecResult r = run(c, "sudo -n -H -u root -- /bin/sh -c 'id -un; echo $HOME'");
      assertThat(r.stderr()).isEmpty();
      assertThat(r.stdout()).isEqualTo("root\n/root\n");
    }
  }

  @Test
  void aTimeoutStopsTheCommandAndTheConnectionGoesOn() throws Exception {
    try (Connection c = connect("h1", Map.of())) {
      ExecResult r = c.exec("echo begun; sleep 31.7", new ExecOptions(null, Duration.ofMillis(500), Map.of()));
      assertThat(r).isEqualTo(new ExecResult(-1, "begun\n", "", true));
      assertThat(run(c, "echo after").stdout()).isEqualTo("after\n");
      String left = "?";
      for (int i = 0; i < 40 && !left.isEmpty(); i++) {
        left = run(c, "pgrep -f 'sleep 31[.]7' || true").stdout();
        if (!left.isEmpty()) Thread.sleep(50);
      }
      assertThat(left).as("the timed-out command was killed on the host").isEmpty();
    }
  }

  @Test
  void moreParallelCommandsThanASessionHasChannelsAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(30);
    try (Connection c = connect("h2", Map.of())) {
      List<Future<ExecResult>> results = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String command = "sleep 0.2; echo " + i;
        results.add(pool.submit(() -> run(c, command)));
      }
      for (int i = 0; i < 30; i++) assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void filesTravelOverSftp() throws Exception {
    Path work = Files.createDirectories(dir.resolve("sftp"));
    work.toFile().setWritable(true, false);
    String remote = work.resolve("app.conf").toString();
    try (Connection c = connect("h1", Map.of())) {
      c.upload("port = 26257\n".getBytes(StandardCharsets.UTF_8), remote, 0600);
      assertThat(run(c, "stat -c '%a %U' " + remote).stdout()).isEqualTo("600 " + hosts.user() + "\n");
      assertThat(new String(c.download(remote), StandardCharsets.UTF_8)).isEqualTo("port = 26257\n");
      assertThatThrownBy(() -> c.download("/root/.bashrc")).hasMessageContaining("permission denied");
    }
  }

  @Test
  void aWrongHostKeyIsRefused() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong_known_hosts"), hosts.knownHostsWithWrongKeyFor("h2"));
    try (Connection c = connect("h2", Map.of("ssh_known_hosts", wrong.toString()))) {
      assertThatThrownBy(() -> run(c, "true")).hasMessageContaining("has CHANGED").hasMessageContaining("ssh-keygen -R");
    }
    try (Connection c = connect("h1", Map.of("ssh_known_hosts", wrong.toString()))) {
      assertThat(run(c, "echo h1 is fine").stdout()).isEqualTo("h1 is fine\n");
    }
  }

}
