package opsplay.lab.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import opsplay.connect.JdbcSessions;
import opsplay.core.ConnectionException;
import opsplay.core.SqlSession;
import opsplay.lab.SqlResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/** The wire server's sessions: what pgjdbc says at startup, many connections, a stopped node, opsplay's own session, protocol errors. */
class PgWireServerSessionTest {
  private final SampleDatabase db = new SampleDatabase();
  private final AtomicReference<SqlResponder> node = new AtomicReference<>(db);
  private PgWireServer server;

  @BeforeEach
  void start() throws Exception {
    server = new PgWireServer(new InetSocketAddress("127.0.0.1", 0), node::get, new Object());
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/defaultdb?sslmode=disable";
  }

  @Test
  void pgjdbcStartupChatterIsAnsweredByTheServer() throws Exception {
    try (Wiretap tap = new Wiretap(server.port());
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + tap.port() + "/defaultdb", "root", null);
        Statement s = c.createStatement()) {
      assertThat(tap.said()).startsWith("EncryptionRequest");
      assertThat(tap.said().get(1)).startsWith("Startup user root database defaultdb client_encoding UTF8 DateStyle ISO TimeZone ");
      assertThat(tap.said()).contains("Query SET extra_float_digits = 3", "Query SET application_name = 'PostgreSQL JDBC Driver'");
      Map<String, String> status = c.unwrap(PGConnection.class).getParameterStatuses();
      assertThat(status).containsEntry("server_version", "9.5.0").containsEntry("client_encoding", "UTF8")
          .containsEntry("standard_conforming_strings", "on").containsEntry("integer_datetimes", "on")
          .containsEntry("DateStyle", "ISO").containsEntry("application_name", "PostgreSQL JDBC Driver")
          .containsEntry("session_authorization", "root").containsEntry("kwdb_version", PgWireServer.KWDB_VERSION);
      assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("9.5.0");
      assertThat(show(s, "extra_float_digits")).isEqualTo("3");
      assertThat(show(s, "server_version_num")).isEqualTo("90500");
      assertThat(show(s, "database")).isEqualTo("defaultdb");
      s.execute("SET application_name TO 'opsplay'");
      assertThat(c.unwrap(PGConnection.class).getParameterStatus("application_name")).isEqualTo("opsplay");
      assertThatThrownBy(() -> s.execute("SET server_version = '16'")).hasMessageContaining("cannot be changed");
    }
    assertThat(db.asked()).as("session statements never reach the responder").isEmpty();
  }

  @Test
  void manyStatementsOnOneConnection() throws Exception {
    try (Connection c = DriverManager.getConnection(url(), "root", "x"); Statement s = c.createStatement()) {
      for (int k = 0; k < 200; k++) {
        if (k % 10 == 0) {
          assertThatThrownBy(() -> s.execute("SELECT broken")).isInstanceOf(PSQLException.class);
        } else {
          try (ResultSet rs = s.executeQuery("SELECT series(" + (k % 7) + ")")) {
            int n = 0;
            while (rs.next()) n++;
            assertThat(n).isEqualTo(k % 7);
          }
        }
      }
    }
    assertThat(db.asked()).hasSize(200);
  }

  @Test
  void severalConnectionsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> sums = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        sums.add(pool.submit(() -> {
          long sum = 0;
          try (Connection c = DriverManager.getConnection(url(), "root", ""); Statement s = c.createStatement()) {
            for (int k = 0; k < 25; k++) {
              try (ResultSet rs = s.executeQuery("SELECT series(4)")) {
                while (rs.next()) sum += rs.getLong(1);
              }
            }
          }
          return sum;
        }));
      }
      for (Future<Long> sum : sums) assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(250L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStoppedNodeRefusesNewConnectionsAndEndsOpenOnes() throws Exception {
    try (Connection open = DriverManager.getConnection(url(), "root", "")) {
      node.set(null);
      assertThatThrownBy(() -> DriverManager.getConnection(url(), "root", "")).isInstanceOfSatisfying(PSQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("57P03");
        assertThat(e.getMessage()).contains("the database system is not running");
      });
      assertThatThrownBy(() -> open.createStatement().execute("SELECT 1")).isInstanceOfSatisfying(PSQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
      assertThat(open.isValid(1)).isFalse();
      node.set(db);
      try (Connection again = DriverManager.getConnection(url(), "root", "")) {
        assertThat(again.isValid(1)).isTrue();
      }
    }
  }

  /** opsplay's sql action end to end: its JdbcSession, READ ONLY with a statement timeout, parameters of every kind. */
  @Test
  void opsplaySqlSessionsWork() throws Exception {
    SqlSession.Target target = new SqlSession.Target(url(), "root", null);
    try (SqlSession session = new JdbcSessions(Map.of()).open(target)) {
      SqlSession.Rows kinds = session.run(List.of(new SqlSession.Statement("SELECT * FROM kinds", List.of())), true, Duration.ofMillis(300));
      assertThat(kinds.columns()).isEqualTo(SampleDatabase.KIND_COLUMNS);
      assertThat(kinds.rows().get(0)).containsEntry("i8", 9007199254740993L).containsEntry("b", true)
          .containsEntry("tstz", "2024-05-01T10:20:30.123456Z").containsEntry("iv", "1 days 2 hours 3 mins 4 secs");
      List<Object> params = Arrays.asList(7L, "text", null, List.of(1L, 2L), Map.of("a", 1), true, 2.5);
      SqlSession.Rows echoed = session.run(List.of(new SqlSession.Statement("SELECT ?, ?, ?, ?, ?, ?, ?", params)), false, null);
      assertThat(echoed.rows().get(0).values()).containsExactly("7", "text", null, "{\"1\",\"2\"}", "{\"a\":1}", "true", "2.5");
      assertThatThrownBy(() -> session.run(List.of(new SqlSession.Statement("SET CLUSTER SETTING x = 1", List.of())), true, null))
          .isInstanceOfSatisfying(SqlSession.Refused.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
      node.set(null);
      assertThatThrownBy(() -> session.run(List.of(new SqlSession.Statement("SELECT 1", List.of())), true, null))
          .isInstanceOf(ConnectionException.class);
    }
  }

  @Test
  void aProtocolErrorIs08P01AndTheConnectionCloses() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] params = "user\0root\0database\0defaultdb\0\0".getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(196608);
      out.write(params);
      out.flush();
      while (readMessage(in)[0] != 'Z') {
        // authentication, parameters and the backend key come first
      }
      out.write('y');
      out.writeInt(4);
      out.flush();
      byte[] error = readMessage(in);
      assertThat((char) error[0]).isEqualTo('E');
      assertThat(new String(error, StandardCharsets.UTF_8)).contains("SFATAL").contains("C08P01").contains("invalid frontend message type");
      assertThatThrownBy(() -> readMessage(in)).isInstanceOf(EOFException.class);
    }
  }

  /** One backend message: its type byte followed by its body. */
  private static byte[] readMessage(DataInputStream in) throws IOException {
    byte type = in.readByte();
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    byte[] out = new byte[body.length + 1];
    out[0] = type;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static String show(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
