package opsplay.lab;

import java.util.List;

/**
 * What a simulated database answers to one SQL statement (the lab's PostgreSQL wire server asks,
 * one statement at a time, under the same lock as the programs). Parameters arrive as text, as
 * the PostgreSQL protocol sends them ({@code null} for SQL NULL).
 */
public interface SqlResponder {
  Answer answer(String sql, List<String> params);

  /** A statement's outcome. */
  sealed interface Answer permits Rows, Done, Failed {}

  /**
   * A result set. {@code types} are PostgreSQL type names per column ({@code text}, {@code int8},
   * {@code int4}, {@code bool}, {@code float8}, {@code numeric}, {@code timestamptz}); values are
   * their text forms (or null).
   */
  record Rows(List<String> columns, List<String> types, List<List<String>> rows) implements Answer {}

  /** A statement without rows; {@code tag} is the command tag ({@code SET CLUSTER SETTING}, {@code CONFIGURE ZONE 1}). */
  record Done(String tag) implements Answer {}

  /** An error as PostgreSQL reports it: SQLSTATE, message, and optionally a hint. */
  record Failed(String sqlState, String message, String hint) implements Answer {}
}
