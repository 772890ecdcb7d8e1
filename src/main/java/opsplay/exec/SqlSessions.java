package opsplay.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opsplay.core.SqlSession;

/** One database session per host, URL and user for the whole run; closed when the run ends. */
final class SqlSessions implements AutoCloseable {
  private record Key(String host, String url, String user) {}

  private final SqlSession.Factory factory;
  private final Map<Key, SqlSession> open = new ConcurrentHashMap<>();

  SqlSessions(SqlSession.Factory factory) {
    this.factory = factory;
  }

  SqlSession get(String host, SqlSession.Target target) {
    return open.computeIfAbsent(new Key(host, target.url(), target.user()), k -> factory.open(target));
  }

  /** The values the target's password reference stands for, to be masked from then on. */
  java.util.List<String> secrets(SqlSession.Target target) {
    return factory.secrets(target);
  }

  @Override
  public void close() {
    open.values().forEach(SqlSession::close);
    open.clear();
  }
}
