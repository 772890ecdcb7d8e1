package opsplay.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connector: which connection each host gets and how its variables are read. */
class ConnectorTest {
  @TempDir Path home;

  private Connector connector() {
    return new Connector(Map.of("PW", "from env"), home, "alice");
  }

  private SshTarget target(Map<String, Object> vars) {
    return connector().target("db1", vars);
  }

  @Test
  void localMeansTheController() {
    assertThat(connector().create("c", Map.of("connection", "local"))).isInstanceOf(LocalConnection.class);
    assertThat(connector().create("c", Map.of("connection", "ssh"))).isInstanceOf(SshConnection.class);
    assertThat(connector().create("c", Map.of())).isInstanceOf(SshConnection.class);
  }

  @Test
  void defaultsComeFromTheHostNameAndTheControllersUser() {
    SshTarget t = target(Map.of());
    assertThat(t.address()).isEqualTo("db1");
    assertThat(t.port()).isEqualTo(22);
    assertThat(t.user()).isEqualTo("alice");
    assertThat(t.keyGiven()).isFalse();
    assertThat(t.keys()).containsExactly(home.resolve(".ssh/id_ed25519"), home.resolve(".ssh/id_ecdsa"), home.resolve(".ssh/id_rsa"));
    assertThat(t.password()).isNull();
    assertThat(t.knownHosts()).isEqualTo(home.resolve(".ssh/known_hosts"));
    assertThat(t.checkHostKeys()).isTrue();
    assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.endpoint()).isEqualTo("alice@db1:22");
    assertThat(t.knownHostsName()).isEqualTo("db1");
  }

  @Test
  void valuesMayBeNumbersBooleansOrStrings() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("address", "10.0.0.1");
    vars.put("ssh_port", 2222L);
    vars.put("ssh_user", "ops");
    vars.put("ssh_key", "~/keys/ops");
    vars.put("ssh_known_hosts", "~/kh");
    vars.put("ssh_host_key_checking", false);
    vars.put("ssh_connect_timeout", " 3");
    SshTarget t = target(vars);
    assertThat(t.port()).isEqualTo(2222);
    assertThat(t.keys()).containsExactly(home.resolve("keys/ops"));
    assertThat(t.keyGiven()).isTrue();
    assertThat(t.knownHosts()).isEqualTo(home.resolve("kh"));
    assertThat(t.checkHostKeys()).isFalse();
    assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.knownHostsName()).isEqualTo("[10.0.0.1]:2222");
    assertThat(target(Map.of("ssh_port", "2200", "ssh_host_key_checking", "no")).port()).isEqualTo(2200);
    assertThat(target(Map.of("ssh_port", 2201)).port()).isEqualTo(2201);
  }

  @Test
  void passwordsAreOnlyTakenByReference() throws Exception {
    assertThat(target(Map.of("ssh_password", "env:PW")).password().read()).isEqualTo("from env");
    Path file = Files.writeString(home.resolve("pw"), "first line\nsecond\n");
    PasswordReference fromFile = target(Map.of("ssh_password", "file:~/pw")).password();
    assertThat(fromFile.read()).isEqualTo("first line");
    assertThat(fromFile).hasToString("file:~/pw");
    assertThatThrownBy(() -> target(Map.of("ssh_password", "env:NOT_SET")).password().read())
        .hasMessageContaining("NOT_SET is not set");
    Files.delete(file);
    assertThatThrownBy(fromFile::read).hasMessageContaining(file + " does not exist");
    assertThatThrownBy(() -> target(Map.of("ssh_password", "plain")))
        .hasMessageContaining("a password written in the inventory is refused").hasMessageNotContaining("plain");
  }

  @Test
  void unusableSettingsFailTheHostOnFirstUseWithAMessage() {
    for (var bad : List.of(
        Map.<String, Object>of("ssh_port", "twenty-two"),
        Map.<String, Object>of("ssh_port", 70000),
        Map.<String, Object>of("ssh_host_key_checking", "maybe"),
        Map.<String, Object>of("connection", "docker"),
        Map.<String, Object>of("ssh_user", List.of("a")))) {
      Connection c = connector().create("db1", bad);
      assertThat(c).as(bad.toString()).isInstanceOf(RefusedConnection.class);
      assertThatThrownBy(() -> c.exec("true", Connection.ExecOptions.NONE)).isInstanceOf(ConnectionException.class)
          .hasMessageStartingWith("db1: ");
    }
    assertThatThrownBy(() -> connector().create("db1", Map.of("ssh_port", "x")).download("/f"))
        .hasMessage("db1: ssh_port must be a whole number, not 'x'");
  }

  @Test
  void noKeyAndNoPasswordIsSaidBeforeConnecting() {
    Connection c = connector().create("db1", Map.of("address", "127.0.0.1", "ssh_port", 1));
    assertThatThrownBy(() -> c.exec("true", Connection.ExecOptions.NONE))
        .hasMessageContaining("no SSH key to offer").hasMessageContaining(home.resolve(".ssh/id_ed25519").toString());
  }
}
