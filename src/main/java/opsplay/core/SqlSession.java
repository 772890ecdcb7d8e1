package opsplay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A database session of one host, opened on first use and reused for the whole run; closed by
 * the Runner at the end. Used by one task at a time (tasks of a host never run in parallel).
 */
public interface SqlSession extends AutoCloseable {
  /**
   * Logs in now unless logged in already; runs nothing. A task whose statements would change
   * something calls it while planning, so that a preview reports a database it cannot reach (or a
   * refused password) as the run would.
   */
  void connect() throws ConnectionException;

  /**
   * Runs the statements in one transaction (all or nothing), each with its bind parameters, and
   * returns the last statement's result. {@code readOnly} runs them in a READ ONLY transaction.
   * {@code timeout} (null: none) bounds each statement. A statement the database refuses
   * (syntax, constraint, timeout, read-only violation) is a {@link Refused} saying which statement,
   * the SQLSTATE, the server's message and where in the statement; a connection that cannot be
   * made or broke is a {@link ConnectionException}.
   */
  Rows run(List<Statement> statements, boolean readOnly, Duration timeout) throws Refused, ConnectionException;

  @Override
  void close();

  /** One statement with its parameters already bound to JDBC positions ({@code ?}); a parameter may be null. */
  record Statement(String sql, List<Object> params) {
    public Statement {
      params = Collections.unmodifiableList(new ArrayList<>(params));
    }
  }

  /** What a statement returned: column names, rows as maps (in column order), and the update count. */
  record Rows(List<String> columns, List<Map<String, Object>> rows, long rowcount) {}

  /**
   * Where and as whom to connect. {@code password} is a reference ({@code env:NAME} or
   * {@code file:PATH}) or null, resolved only when connecting.
   */
  record Target(String url, String user, String password) {}

  /**
   * The database refused a statement; nothing of the transaction was kept. {@code statement} is
   * its index in the list given to {@link #run} (-1: the transaction itself, such as its commit);
   * {@code position} is the 1-based character in that statement's sql the server pointed at (0:
   * none). The caller knows the text the user wrote, so it places the caret; the message gives the
   * rest, for example {@code ERROR 42601 syntax error at or near "SELEC" (at character 1)}.
   */
  final class Refused extends Exception {
    private final int statement;
    private final String sqlState;
    private final String reason;
    private final int position;
    private final String detail;
    private final String hint;

    public Refused(int statement, String sqlState, String reason, int position, String detail, String hint) {
      super("ERROR " + sqlState + " " + reason + (position > 0 ? " (at character " + position + ")" : ""));
      this.statement = statement;
      this.sqlState = sqlState;
      this.reason = reason;
      this.position = position;
      this.detail = detail;
      this.hint = hint;
    }

    public int statement() {
      return statement;
    }

    public String sqlState() {
      return sqlState;
    }

    /** The server's message, such as {@code syntax error at or near "SELEC"}. */
    public String reason() {
      return reason;
    }

    public int position() {
      return position;
    }

    /** The server's DETAIL, or null. */
    public String detail() {
      return detail;
    }

    /** The server's HINT, or null. */
    public String hint() {
      return hint;
    }
  }

  /** Makes sessions; must not connect until the first {@link SqlSession#run}. */
  interface Factory {
    SqlSession open(Target target);

    /** The secret values a target's password reference stands for, so that they can be masked. */
    default List<String> secrets(Target target) {
      return List.of();
    }
  }
}
