package opsplay.core;

/** The host could not be reached or the session broke: the Runner marks the host unreachable. */
public final class ConnectionException extends Exception {
  public ConnectionException(String message) {
    super(message);
  }

  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
