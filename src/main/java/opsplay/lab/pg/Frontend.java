package opsplay.lab.pg;

import java.util.List;
import java.util.Map;

/** A message from the client, decoded by {@link MessageReader}. */
sealed interface Frontend {
  /** The first packet: a startup message, or a request to encrypt or cancel instead. */
  sealed interface First {}

  /** Protocol version and the session parameters (user, database, options, …). */
  record Startup(int major, int minor, Map<String, String> parameters) implements First {}

  /** SSLRequest or GSSENCRequest: the server answers 'N' and the client goes on unencrypted. */
  record EncryptionRequest(String kind) implements First {}

  record CancelRequest(int processId, int secret) implements First {}

  /** 'Q': one or more statements separated by semicolons, run with the simple protocol. */
  record Query(String sql) implements Frontend {}

  /** 'P': {@code types} are the OIDs the client gives for the first parameters (0: let the server decide). */
  record Parse(String statement, String sql, int[] types) implements Frontend {}

  /** 'B': a null value is SQL NULL; a format applies to all parameters/columns when only one is given. */
  record Bind(String portal, String statement, short[] parameterFormats, List<byte[]> values, short[] resultFormats)
      implements Frontend {}

  /** 'D': {@code kind} is 'S' (a prepared statement) or 'P' (a portal). */
  record Describe(char kind, String name) implements Frontend {}

  /** 'E': {@code maxRows} 0 means all rows. */
  record Execute(String portal, int maxRows) implements Frontend {}

  /** 'C': {@code kind} is 'S' or 'P'. */
  record Close(char kind, String name) implements Frontend {}

  record Sync() implements Frontend {}

  record Flush() implements Frontend {}

  record Terminate() implements Frontend {}

  /** 'p' outside authentication, or 'F' (function call), or a COPY message: answered with a protocol error. */
  record Unsupported(char type) implements Frontend {}
}
