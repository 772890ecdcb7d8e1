package opsplay.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import opsplay.core.ConnectionException;
import opsplay.testing.ClientKey;
import opsplay.testing.MinaHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshConnection against an embedded MINA SSH server: commands, files, host keys, logins, failures. */
class SshConnectionTest {
  @TempDir static Path dir;
  static MinaHost host;

  @BeforeAll
  static void start() {
    host = MinaHost.start(dir.resolve("mina"));
  }

  @AfterAll
  static void stop() {
    if (host != null) host.close();
  }

  /** A Connector whose home has no keys and whose environment is {@code env}. */
  private static Connector connector(Map<String, String> env) throws IOException {
    return new Connector(env, Files.createDirectories(dir.resolve("home")), "nobody-local");
  }

  private static Connection connect(Map<String, Object> overrides) throws IOException {
    Map<String, Object> vars = new HashMap<>(host.vars());
    vars.putAll(overrides);
    vars.values().removeIf(v -> v.equals(""));
    return connector(Map.of()).create("h1", vars);
  }

  private static ExecResult run(Connection c, String command) throws ConnectionException {
    return c.exec(command, ExecOptions.NONE);
  }

  @Test
  void aCommandReturnsItsExitCodeAndBothStreams() throws Exception {
    try (Connection c = connect(Map.of())) {
      assertThat(c).isInstanceOf(SshConnection.class);
      ExecResult r = run(c, "echo out; echo err >&2; exit 3");
      assertThat(r).isEqualTo(new ExecResult(3, "out\n", "err\n", false));
      assertThat(run(c, "printf 'caf\\303\\251'").stdout()).isEqualTo("café");
    }
  }

  @Test
  void stdinIsWrittenThenClosed() throws Exception {
    try (Connection c = connect(Map.of())) {
      ExecResult r = c.exec("cat; echo done", new ExecOptions("line 1\nline 2\n", null, Map.of()));
      assertThat(r.stdout()).isEqualTo("line 1\nline 2\ndone\n");
      assertThat(run(c, "cat; echo no input").stdout()).as("without stdin, input ends at once").isEqualTo("no input\n");
    }
  }

  @Test
  void environmentVariablesAreSetForTheCommand() throws Exception {
    try (Connection c = connect(Map.of())) {
      ExecResult r = c.exec("echo \"$GREETING|$OTHER\"",
          new ExecOptions(null, null, Map.of("GREETING", "it's $HOME `here`", "OTHER", "x")));
      assertThat(r.stdout()).isEqualTo("it's $HOME `here`|x\n");
    }
  }

  @Test
  void aTimeoutReturnsWhatWasPrintedAndTheSessionStaysUsable() throws Exception {
    int before = host.sessionsOpened();
    try (Connection c = connect(Map.of())) {
      long t0 = System.nanoTime();
      ExecResult r = c.exec("echo started; sleep 30", new ExecOptions(null, Duration.ofMillis(700), Map.of()));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(r.timedOut()).isTrue();
      assertThat(r.rc()).isEqualTo(-1);
      assertThat(r.stdout()).isEqualTo("started\n");
      assertThat(run(c, "echo still here").stdout()).isEqualTo("still here\n");
    }
    assertThat(host.sessionsOpened() - before).isEqualTo(1);
  }

  @Test
  void fiftyCommandsShareOneSession() throws Exception {
    int before = host.sessionsOpened();
    try (Connection c = connect(Map.of())) {
      for (int i = 0; i < 50; i++) assertThat(run(c, "echo " + i).stdout()).isEqualTo(i + "\n");
    }
    assertThat(host.sessionsOpened() - before).isEqualTo(1);
  }

  @Test
  void tenThreadsRunTenCommandsEachOnOneConnection() throws Exception {
    int before = host.sessionsOpened();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try (Connection c = connect(Map.of())) {
      List<Future<List<String>>> all = new ArrayList<>();
      for (int t = 0; t < 10; t++) {
        int thread = t;
        all.add(pool.submit(() -> {
          List<String> outs = new ArrayList<>();
          for (int i = 0; i < 10; i++) outs.add(run(c, "sleep 0.0$((RANDOM % 5)); echo " + thread + "-" + i).stdout());
          return outs;
        }));
      }
      for (int t = 0; t < 10; t++) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) expected.add(t + "-" + i + "\n");
        assertThat(all.get(t).get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(host.sessionsOpened() - before).isEqualTo(1);
  }

  @Test
  void anUnknownHostKeyIsRefusedWithHowToTrustIt() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
    try (Connection c = connect(Map.of("ssh_known_hosts", empty.toString()))) {
      String name = "[127.0.0.1]:" + host.port();
      assertThatThrownBy(() -> run(c, "true")).isInstanceOf(ConnectionException.class)
          .hasMessageContaining("the host key of " + name + " is not known")
          .hasMessageContaining("ssh-keyscan -p " + host.port() + " 127.0.0.1 >> " + empty)
          .hasMessageContaining("SHA256:")
          .hasMessageContaining("ssh_host_key_checking: false")
          .hasMessageNotContaining("JSch").hasMessageNotContaining("Exception");
    }
    assertThat(Files.readString(empty)).as("nothing was added").isEmpty();
  }

