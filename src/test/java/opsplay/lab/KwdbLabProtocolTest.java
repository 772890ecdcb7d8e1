package opsplay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated KWDB node answers the real clients over the PostgreSQL protocol: the PostgreSQL JDBC
 * driver and Debian's psql query a node of a running kwdb lab, and get the model's answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KwdbLabProtocolTest {
  private Lab lab;
  private LabHost n1;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    lab = Lab.prepare(new LabSettings("kwdb", 3, 1, false, false, 1), dir.resolve("labs"), ClusterKinds.builtIn(),
        SqlServers.wire(), "stop: {dir}");
    lab.start();
    n1 = lab.layout().hosts().get(0);
  }

  @AfterAll
  void stop() {
    if (lab != null) lab.close();
  }

  private String url() {
    return "jdbc:postgresql://" + n1.address() + ":" + n1.sqlPort() + "/defaultdb?sslmode=disable";
  }

  @Test
  void theJdbcDriverGetsTheHealthCheckAndASetting() throws SQLException {
    try (Connection c = DriverManager.getConnection(url(), "root", "");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT sum((metrics->>'ranges.unavailable')::DECIMAL)::INT AS ranges_unavailable,"
          + " sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT As ranges_underreplicated"
          + " FROM kwdb_internal.kv_store_status")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("ranges_unavailable")).isZero();
        assertThat(rs.getLong("ranges_underreplicated")).isZero();
      }
      s.execute("SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = false");
      try (ResultSet rs = s.executeQuery("SHOW CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isFalse();
      }
    }
  }

  @Test
  void psqlPrintsTheLiveNodes() throws Exception {
    Path psql = Path.of("/usr/bin/psql");
    if (!Files.isExecutable(psql)) {
      if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("psql is missing (CI=true: failing, not skipping)");
      Assumptions.abort("psql is not installed");
    }
    Process p = new ProcessBuilder(List.of(psql.toString(),
        "host=" + n1.address() + " port=" + n1.sqlPort() + " user=root dbname=defaultdb sslmode=disable",
        "-c", "SELECT node_id, decommissioning FROM kwdb_internal.gossip_liveness ORDER BY node_id"))
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("node_id").contains("decommissioning").contains("(3 rows)");
  }

  @Test
  void anUnsupportedStatementGetsAPostgresStyleError() throws SQLException {
    try (Connection c = DriverManager.getConnection(url(), "root", "");
         Statement s = c.createStatement()) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM orders"));
      assertThat(e.getSQLState()).isEqualTo("0A000");
      assertThat(e.getMessage()).contains("the lab does not support this statement");
    }
  }
}
