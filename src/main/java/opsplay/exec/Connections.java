package opsplay.exec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opsplay.core.Connection;

/**
 * One connection per host for the whole run: made on first use, reused by every later task,
 * closed when the run ends.
 */
final class Connections implements AutoCloseable {
  private final Connection.Factory factory;
  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  Connections(Connection.Factory factory) {
    this.factory = factory;
  }

  Connection get(String host, Map<String, Object> vars) {
    return open.computeIfAbsent(host, h -> factory.create(h, vars));
  }

  List<String> secrets(Map<String, Object> vars) {
    return factory.secrets(vars);
  }

  @Override
  public void close() {
    open.values().parallelStream().forEach(Connection::close);
    open.clear();
  }
}
