package opsplay.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opsplay.core.Connection;

/**
 * One connection per host for the whole run: made on first use, reused by every later task,
 * closed when the run ends.
 */
final class Connections implements AutoCloseable {
  /**
   * Makes a connection for a host from its variables. Must be cheap and must not block: the
   * connection logs in on its first use, so many hosts connect in parallel on the worker threads.
   */
  interface Factory {
    Connection create(String host, Map<String, Object> vars);
  }

  private final Factory factory;
  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  Connections(Factory factory) {
    this.factory = factory;
  }

  Connection get(String host, Map<String, Object> vars) {
    return open.computeIfAbsent(host, h -> factory.create(h, vars));
  }

  @Override
  public void close() {
    open.values().parallelStream().forEach(Connection::close);
    open.clear();
  }
}
