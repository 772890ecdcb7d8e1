package opsplay.connect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import opsplay.core.ConnectionException;
import opsplay.core.SqlSession;
import opsplay.core.SqlText;
import opsplay.json.Json;
import org.postgresql.Driver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one class that touches JDBC: a PostgreSQL session through pgjdbc, connected on the first
 * {@link #run} and kept for the run (reconnected on the next run if it broke). Values come back
 * as plain data: String, Long, Double, BigDecimal, Boolean, null, ISO date strings and lists.
 */
public final class JdbcSession implements SqlSession {
  static final String PASSWORD_VARIABLE = "sql_password";
  private static final String PREFIX = "jdbc:postgresql:";
  private static final int CONNECT_SECONDS = 10;
  private static final Rows NOTHING = new Rows(List.of(), List.of(), 0);
  private final Target target;
  private final Map<String, String> env;
  private final Path home;
  private Connection connection;

  JdbcSession(Target target, Map<String, String> env, Path home) {
    this.target = target;
    this.env = env;
    this.home = home;
  }

  /** Caller's thread; blocks up to the connect timeout. */
  @Override
  public synchronized void connect() throws ConnectionException {
    connected();
  }

  /** Caller's thread; blocks while the statements run. Rolls back on any error. */
  @Override
  public synchronized Rows run(List<Statement> statements, boolean readOnly, Duration timeout)
      throws Refused, ConnectionException {
    Connection c = connected();
    if (statements.size() == 1 && !readOnly) return alone(c, statements.get(0), timeout);
    int current = -1;
    try {
      begin(c, readOnly, timeout);
      Rows last = NOTHING;
      for (current = 0; current < statements.size(); current++) last = execute(c, statements.get(current));
      current = -1;
      c.commit();
      return last;
    } catch (SQLException e) {
      if (lost(c, e)) {
        forget();
        throw new ConnectionException("lost the connection to " + where() + ": " + e.getMessage(), e);
      }
      rollback(c);
      throw refused(e, current, current >= 0 ? statements.get(current) : null);
    }
  }

  /**
   * One statement that may write runs in its own implicit transaction (autocommit), as psql runs
   * it: some statements refuse an explicit transaction (KWDB's SET CLUSTER SETTING, CREATE
   * DATABASE, VACUUM). Its timeout is the session's statement_timeout, reset afterwards.
   */
  private Rows alone(Connection c, Statement st, Duration timeout) throws Refused, ConnectionException {
    try {
      c.setAutoCommit(true);
      try (java.sql.Statement s = c.createStatement()) {
        if (timeout != null) s.execute("SET statement_timeout = " + Math.max(1, timeout.toMillis()));
        try {
          return execute(c, st);
        } finally {
          if (timeout != null) s.execute("RESET statement_timeout");
        }
      } finally {
        c.setAutoCommit(false);
      }
    } catch (SQLException e) {
      if (lost(c, e)) {
        forget();
        throw new ConnectionException("lost the connection to " + where() + ": " + e.getMessage(), e);
      }
      throw refused(e, 0, st);
    }
  }

  /**
   * Both settings are statements the server enforces, whatever the URL says. The timeout is the
   * server's statement_timeout rather than setQueryTimeout, which counts whole seconds and cancels
   * from a driver timer thread; SET LOCAL ends with the transaction.
   */
  private static void begin(Connection c, boolean readOnly, Duration timeout) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      if (readOnly) s.execute("SET TRANSACTION READ ONLY");
      if (timeout != null) s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
    }
  }

  /** Without parameters a plain statement, so that a {@code ?} (a jsonb operator) is not taken for one. */
  private static Rows execute(Connection c, Statement st) throws SQLException {
    if (st.params().isEmpty()) {
      try (java.sql.Statement s = c.createStatement()) {
        return results(s, s.execute(st.sql()));
      }
    }
    try (PreparedStatement ps = c.prepareStatement(st.sql())) {
      for (int i = 0; i < st.params().size(); i++) bind(c, ps, i + 1, st.params().get(i));
      return results(ps, ps.execute());
    }
  }

  /** The last result of a statement (a string may hold several). */
  private static Rows results(java.sql.Statement s, boolean hasRows) throws SQLException {
    Rows last = NOTHING;
    while (true) {
      if (hasRows) {
        try (ResultSet rs = s.getResultSet()) {
          last = rows(rs);
        }
      } else {
        long count = s.getLargeUpdateCount();
        if (count == -1) return last;
        last = new Rows(List.of(), List.of(), count);
      }
      hasRows = s.getMoreResults();
    }
  }

  private static Rows rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= columns.size(); i++) row.put(columns.get(i - 1), value(rs, md, i));
      rows.add(Collections.unmodifiableMap(row));
    }
    return new Rows(List.copyOf(columns), List.copyOf(rows), rows.size());
  }

  private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
    Object o = rs.getObject(i);
    if (o == null) return null;
    return switch (md.getColumnTypeName(i)) {
      case "date" -> rs.getObject(i, LocalDate.class).toString();
      case "timestamp" -> rs.getObject(i, LocalDateTime.class).toString();
      case "timestamptz" -> rs.getObject(i, OffsetDateTime.class).toString();
      case "time" -> rs.getObject(i, LocalTime.class).toString();
      case "timetz" -> rs.getObject(i, OffsetTime.class).toString();
      default -> plain(o);
    };
  }

  private static Object plain(Object o) throws SQLException {
    if (o == null || o instanceof String || o instanceof Boolean || o instanceof Long || o instanceof Double
        || o instanceof BigDecimal) {
      return o;
    }
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) return ((Number) o).longValue();
    if (o instanceof Float f) return f.doubleValue();
    if (o instanceof BigInteger b) return new BigDecimal(b);
    if (o instanceof java.sql.Array a) return plain(a.getArray());
    if (o instanceof byte[] b) return "\\x" + HexFormat.of().formatHex(b);
    if (o.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int k = 0; k < java.lang.reflect.Array.getLength(o); k++) items.add(plain(java.lang.reflect.Array.get(o, k)));
      return Collections.unmodifiableList(items);
    }
    if (o instanceof java.sql.Date d) return d.toLocalDate().toString();
    if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
    if (o instanceof java.sql.Time t) return t.toLocalTime().toString();
    return o.toString();
  }

  /** Strings go as "unknown" (stringtype=unspecified), so the server types them from where they are used. */
  private static void bind(Connection c, PreparedStatement ps, int index, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.NULL);
    } else if (v instanceof List<?> list) {
      ps.setArray(index, c.createArrayOf(arrayType(list), list.stream().map(JdbcSession::element).toArray()));
    } else if (v instanceof Map<?, ?>) {
      ps.setObject(index, new Json().write(v), Types.OTHER);
    } else {
      ps.setObject(index, v);
    }
  }

  private static String arrayType(List<?> list) {
    List<?> items = list.stream().filter(java.util.Objects::nonNull).toList();
    if (!items.isEmpty() && items.stream().allMatch(x -> x instanceof Long || x instanceof Integer)) return "int8";
    if (!items.isEmpty() && items.stream().allMatch(x -> x instanceof Double || x instanceof Float)) return "float8";
    if (!items.isEmpty() && items.stream().allMatch(x -> x instanceof BigDecimal)) return "numeric";
    if (!items.isEmpty() && items.stream().allMatch(x -> x instanceof Boolean)) return "bool";
    return "text";
  }

  private static Object element(Object x) {
    if (x == null || x instanceof Number || x instanceof Boolean) return x;
    return x instanceof String s ? s : new Json().write(x);
  }

  private Refused refused(SQLException e, int index, Statement st) {
    String state = e.getSQLState() == null ? "XX000" : e.getSQLState();
    ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (m == null) return new Refused(index, state, e.getMessage(), 0, null, null);
    int position = st == null || m.getPosition() <= 0 ? 0 : position(st, m.getPosition());
    return new Refused(index, state, m.getMessage(), position, m.getDetail(), m.getHint());
  }

  /**
   * The server counts characters in what pgjdbc sent, where the k-th {@code ?} became {@code $k};
   * this maps that back to the statement as given.
   */
  private static int position(Statement st, int sent) {
    if (st.params().isEmpty()) return sent;
    List<SqlText.Edit> edits = new ArrayList<>();
    List<Integer> marks = SqlText.placeholders(st.sql());
    for (int k = 0; k < marks.size(); k++) edits.add(new SqlText.Edit(marks.get(k), 1, 1 + String.valueOf(k + 1).length()));
    return SqlText.original(sent - 1, edits) + 1;
  }

  private Connection connected() throws ConnectionException {
    if (connection != null) return connection;
    if (!target.url().startsWith(PREFIX)) {
      throw new ConnectionException("'" + shownUrl() + "' is not a PostgreSQL JDBC URL: write it as"
          + " jdbc:postgresql://HOST:PORT/DATABASE");
    }
    Properties p = new Properties();
    if (target.user() != null) p.setProperty("user", target.user());
    if (target.password() != null) p.setProperty("password", password());
    p.setProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
    p.setProperty("ApplicationName", "opsplay");
    p.setProperty("stringtype", "unspecified");
    try {
      Connection c = new Driver().connect(target.url(), p);
      if (c == null) throw new ConnectionException("the PostgreSQL driver does not accept '" + shownUrl() + "'");
      c.setAutoCommit(false);
      connection = c;
      return c;
    } catch (SQLException e) {
      throw new ConnectionException("cannot connect to " + where() + ": " + why(e), e);
    }
  }

  private String password() throws ConnectionException {
    try {
      return PasswordReference.parse(PASSWORD_VARIABLE, target.password(), env, home).read();
    } catch (IllegalArgumentException e) {
      throw new ConnectionException(e.getMessage());
    }
  }

  /** The cause in plain words, with what to check. */
  private String why(SQLException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root instanceof ConnectException) {
      return "connection refused, nothing is listening there (is PostgreSQL running, and are the host and port right?)";
    }
    if (root instanceof UnknownHostException) return "unknown host " + root.getMessage() + " (check the host name in the URL)";
    if (root instanceof SocketTimeoutException) return "no answer within " + CONNECT_SECONDS + "s (is a firewall in the way?)";
    String state = String.valueOf(e.getSQLState());
    String server = e instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getMessage() : e.getMessage();
    return switch (state) {
      case "28P01" -> "the password was not accepted for user " + target.user() + " (check " + PASSWORD_VARIABLE
          + " and what it refers to)";
      case "28000" -> "the server does not let this user in: " + server + " (check the user and pg_hba.conf)";
      case "3D000" -> server + " (check the database in the URL or database:)";
      case "53300" -> "the server has no free connections: " + server;
      default -> target.password() == null && server.contains("password")
          ? "the server asks for a password and none is set (set " + PASSWORD_VARIABLE + ": env:NAME or file:PATH)"
          : server;
    };
  }

  private static boolean lost(Connection c, SQLException e) {
    String state = String.valueOf(e.getSQLState());
    if (state.startsWith("08") || state.startsWith("57P")) return true;
    try {
      return c.isClosed();
    } catch (SQLException closed) {
      return true;
    }
  }

  private void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      forget();
    }
  }

  private void forget() {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException e) {
      // the connection is broken already; there is nothing else to release
    }
    connection = null;
  }

  private String where() {
    return shownUrl() + (target.user() == null ? "" : " as " + target.user());
  }

  /** The URL as shown: a password given as a URL parameter is masked. */
  private String shownUrl() {
    return target.url().replaceAll("(?i)([?&]password=)[^&]*", "$1********");
  }

  @Override
  public synchronized void close() {
    forget();
  }
}
