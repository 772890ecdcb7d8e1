package opsplay.connect;

import opsplay.core.Connection;
import opsplay.core.ConnectionException;

/**
 * A host whose connection settings cannot work: every call fails with the same message, so the
 * host is reported unreachable with the reason rather than stopping the whole run.
 */
final class RefusedConnection implements Connection {
  private final String reason;

  RefusedConnection(String reason) {
    this.reason = reason;
  }

  @Override
  public void connect() throws ConnectionException {
    throw new ConnectionException(reason);
  }

  @Override
  public ExecResult exec(String command, ExecOptions options) throws ConnectionException {
    throw new ConnectionException(reason);
  }

  @Override
  public void upload(byte[] content, String remotePath, int mode) throws ConnectionException {
    throw new ConnectionException(reason);
  }

  @Override
  public byte[] download(String remotePath) throws ConnectionException {
    throw new ConnectionException(reason);
  }

  @Override
  public void close() {}
}