  @Test
  void aMissingKnownHostsFileIsSaidSo() throws Exception {
    Path missing = dir.resolve("no-such-dir/known_hosts");
    try (Connection c = connect(Map.of("ssh_known_hosts", missing.toString()))) {
      assertThatThrownBy(() -> run(c, "true")).hasMessageContaining("is not known")
          .hasMessageContaining(missing + " does not exist");
    }
  }

  @Test
  void theConnectionsOfARunReadKnownHostsOncePerRun() throws Exception {
    Path file = Files.copy(host.knownHosts(), dir.resolve("run_known_hosts"));
    Map<String, Object> vars = new HashMap<>(host.vars());
    vars.put("ssh_known_hosts", file.toString());
    Connector run = connector(Map.of());
    try (Connection first = run.create("h1", vars)) {
      assertThat(run(first, "true").rc()).isZero();
      Files.writeString(file, "");
      try (Connection second = run.create("h2", vars)) {
        assertThat(run(second, "echo read once").stdout()).as("the file as the run read it first").isEqualTo("read once\n");
      }
    }
    try (Connection nextRun = connector(Map.of()).create("h1", vars)) {
      assertThatThrownBy(() -> run(nextRun, "true")).as("a new run reads it again").hasMessageContaining("is not known");
    }
  }

