package opsplay.exec;

import java.time.Clock;
import java.util.Map;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Host;
import opsplay.core.Inventory;

/** What every task of one run shares: the inventory, open connections and sessions, pauses, time and state. */
record Shared(Inventory inventory, Connections connections, SqlSessions databases, Pauses pauses, Clock clock,
    RunState state, boolean diff) implements AutoCloseable {

  /** The passwords a host's connection and database settings stand for. */
  java.util.List<String> secrets(Map<String, Object> vars) {
    java.util.List<String> out = new java.util.ArrayList<>(connections.secrets(vars));
    Object url = vars.get("sql_url");
    if (url != null) {
      Object user = vars.get("sql_user");
      Object password = vars.get("sql_password");
      out.addAll(databases.secrets(new opsplay.core.SqlSession.Target(String.valueOf(url),
          user == null ? null : String.valueOf(user), password == null ? null : String.valueOf(password))));
    }
    return out;
  }

  /** The connection to an inventory host by name, made with its inventory variables. */
  Connection connectionTo(String name) throws ConnectionException {
    Host host = inventory.hosts().get(name);
    if (host == null) throw new ConnectionException("no host named '" + name + "' in the inventory");
    return connections.get(name, host.vars());
  }

  /** Connection settings of a host as the run uses them: its variables, with the play's connection. */
  Connection connection(String name, Map<String, Object> vars) {
    return connections.get(name, vars);
  }

  @Override
  public void close() {
    connections.close();
    databases.close();
  }
}
