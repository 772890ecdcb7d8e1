package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.testing.Cli;
import opsplay.testing.PlaybookCase;
import opsplay.testing.PostgresExtension;
import opsplay.testing.PostgresServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sql action (and wait-until's sql probe) as data, against a real PostgreSQL: each playbook in
 * cases/sql says in comments what the run must do ({@link PlaybookCase}'s directives) and runs
 * through the CLI on connection: local hosts of cases/sql/inventory.yml, whose PG_URL and
 * CLOSED_PORT are filled in here. The passwords are given as the product reads them, through the
 * environment, and must never appear in any output.
 */
@ExtendWith(PostgresExtension.class)
class SqlCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases/sql");
  /** What badpass's sql_password refers to: a password the server does not accept. */
  static final String WRONG_PASSWORD = "wrong-secret-71";

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.filter(p -> p.toString().endsWith(".yml") && !p.endsWith("inventory.yml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runs(Path playbook, @TempDir Path workdir, PostgresServer pg) throws IOException {
    PlaybookCase c = PlaybookCase.read(playbook);
    Path inventory = workdir.resolve("inventory.yml");
    Files.writeString(inventory, Files.readString(CASES.resolve("inventory.yml"))
        .replace("PG_URL", pg.url("postgres")).replace("CLOSED_PORT", String.valueOf(closedPort())));
    List<String> args = new ArrayList<>(List.of("run", playbook.toString(), "-i", inventory.toString(), "-o", "json",
        "-e", "workdir=" + workdir));
    args.addAll(c.args());
    Cli.Outcome run = Cli.run(Map.of("PGPASS", PostgresServer.PASSWORD, "WRONGPASS", WRONG_PASSWORD),
        args.toArray(String[]::new));

    c.check(run, workdir);
    assertThat(run.out() + run.err()).as("no password in any output").doesNotContain(PostgresServer.PASSWORD)
        .doesNotContain(WRONG_PASSWORD);
  }

  /** A port nothing listens on: one the system just handed out and that was closed again. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