  @Test
  void aChangedHostKeyIsRefusedAsAPossibleAttack() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong_known_hosts"), host.knownHostsLineWithWrongKey() + "\n");
    try (Connection c = connect(Map.of("ssh_known_hosts", wrong.toString()))) {
      assertThatThrownBy(() -> run(c, "true")).isInstanceOf(ConnectionException.class)
          .hasMessageContaining("has CHANGED")
          .hasMessageContaining("man-in-the-middle")
          .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + host.port() + "' -f " + wrong);
    }
  }

  @Test
  void hostKeyCheckingCanBeTurnedOffExplicitly() throws Exception {
    Path wrong = Files.writeString(dir.resolve("unchecked_known_hosts"), host.knownHostsLineWithWrongKey() + "\n");
    String before = Files.readString(wrong);
    try (Connection c = connect(Map.of("ssh_known_hosts", wrong.toString(), "ssh_host_key_checking", "false"))) {
      assertThat(run(c, "echo in").stdout()).isEqualTo("in\n");
    }
    assertThat(Files.readString(wrong)).isEqualTo(before);
  }

  @Test
  void aPasswordComesFromAnEnvironmentVariable() throws Exception {
    try (MinaHost withPassword = MinaHost.start(dir.resolve("pw"), "s3cret pass")) {
      Map<String, Object> vars = new HashMap<>(withPassword.vars());
      vars.remove("ssh_key");
      vars.put("ssh_password", "env:TEST_SSH_PASSWORD");
      try (Connection c = connector(Map.of("TEST_SSH_PASSWORD", "s3cret pass")).create("pw", vars)) {
        assertThat(run(c, "echo logged in").stdout()).isEqualTo("logged in\n");
      }
      try (Connection c = connector(Map.of("TEST_SSH_PASSWORD", "wrong")).create("pw", vars)) {
        assertThatThrownBy(() -> run(c, "true")).hasMessageContaining("authentication failed")
            .hasMessageContaining("the password from env:TEST_SSH_PASSWORD").hasMessageNotContaining("wrong");
      }
      try (Connection c = connector(Map.of()).create("pw", vars)) {
        assertThatThrownBy(() -> run(c, "true")).hasMessageContaining("TEST_SSH_PASSWORD is not set");
      }
    }
  }

  @Test
  void aPasswordWrittenInTheInventoryIsRefused() throws Exception {
    try (Connection c = connect(Map.of("ssh_password", "hunter22"))) {
      assertThatThrownBy(() -> run(c, "true")).isInstanceOf(ConnectionException.class)
          .hasMessageContaining("h1: ssh_password must be a reference, env:NAME")
          .hasMessageContaining("file:PATH").hasMessageNotContaining("hunter22");
    }
  }

  @Test
  void aKeyTheServerDoesNotKnowFailsWithAPlainMessage() throws Exception {
    ClientKey other = ClientKey.ed25519(dir.resolve("other_key"));
    try (Connection c = connect(Map.of("ssh_key", other.privateKey().toString()))) {
      assertThatThrownBy(() -> run(c, "true")).isInstanceOf(ConnectionException.class)
          .hasMessage("cannot log in to tester@127.0.0.1:" + host.port() + ": authentication failed, the server"
              + " refused the key " + other.privateKey() + " (check ssh_user, ssh_key and the host's authorized_keys)");
    }
  }

  @Test
  void pemRsaAndEcdsaKeysWork() throws Exception {
    for (int type : new int[] {KeyPair.RSA, KeyPair.ECDSA}) {
      ClientKey key = ClientKey.pem(dir.resolve("pem_" + type), type);
      assertThat(Files.readString(key.privateKey())).startsWith("-----BEGIN");
      host.authorize(key.publicKey());
      try (Connection c = connect(Map.of("ssh_key", key.privateKey().toString()))) {
        assertThat(run(c, "echo ok").stdout()).isEqualTo("ok\n");
      }
    }
  }

  @Test
  void aMissingKeyFileIsNamed() throws Exception {
    try (Connection c = connect(Map.of("ssh_key", "~/nope/id_ed25519"))) {
      assertThatThrownBy(() -> run(c, "true"))
          .hasMessageContaining("the ssh_key " + dir.resolve("home/nope/id_ed25519") + " does not exist");
    }
  }

  @Test
  void aRefusedConnectionNamesTheAddressAndPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    try (Connection c = connect(Map.of("ssh_port", String.valueOf(port)))) {
      assertThatThrownBy(() -> run(c, "true")).isInstanceOf(ConnectionException.class)
          .hasMessage("cannot connect to tester@127.0.0.1:" + port + ": connection refused (nothing listens on"
              + " 127.0.0.1 port " + port + "; is sshd running?)");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
         Connection c = connect(Map.of("ssh_port", silent.getLocalPort(), "ssh_connect_timeout", 1))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> run(c, "true")).hasMessageContaining("no answer from 127.0.0.1 port "
          + silent.getLocalPort() + " within 1s (ssh_connect_timeout)");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void filesGoUpAndComeBackWithTheirMode() throws Exception {
    Path target = dir.resolve("uploaded.conf");
    byte[] content = "key = värde\n".getBytes(StandardCharsets.UTF_8);
    try (Connection c = connect(Map.of())) {
      c.upload(content, target.toString(), 0640);
      assertThat(Files.readAllBytes(target)).isEqualTo(content);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
      c.upload("v2\n".getBytes(StandardCharsets.UTF_8), target.toString(), 0600);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
      assertThat(c.download(target.toString())).isEqualTo("v2\n".getBytes(StandardCharsets.UTF_8));
      byte[] big = new byte[3 << 20];
      for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
      c.upload(big, target.toString(), 0644);
      assertThat(c.download(target.toString())).isEqualTo(big);
    }
  }

  @Test
  void aMissingRemoteFileSaysWhatFailed() throws Exception {
    Path missing = dir.resolve("not-there");
    try (Connection c = connect(Map.of())) {
      assertThatThrownBy(() -> c.download(missing.toString()))
          .hasMessage("cannot read " + missing + " on tester@127.0.0.1:" + host.port() + ": no such file or directory");
      assertThatThrownBy(() -> c.upload(new byte[1], dir.resolve("no/dir/f").toString(), 0644))
          .hasMessageContaining("cannot write " + dir.resolve("no/dir/f")).hasMessageContaining("no such file");
      assertThat(run(c, "echo usable").stdout()).isEqualTo("usable\n");
    }
  }

  @Test
  void aDroppedSessionIsReopenedOnTheNextCommand() throws Exception {
    int before = host.sessionsOpened();
    try (Connection c = connect(Map.of())) {
      assertThat(run(c, "echo one").stdout()).isEqualTo("one\n");
      host.dropSessions();
      assertThat(run(c, "echo two").stdout()).isEqualTo("two\n");
      assertThat(run(c, "echo three").stdout()).isEqualTo("three\n");
    }
    assertThat(host.sessionsOpened() - before).isEqualTo(2);
  }

  @Test
  void aClosedConnectionRefusesFurtherWork() throws Exception {
    Connection c = connect(Map.of());
    run(c, "true");
    c.close();
    c.close();
    assertThatThrownBy(() -> run(c, "true")).hasMessageContaining("is closed");
  }

}
