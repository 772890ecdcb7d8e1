package opsplay.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A database session of one host, opened on first use and reused for the whole run; closed by
 * the Runner at the end. Used by one task at a time (tasks of a host never run in parallel).
 */
public interface SqlSession extends AutoCloseable {
  /**
   * Runs the statements in one transaction (all or nothing), each with its bind parameters, and
   * returns the last statement's result. {@code readOnly} runs them in a READ ONLY transaction.
   * {@code timeout} (null: none) bounds each statement. A database error (syntax, constraint,
   * timeout, read-only violation) is an {@link ActionException} whose message gives the SQLSTATE,
   * the server's message and where in the statement; a connection that cannot be made or broke
   * is a {@link ConnectionException}.
   */
  Rows run(List<Statement> statements, boolean readOnly, Duration timeout) throws ActionException, ConnectionException;

  @Override
  void close();

  /** One statement with its parameters already bound to JDBC positions ({@code ?}). */
  record Statement(String sql, List<Object> params) {
    public Statement {
      params = List.copyOf(params);
    }
  }

  /** What a statement returned: column names, rows as maps (in column order), and the update count. */
  record Rows(List<String> columns, List<Map<String, Object>> rows, long rowcount) {}

  /**
   * Where and as whom to connect. {@code password} is a reference ({@code env:NAME} or
   * {@code file:PATH}) or null, resolved only when connecting.
   */
  record Target(String url, String user, String password) {}

  /** Makes sessions; must not connect until the first {@link SqlSession#run}. */
  interface Factory {
    SqlSession open(Target target);

    /** The secret values a target's password reference stands for, so that they can be masked. */
    default List<String> secrets(Target target) {
      return List.of();
    }
  }
}
