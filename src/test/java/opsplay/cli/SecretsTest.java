package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.testing.Cli;
import opsplay.testing.MinaHost;
import opsplay.testing.PostgresExtension;
import opsplay.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret a run knows — a {@code secrets:} variable, what a {@code no_log} task printed,
 * the SSH password behind {@code ssh_password: env:…} and the database password behind
 * {@code sql_password} — is echoed back by commands, queries, a template and a failing task, and
 * then looked for in every channel: human and JSON output, stderr, --diff and the journal.
 */
@ExtendWith(PostgresExtension.class)
class SecretsTest {
  static final String TOKEN = "tok-7f3e9a";
  static final String NO_LOG = "quiet-51c2d8";
  static final String SSH_PASSWORD = "mina-pw-88e1";

  @TempDir Path dir;
  MinaHost host;

  @BeforeEach
  void start() {
    host = MinaHost.start(dir.resolve("mina"), SSH_PASSWORD);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private Path inventory(PostgresServer postgres) throws IOException {
    Map<String, Object> vars = new LinkedHashMap<>(host.vars());
    StringBuilder yaml = new StringBuilder("all:\n  hosts:\n    m1:\n");
    vars.forEach((k, v) -> yaml.append("      ").append(k).append(": '").append(v).append("'\n"));
    yaml.append("      ssh_password: env:MINA_PW\n")
        .append("      sql_url: '").append(postgres.url("postgres")).append("'\n")
        .append("      sql_user: postgres\n")
        .append("      sql_password: env:PGPASS\n");
    Path p = dir.resolve("inventory.yml");
    Files.writeString(p, yaml.toString());
    return p;
  }

  private Path playbook() throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/app.conf.mustache"), "user = app\ntoken = {{token}}\n");
    Path p = dir.resolve("secrets.yml");
    Files.writeString(p, String.join("\n",
        "- hosts: m1",
        "  secrets: [token]",
        "  tasks:",
        "    - name: echo everything",
        "      ssh: echo token={{token}} ssh={{ssh_copy}} sql={{sql_copy}}",
        "    - name: quiet",
        "      ssh: echo " + NO_LOG,
        "      no_log: true",
        "      check_mode: false",
        "      register: quiet",
        "    - name: reuse quiet",
        "      print: \"{{quiet.stdout}}\"",
        "    - name: query it back",
        "      sql:",
        "        query: SELECT :a AS a, :b AS b",
        "        params: {a: \"{{sql_copy}}\", b: \"{{token}}\"}",
        "        readonly: true",
        "    - name: write the template",
        "      template: {src: app.conf.mustache, dest: " + dir.resolve("app.conf") + "}",
        "    - name: fail loudly",
        "      ssh: echo {{token}} {{ssh_copy}} >&2; exit 3",
        "      ignore_errors: true",
        ""));
    return p;
  }

  @Test
  void noSecretAppearsInAnyChannel(PostgresServer postgres) throws IOException {
    Path inventory = inventory(postgres);
    Path playbook = playbook();
    Map<String, String> env = Map.of("MINA_PW", SSH_PASSWORD, "PGPASS", PostgresServer.PASSWORD);
    List<String> common = List.of("-i", inventory.toString(), "--diff", "-e", "token=" + TOKEN,
        "-e", "ssh_copy=" + SSH_PASSWORD, "-e", "sql_copy=" + PostgresServer.PASSWORD,
        "--journal", dir.resolve("runs").toString());
    List<Cli.Outcome> runs = new ArrayList<>();
    runs.add(Cli.run(env, args("check", playbook, common, "-vv")));
    runs.add(Cli.run(env, args("run", playbook, common, "-vv")));
    Files.delete(dir.resolve("app.conf"));
    runs.add(Cli.run(env, args("run", playbook, common, "-o", "json")));

    for (Cli.Outcome r : runs) {
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("********");
      assertClean("stdout", r.out());
      assertClean("stderr", r.err());
    }
    assertThat(runs.get(2).out()).contains("\"diff\"").contains("token = ********");
    try (Stream<Path> journals = Files.list(dir.resolve("runs"))) {
      for (Path j : journals.toList()) assertClean("journal " + j, Files.readString(j));
    }
  }

  @Test
  void ansiblesPasswordVariableLogsInAndIsMaskedToo() throws IOException {
    StringBuilder ini = new StringBuilder("[mina]\nm1");
    host.vars().forEach((k, v) -> { if (!k.equals("ssh_key")) ini.append(' ').append(k).append('=').append(v); });
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), ini.append(" ansible_password=env:MINA_PW\n").toString());
    Path playbook = Files.writeString(dir.resolve("echo.yml"), "- hosts: m1\n  tasks:\n    - ssh: echo {{ssh_password}}\n");
    Cli.Outcome r = Cli.run(Map.of("MINA_PW", SSH_PASSWORD), "run", playbook.toString(), "-i", inventory.toString(), "-v",
        "--journal", dir.resolve("runs").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("stdout | env:MINA_PW");
    assertClean("stdout", r.out());
  }

  private static String[] args(String command, Path playbook, List<String> common, String... more) {
    List<String> all = new ArrayList<>(List.of(command, playbook.toString()));
    all.addAll(common);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static void assertClean(String channel, String text) {
    for (String secret : List.of(TOKEN, NO_LOG, SSH_PASSWORD, PostgresServer.PASSWORD)) {
      assertThat(text).as(channel + " must not contain " + secret).doesNotContain(secret);
    }
  }
}
