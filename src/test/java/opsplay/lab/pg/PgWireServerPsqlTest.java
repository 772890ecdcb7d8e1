package opsplay.lab.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire server through Debian's psql 15, run as a process (skipped without /usr/bin/psql, unless CI=true). */
class PgWireServerPsqlTest {
  private static final Path PSQL = Path.of("/usr/bin/psql");
  private final SampleDatabase db = new SampleDatabase();
  private PgWireServer server;

  /** What psql printed (stdout and stderr together) and its exit code. */
  private record Run(int exit, String output) {}

  @BeforeEach
  void start() throws Exception {
    if (!Files.isExecutable(PSQL)) {
      if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(PSQL + " is missing (CI=true: failing, not skipping)");
      Assumptions.abort(PSQL + " is not installed");
    }
    server = new PgWireServer(new InetSocketAddress("127.0.0.1", 0), () -> db, new Object());
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void aQueryPrintsTheTable() throws Exception {
    Run run = psql("sslmode=disable", "-c", "SELECT * FROM kinds");
    assertThat(run.exit()).isZero();
    assertThat(run.output()).containsPattern("\\|\\s+i8s\\s+\\|").contains("9007199254740993", "héllo wörld", "2024-05-01 10:20:30.123456+00",
        "{1,2,NULL,4}", "\\x00ff10", "(2 rows)");
  }

  @Test
  void anErrorPrintsErrorAndExitsNonZero() throws Exception {
    Run run = psql("sslmode=disable", "-c", "SELECT 1; SELECT broken");
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("?column?", "(1 row)", "ERROR:  column \"broken\" does not exist", "HINT:  check the column name");
  }

  /** psql's default sslmode=prefer asks for TLS first; the server says no and psql goes on in the clear. */
  @Test
  void sessionStatementsAndTagsWithTheDefaultSslMode() throws Exception {
    Run run = psql("", "-c", "SHOW server_version", "-c", "SET CLUSTER SETTING a = b", "-c", "BEGIN", "-c", "");
    assertThat(run.exit()).isZero();
    assertThat(run.output()).contains("server_version", "9.5.0", "BEGIN", "SET CLUSTER SETTING");
    assertThat(db.asked()).extracting(SampleDatabase.Asked::sql).containsExactly("SET CLUSTER SETTING a = b");
  }

  private Run psql(String options, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X",
        "host=127.0.0.1 port=" + server.port() + " user=root dbname=defaultdb connect_timeout=5 " + options));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", "anything");
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("psql ended").isTrue();
    return new Run(p.exitValue(), output);
  }
}
