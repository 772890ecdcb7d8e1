package opsplay.core;

import java.time.Duration;
import java.util.Map;

/**
 * A session to one host. Opened lazily on first use, reused for every task of the run, closed
 * by the Runner at the end. Safe to call from several threads (tasks of one host never run in
 * parallel, but loops and delegation may share it).
 */
public interface Connection extends AutoCloseable {
  /**
   * Logs in now unless logged in already; runs nothing. An action whose plan would change the
   * host calls it, so that a preview reports an unreachable host (or a changed host key, or a
   * refused login) as the run would, not as "would change".
   */
  void connect() throws ConnectionException;

  /**
   * Runs a shell command line and waits for it. A non-zero exit is an ordinary result; a
   * {@link ConnectionException} means the host is unreachable or the session broke.
   */
  ExecResult exec(String command, ExecOptions options) throws ConnectionException;

  /** Writes a file on the host (SFTP for SSH). */
  void upload(byte[] content, String remotePath, int mode) throws ConnectionException;

  /** Reads a file from the host. */
  byte[] download(String remotePath) throws ConnectionException;

  @Override
  void close();

  /**
   * Makes the connection for one host from its variables (canonical names: address, ssh_port,
   * ssh_user, ssh_key, ssh_password, connection, ssh_known_hosts, ssh_host_key_checking, …).
   * Must be cheap and must not block: a connection logs in on its first use, so many hosts
   * connect in parallel on the Runner's worker threads.
   */
  interface Factory {
    Connection create(String host, Map<String, Object> vars);

    /**
     * The secret values the host's connection settings stand for (a password behind
     * {@code ssh_password: env:NAME}), so that the run masks them in everything it shows.
     */
    default java.util.List<String> secrets(Map<String, Object> vars) {
      return java.util.List.of();
    }
  }

  /** What a command printed and how it exited; {@code timedOut} when it was stopped at the timeout. */
  record ExecResult(int rc, String stdout, String stderr, boolean timedOut) {
    public ExecResult(int rc, String stdout, String stderr) {
      this(rc, stdout, stderr, false);
    }
  }

  /** stdin (may be null), a timeout (null: none) and environment variables to set. */
  record ExecOptions(String stdin, Duration timeout, Map<String, String> environment) {
    public static final ExecOptions NONE = new ExecOptions(null, null, Map.of());

    public ExecOptions {
      environment = environment == null ? Map.of() : environment;
    }
  }
}
