package opsplay.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import opsplay.connect.Connector;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Diagnostics;
import opsplay.core.Inventory;
import opsplay.load.InventoryParser;

/** Test helpers: the lab's hosts reached the way a run reaches them (its written inventory, the Connector, SSH). */
final class LabHosts {
  private LabHosts() {}

  /** The lab's written inventory, read by the project's own parser. */
  static Inventory inventory(Lab lab) {
    Diagnostics d = new Diagnostics();
    Inventory inv = new InventoryParser(d).parse(List.of(lab.inventory()));
    if (d.hasErrors()) throw new AssertionError("the lab's inventory has errors: " + d.list());
    return inv;
  }

  /** A connection to {@code host} made from the inventory's variables, as a run makes it. */
  static Connection connect(Lab lab, String host, Path home) {
    Map<String, Object> vars = inventory(lab).hosts().get(host).vars();
    return new Connector(Map.of(), home, "nobody").create(host, vars);
  }

  static Connection.ExecResult exec(Connection c, String command) throws ConnectionException {
    return c.exec(command, new Connection.ExecOptions(null, Duration.ofSeconds(20), Map.of()));
  }

  static Connection.ExecResult exec(Connection c, String command, Duration timeout) throws ConnectionException {
    return c.exec(command, new Connection.ExecOptions(null, timeout, Map.of()));
  }

  /**
   * A stand-in for the SQL server, for the lab's tests: listens where the lab says, and per
   * connection writes the first value the responder answers (or closes at once when it gives
   * null). Records where it was asked to listen.
   */
  static final class ProbeSql implements SqlServers {
    final List<InetSocketAddress> binds = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable start(InetSocketAddress bind, Supplier<SqlResponder> responder, Object lock) throws IOException {
      binds.add(bind);
      ServerSocket socket = new ServerSocket();
      socket.bind(bind);
      Thread accept = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            SqlResponder r = responder.get();
            if (r == null) continue;
            SqlResponder.Answer a;
            synchronized (lock) {
              a = r.answer("select 1", List.of());
            }
            String value = ((SqlResponder.Rows) a).rows().get(0).get(0);
            s.getOutputStream().write((value + "\n").getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            // closed
          }
        }
      }, "probe-sql");
      accept.setDaemon(true);
      accept.start();
      return socket;
    }
  }
}
