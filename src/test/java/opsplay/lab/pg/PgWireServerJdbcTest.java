package opsplay.lab.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import opsplay.lab.pg.SampleDatabase.Asked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;

/** The wire server through pgjdbc 42.7: queries, parameters, every column type in text and binary, errors, transactions. */
class PgWireServerJdbcTest {
  private final SampleDatabase db = new SampleDatabase();
  private PgWireServer server;

  @BeforeEach
  void start() throws Exception {
    server = new PgWireServer(new InetSocketAddress("127.0.0.1", 0), () -> db, new Object());
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Connection connect(String options) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/defaultdb?sslmode=disable" + options,
        "root", "anything");
  }

  @Test
  void selectOne() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1L);
      assertThat(rs.getObject(1)).isEqualTo(1L);
      assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("int8");
      assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("?column?");
      assertThat(rs.next()).isFalse();
    }
    assertThat(db.asked()).containsExactly(new Asked("SELECT 1", List.of()));
  }

  /** Seven runs: pgjdbc prepares the statement on the server from the fifth, and sends int4/int8/numeric/float8/uuid/bytea in binary. */
  @Test
  void preparedStatementParametersArriveAsText() throws Exception {
    UUID id = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    List<String> expected = Arrays.asList("42", "héllo", "true", null, "-5", "-1.50", "2.5", id.toString(), "\\x0102");
    try (Connection c = connect("")) {
      for (int run = 0; run < 7; run++) {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?")) {
          ps.setInt(1, 42);
          ps.setString(2, "héllo");
          ps.setBoolean(3, true);
          ps.setNull(4, Types.NULL);
          ps.setLong(5, -5);
          ps.setBigDecimal(6, new BigDecimal("-1.50"));
          ps.setDouble(7, 2.5);
          ps.setObject(8, id);
          ps.setBytes(9, new byte[] {1, 2});
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            for (int k = 1; k <= expected.size(); k++) assertThat(rs.getString(k)).as("run %d column %d", run, k).isEqualTo(expected.get(k - 1));
          }
        }
      }
    }
    assertThat(db.asked()).hasSize(7).allSatisfy(a -> {
      assertThat(a.sql()).isEqualTo("SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9");
      assertThat(a.params()).isEqualTo(expected);
    });
  }

  @Test
  void unspecifiedStringsNullsAndArraysAsOpsplaySendsThem() throws Exception {
    try (Connection c = connect("&stringtype=unspecified"); PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?")) {
      ps.setObject(1, "x");
      ps.setNull(2, Types.NULL);
      ps.setArray(3, c.createArrayOf("int8", new Object[] {1L, 2L}));
      ps.setObject(4, "{\"a\": 1}", Types.OTHER);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThat(db.asked().get(0).params()).containsExactly("x", null, "{\"1\",\"2\"}", "{\"a\": 1}");
  }

  /** Six runs of one query: the first five in text, the sixth (a server-prepared statement) with binary columns. */
  @Test
  void everyTypeReadsBackInTextAndInBinary() throws Exception {
    try (Wiretap tap = new Wiretap(server.port());
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + tap.port() + "/defaultdb?sslmode=disable", "root", "")) {
      for (int run = 0; run < 6; run++) {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM kinds"); ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          checkKinds(rs);
          assertThat(rs.next()).isTrue();
          for (int k = 1; k <= SampleDatabase.KIND_COLUMNS.size(); k++) assertThat(rs.getObject(k)).as("column %d", k).isNull();
          assertThat(rs.next()).isFalse();
        }
      }
      assertThat(tap.said()).as("pgjdbc asked for binary columns").anyMatch(m -> m.startsWith("Bind") && m.matches(".*results\\[\\d*1\\d*\\]"));
    }
  }

  /**
   * prepareThreshold=-1 makes pgjdbc describe each statement in a round trip of its own before
   * binding it, then ask binary for every column it can. The server runs such a statement (it
   * has no parameters) when describing it; pgjdbc's own type lookups have parameters and are answered from the catalog.
   */
  @Test
  void forcedBinaryTransfersWorkForStatementsWithoutParameters() throws Exception {
    try (Connection c = connect("&prepareThreshold=-1"); Statement s = c.createStatement()) {
      for (int run = 0; run < 2; run++) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM kinds")) {
          assertThat(rs.next()).isTrue();
          checkKinds(rs);
        }
      }
    }
    assertThat(db.asked()).extracting(Asked::sql).containsExactly("SELECT * FROM kinds", "SELECT * FROM kinds");
  }

  private static void checkKinds(ResultSet rs) throws Exception {
    assertThat(rs.getObject(1)).isEqualTo("héllo wörld");
    assertThat(rs.getString(2)).isEqualTo("abc");
    assertThat(rs.getObject(3)).isEqualTo(9007199254740993L);
    assertThat(rs.getLong(3)).isEqualTo(9007199254740993L);
    assertThat(rs.getObject(4)).isEqualTo(-42);
    assertThat(rs.getObject(5)).isEqualTo(7);
    assertThat(rs.getObject(6)).isEqualTo(true);
    assertThat(rs.getBoolean(6)).isTrue();
    assertThat(rs.getObject(7)).isEqualTo(3.25);
    assertThat(rs.getObject(8)).isEqualTo(1.5f);
    assertThat(rs.getObject(9)).isEqualTo(new BigDecimal("-12345.6789"));
    assertThat(rs.getObject(10)).isEqualTo(Timestamp.from(Instant.parse("2024-05-01T10:20:30.123456Z")));
    assertThat(rs.getObject(10, OffsetDateTime.class)).isEqualTo(OffsetDateTime.of(2024, 5, 1, 10, 20, 30, 123_456_000, ZoneOffset.UTC));
    assertThat(rs.getObject(11, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 20, 30));
    assertThat(rs.getObject(12, LocalDate.class)).isEqualTo(LocalDate.of(2024, 5, 1));
    assertThat(rs.getObject(13, LocalTime.class)).isEqualTo(LocalTime.of(10, 20, 30));
    assertThat(rs.getObject(14)).isEqualTo(new PGInterval(0, 0, 1, 2, 3, 4));
    assertThat(((PGobject) rs.getObject(15)).getValue()).isEqualTo("{\"a\": 1}");
    assertThat(((PGobject) rs.getObject(16)).getType()).isEqualTo("jsonb");
    assertThat((byte[]) rs.getObject(17)).containsExactly(0, -1, 16);
    assertThat(rs.getObject(18)).isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    assertThat((Object[]) ((Array) rs.getObject(19)).getArray()).containsExactly(1L, 2L, null, 4L);
    assertThat((Object[]) rs.getArray(20).getArray()).containsExactly("a", "b c", null);
    assertThat(rs.getMetaData().getColumnTypeName(14)).isEqualTo("interval");
    assertThat(rs.getMetaData().getColumnTypeName(18)).isEqualTo("uuid");
    assertThat(rs.getMetaData().getColumnTypeName(19)).isEqualTo("_int8");
  }

  @Test
  void aFailedAnswerIsAnErrorAndTheConnectionGoesOn() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT broken")).isInstanceOfSatisfying(PSQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("42703");
        assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("column \"broken\" does not exist");
        assertThat(e.getServerErrorMessage().getHint()).isEqualTo("check the column name");
        assertThat(e.getServerErrorMessage().getSeverity()).isEqualTo("ERROR");
      });
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT broken WHERE x = ?")) {
        ps.setInt(1, 1);
        assertThatThrownBy(ps::executeQuery).hasMessageContaining("column \"broken\" does not exist");
      }
      assertThat(c.isValid(2)).isTrue();
    }
  }

  @Test
  void anErrorInATransactionBlocksItUntilRollback() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> s.execute("SELECT broken")).hasMessageContaining("broken");
      assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOfSatisfying(PSQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
      c.rollback();
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
      c.commit();
    }
  }

  /** What opsplay's JdbcSession does around every sql task: a READ ONLY transaction with a statement timeout. */
  @Test
  void readOnlyTransactionWithLocalStatementTimeout() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET TRANSACTION READ ONLY");
      s.execute("SET LOCAL statement_timeout = 300");
      assertThat(show(s, "statement_timeout")).isEqualTo("300");
      assertThat(show(s, "transaction_read_only")).isEqualTo("on");
      try (ResultSet rs = s.executeQuery("SELECT * FROM kinds")) {
        assertThat(rs.next()).isTrue();
      }
      c.commit();
      assertThat(show(s, "statement_timeout")).isEqualTo("0");
      assertThat(show(s, "transaction_read_only")).isEqualTo("off");
      c.commit();
    }
  }

  @Test
  void aReadOnlyTransactionRefusesWrites() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET TRANSACTION READ ONLY");
      assertThatThrownBy(() -> s.execute("SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = false"))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("25006");
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("cannot execute SET CLUSTER SETTING in a read-only transaction");
          });
      c.rollback();
      assertThatThrownBy(() -> s.execute("SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = false"))
          .as("KWDB changes cluster settings only outside an explicit transaction")
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("25001");
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("SET CLUSTER SETTING cannot be used inside a transaction");
          });
      c.rollback();
      c.setAutoCommit(true);
      assertThat(s.executeUpdate("SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = false")).isZero();
    }
    assertThat(db.asked()).extracting(Asked::sql).containsExactly("SET CLUSTER SETTING kv.allocator.ts_consider_rebalance.enabled = false");
  }

  @Test
  void commandTagsAndUpdateCounts() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
      assertThat(s.execute("ALTER RANGE default CONFIGURE ZONE USING num_replicas = 3")).isFalse();
      assertThat(s.execute("")).isFalse();
      assertThat(s.execute(";")).isFalse();
    }
  }

  @Test
  void aFetchSizeReadsRowsInChunks() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.setFetchSize(3);
      long sum = 0;
      try (ResultSet rs = s.executeQuery("SELECT series(10)")) {
        while (rs.next()) sum += rs.getLong(1);
      }
      assertThat(sum).isEqualTo(55);
      c.commit();
    }
  }

  @Test
  void theSimpleQueryModeRunsSeveralStatementsInOneMessage() throws Exception {
    try (Connection c = connect("&preferQueryMode=simple"); Statement s = c.createStatement()) {
      assertThat(s.execute("SELECT 1; SELECT series(2); INSERT INTO t VALUES (1)")).isTrue();
      assertThat(s.getMoreResults()).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
      assertThat(s.getMoreResults()).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(1);
      try (PreparedStatement ps = c.prepareStatement("SELECT ?, ?")) {
        ps.setInt(1, 7);
        ps.setString(2, "it's");
        // pgjdbc puts the values into the text here; the sample database knows no such statement
        assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(PSQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("42601"));
      }
    }
    assertThat(db.asked()).extracting(Asked::sql).containsExactly("SELECT 1", "SELECT series(2)", "INSERT INTO t VALUES (1)",
        "SELECT ('7'::int4), ('it''s')");
  }

  private static String show(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
