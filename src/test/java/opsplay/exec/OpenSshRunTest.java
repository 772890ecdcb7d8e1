package opsplay.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opsplay.testing.Cli;
import opsplay.testing.OpenSshHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against real OpenSSH: five sshd instances on 127.0.0.2–6, logged in as the test
 * user. Proves fan-out, batches, failures, unreachable hosts, host keys, check mode, idempotence,
 * become, and one connection per host for a whole run.
 */
@Tag("openssh")
class OpenSshRunTest {
  static OpenSshHosts hosts;
  static Path inventory;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    hosts = OpenSshHosts.start(5, dir.resolve("sshd"));
    inventory = hosts.writeInventory(dir.resolve("inventory.yml"));
  }

  @AfterAll
  static void stop() {
    if (hosts != null) hosts.close();
  }

  private Path playbook(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  private Path workdir(String name) throws IOException {
    Path w = Files.createDirectories(dir.resolve("work-" + name));
    w.toFile().setWritable(true, false);
    return w;
  }

  @Test
  void twentyTasksOnFiveHostsUseOneConnectionPerHost() throws IOException {
    List<String> lines = new ArrayList<>(List.of("- hosts: all", "  tasks:"));
    for (int i = 1; i <= 20; i++) lines.add("    - ssh: echo task " + i + " on $(hostname) as $(id -un)");
    Map<String, Integer> before = hosts.acceptedConnections();
    Cli.Outcome r = Cli.run("run", playbook("twenty.yml", lines.toArray(String[]::new)).toString(),
        "-i", inventory.toString(), "-o", "json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.events("host_result")).hasSize(100).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("changed"));
    assertThat(r.events("host_result").get(0).get("stdout").toString()).endsWith("as " + hosts.user());
    Map<String, Integer> after = hosts.acceptedConnections();
    for (String h : hosts.names()) assertThat(after.get(h) - before.get(h)).as("connections to " + h).isEqualTo(1);
  }

  @Test
  void checkModeLeavesTheHostsUntouchedAndASecondRunChangesNothing() throws IOException {
    Path work = workdir("idem");
    Path pb = playbook("idem.yml", "- hosts: all", "  tasks:",
        "    - ssh:",
        "        cmd: mkdir -p " + work + "/{{inventory_hostname}}",
        "        creates: " + work + "/{{inventory_hostname}}",
        "    - ssh:",
        "        cmd: echo v1 > " + work + "/{{inventory_hostname}}/conf",
        "        unless: grep -qx v1 " + work + "/{{inventory_hostname}}/conf");
    Cli.Outcome preview = Cli.run("check", pb.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(preview.code()).as(preview.out() + preview.err()).isZero();
    try (var files = Files.list(work)) {
      assertThat(files).as("check mode created nothing").isEmpty();
    }
    assertThat(preview.events("host_result")).allSatisfy(e -> assertThat(e).containsKey("planned"));

    Cli.Outcome first = Cli.run("run", pb.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(first.code()).isZero();
    assertThat(Files.readString(work.resolve("h1/conf"))).isEqualTo("v1\n");
    Cli.Outcome second = Cli.run("run", pb.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(second.code()).isZero();
    assertThat(second.events("host_result")).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("ok"));
    assertThat(second.events("recap").get(0).get("hosts").toString()).doesNotContain("changed=1").contains("changed=0");
  }

  @Test
  void aFailingCommandExits2AndTheOtherHostsGoOn() throws IOException {
    Cli.Outcome r = Cli.run("run", playbook("fail.yml", "- hosts: all", "  tasks:",
        "    - ssh: test {{inventory_hostname}} != h3", "    - name: after", "      ssh: 'true'").toString(),
        "-i", inventory.toString(), "-o", "json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.events("host_result").stream().filter(e -> "after".equals(e.get("task"))).map(e -> e.get("host")))
        .containsExactlyInAnyOrder("h1", "h2", "h4", "h5");
  }

  @Test
  void serialBatchesFinishEachBatchBeforeTheNext() throws IOException {
    Path work = workdir("serial");
    Cli.Outcome r = Cli.run("run", playbook("serial.yml", "- hosts: all", "  serial: 2", "  tasks:",
        "    - ssh: echo {{inventory_hostname}} >> " + work + "/order",
        "    - ssh: echo {{inventory_hostname}} >> " + work + "/order").toString(),
        "-i", inventory.toString());
    assertThat(r.code()).isZero();
    List<String> order = Files.readAllLines(work.resolve("order"));
    assertThat(order.subList(0, 4)).containsExactlyInAnyOrder("h1", "h1", "h2", "h2");
    assertThat(order.subList(4, 8)).containsExactlyInAnyOrder("h3", "h3", "h4", "h4");
    assertThat(order.subList(8, 10)).containsExactly("h5", "h5");
  }

  @Test
  void becomeRunsThroughSudo() throws IOException {
    Cli.Outcome r = Cli.run("run", playbook("become.yml", "- hosts: h1", "  become: true", "  tasks:",
        "    - ssh: id -un").toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.events("host_result").get(0).get("stdout")).isEqualTo("root");
  }

  @Test
  void ansiblesBecomeVariablesInTheInventoryWorkAsBecomeAndBecomeUser() throws IOException {
    Path inv = dir.resolve("inventory-become-vars.yml");
    Files.writeString(inv, Files.readString(inventory).replace("  children:", "  children:\n    sudoers:\n      vars: {ansible_become: true}\n"
        + "      hosts: {h1: {}, h2: {ansible_become_user: nobody}}"));
    Cli.Outcome r = Cli.run("run", playbook("become-vars.yml", "- hosts: h1:h2:h3", "  tasks:", "    - ssh: id -un").toString(),
        "-i", inv.toString(), "-o", "json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.events("host_result")).extracting(e -> e.get("host") + " " + e.get("stdout"))
        .containsExactlyInAnyOrder("h1 root", "h2 nobody", "h3 " + hosts.user());
  }

  @Test
  void becomeWritesAndReadsFilesThatOnlyRootMayTouch() throws IOException {
    Path root = Files.createDirectories(workdir("files").resolve("root-only"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    byte[] bundle = new byte[50_000];
    new Random(3).nextBytes(bundle);
    Files.write(root.resolve("certs.tar.gz"), bundle);
    String tasks = String.join("\n", "  tasks:",
        "    - copy: {content: \"role = new\\n\", dest: " + root + "/h2.conf, mode: '0640'}",
        "    - copy: {from_host: h1, src: " + root + "/certs.tar.gz, dest: " + root + "/h2-certs.tar.gz, mode: '0600'}");
    Path asLogin = playbook("files-login.yml", "- hosts: h2", tasks);
    Path asRoot = playbook("files-root.yml", "- hosts: h2", "  become: true", tasks);

    Cli.Outcome refused = Cli.run("run", asLogin.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
    assertThat(refused.events("host_result").get(0).get("msg").toString()).contains("as the login user: add become: true");

    Cli.Outcome first = Cli.run("run", asRoot.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.events("host_result")).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("changed"));
    assertThat(Files.readString(root.resolve("h2.conf"))).isEqualTo("role = new\n");
    assertThat(Files.getOwner(root.resolve("h2.conf")).getName()).isEqualTo("root");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("h2.conf")))).isEqualTo("rw-r-----");
    assertThat(Files.readAllBytes(root.resolve("h2-certs.tar.gz"))).isEqualTo(bundle);

    Cli.Outcome second = Cli.run("run", asRoot.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(second.events("host_result")).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("ok"));
    try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(left.filter(p -> Files.exists(p.resolve("content")))).as("no staged copy is left behind").isEmpty();
    }
  }

  @Test
  void anUnreachableHostExits3() throws IOException {
    Path inv = dir.resolve("with-dead.yml");
    Files.writeString(inv, Files.readString(inventory).replace("hosts:", "hosts:\n        dead: {address: 127.0.0.9, ssh_port: 1}\n").replaceFirst("hosts:\n", "hosts:\n"));
    Cli.Outcome r = Cli.run("run", playbook("dead.yml", "- hosts: all", "  tasks:", "    - ssh: 'true'").toString(),
        "-i", inv.toString(), "-o", "json");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(r.events("host_result")).anySatisfy(e -> {
      assertThat(e.get("host")).isEqualTo("dead");
      assertThat(e.get("status")).isEqualTo("unreachable");
      assertThat(e.get("msg").toString()).contains("127.0.0.9").contains("refused");
    });
  }

  @Test
  void aPreviewLogsInToEveryHostItWouldChange() throws IOException {
    Path inv = dir.resolve("with-dead-preview.yml");
    Files.writeString(inv, Files.readString(inventory).replace("hosts:", "hosts:\n        dead: {address: 127.0.0.9, ssh_port: 1}\n"));
    Cli.Outcome r = Cli.run("check", playbook("dead-preview.yml", "- hosts: all", "  tasks:", "    - ssh: touch /nonexistent/x").toString(),
        "-i", inv.toString(), "-o", "json");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(r.events("host_result")).hasSize(6).allSatisfy(e -> {
      boolean dead = e.get("host").equals("dead");
      assertThat(e.get("status")).as(e.toString()).isEqualTo(dead ? "unreachable" : "changed");
      assertThat(e.get("msg").toString()).as(e.toString()).contains(dead ? "127.0.0.9" : "would run");
    });
  }

  @Test
  void ignoreUnreachableKeepsTheHostInThePlay() throws IOException {
    Path inv = dir.resolve("with-dead-ignored.yml");
    Files.writeString(inv, Files.readString(inventory).replace("hosts:", "hosts:\n        dead: {address: 127.0.0.9, ssh_port: 1}\n"));
    Cli.Outcome r = Cli.run("run", playbook("dead-ignored.yml", "- hosts: dead:h1", "  tasks:",
        "    - name: stop it if it is up", "      ssh: 'true'", "      ignore_unreachable: true",
        "    - name: after", "      print: still here").toString(), "-i", inv.toString(), "-o", "json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.events("host_result")).extracting(e -> e.get("host") + " " + e.get("task") + " " + e.get("status"))
        .containsExactlyInAnyOrder("dead stop it if it is up unreachable", "h1 stop it if it is up changed",
            "dead after ok", "h1 after ok");
    assertThat(r.events("recap").get(0).get("hosts").toString()).contains("dead={ok=1, changed=0, skipped=0, failed=0,"
        + " unreachable=0, rescued=0, ignored=1}");
  }

  @Test
  void aChangedHostKeyIsRefused() throws IOException {
    Path knownHosts = dir.resolve("wrong_known_hosts");
    Files.writeString(knownHosts, hosts.knownHostsWithWrongKeyFor("h2"));
    Path inv = dir.resolve("wrong-key.yml");
    Files.writeString(inv, Files.readString(inventory).replace(hosts.knownHosts().toString(), knownHosts.toString()));
    Path pb = playbook("key.yml", "- hosts: h2", "  tasks:", "    - ssh: 'true'");
    for (String command : List.of("check", "run")) {
      Cli.Outcome r = Cli.run(command, pb.toString(), "-i", inv.toString(), "-o", "json");
      assertThat(r.code()).as(command).isEqualTo(3);
      assertThat(r.events("host_result").get(0).get("msg").toString()).as(command).containsIgnoringCase("changed").contains("ssh-keygen -R");
    }
  }
}
