package opsplay.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opsplay.testing.Cli;
import opsplay.testing.MinaHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template and copy over real SSH and SFTP: two embedded MINA servers are two inventory hosts, and
 * a binary bundle travels from one to the other through the controller.
 */
class FileActionsOverSshTest {
  @TempDir static Path dir;
  static MinaHost h1;
  static MinaHost h2;
  static Path inventory;

  @BeforeAll
  static void start() throws IOException {
    h1 = MinaHost.start(dir.resolve("mina1"));
    h2 = MinaHost.start(dir.resolve("mina2"));
    inventory = dir.resolve("inventory.yml");
    Files.writeString(inventory, "all:\n  hosts:\n    h1: " + flow(h1.vars()) + "\n    h2: " + flow(h2.vars()) + "\n");
  }

  @AfterAll
  static void stop() {
    if (h1 != null) h1.close();
    if (h2 != null) h2.close();
  }

  private static String flow(Map<String, Object> vars) {
    StringBuilder out = new StringBuilder("{");
    vars.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": \"").append(v).append('"'));
    return out.append('}').toString();
  }

  @Test
  void aTemplateAndABundleFromAnotherHostArriveOnceAndThenAreUpToDate() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(work.resolve("h2"));
    byte[] bundle = new byte[200_000];
    new Random(7).nextBytes(bundle);
    Files.write(Files.createDirectories(work.resolve("h1")).resolve("kaiwudb_certs.tar.gz"), bundle);
    Path playbook = site(work);

    Cli.Outcome preview = Cli.run("check", playbook.toString(), "-i", inventory.toString(), "-o", "json", "--diff");
    assertThat(preview.code()).as(preview.out() + preview.err()).isZero();
    assertThat(statuses(preview)).containsExactly("changed", "changed");
    assertThat(preview.events("host_result").get(0).get("diff").toString()).contains("+node = h1\n");
    assertThat(preview.events("host_result").get(1).get("diff").toString()).contains("(after: binary, 200000 bytes)");
    assertThat(work.resolve("h1/node.conf")).as("check mode wrote nothing").doesNotExist();
    assertThat(work.resolve("h2/kaiwudb_certs.tar.gz")).doesNotExist();

    Cli.Outcome first = Cli.run("run", playbook.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(statuses(first)).containsExactly("changed", "changed");
    assertThat(Files.readString(work.resolve("h1/node.conf"))).isEqualTo("node = h1\nport = 26257\n");
    assertThat(Files.readAllBytes(work.resolve("h2/kaiwudb_certs.tar.gz"))).isEqualTo(bundle);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("h2/kaiwudb_certs.tar.gz"))))
        .isEqualTo("rw-------");

    Cli.Outcome second = Cli.run("run", playbook.toString(), "-i", inventory.toString(), "-o", "json");
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(statuses(second)).containsExactly("ok", "ok");
    assertThat(second.events("host_result").get(1).get("msg").toString()).contains("is up to date");
  }

  private static Path site(Path work) throws IOException {
    Path pb = Files.createDirectories(dir.resolve("playbooks"));
    Files.writeString(Files.createDirectories(pb.resolve("templates")).resolve("node.conf.mustache"),
        "node = {{inventory_hostname}}\nport = {{port}}\n");
    return Files.writeString(pb.resolve("site.yml"), String.join("\n",
        "- hosts: h1",
        "  vars: {port: 26257}",
        "  tasks:",
        "    - name: config",
        "      template: {src: node.conf.mustache, dest: " + work + "/h1/node.conf, mode: '0640'}",
        "- hosts: h2",
        "  tasks:",
        "    - name: bundle",
        "      copy: {from_host: h1, src: " + work + "/h1/kaiwudb_certs.tar.gz, dest: " + work
            + "/h2/kaiwudb_certs.tar.gz, mode: '0600'}",
        ""));
  }

  private static List<Object> statuses(Cli.Outcome run) {
    return run.events("host_result").stream().map(e -> e.get("status")).toList();
  }
}
