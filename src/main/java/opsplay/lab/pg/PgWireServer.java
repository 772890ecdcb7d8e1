package opsplay.lab.pg;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import opsplay.lab.SqlResponder;

/**
 * A PostgreSQL wire-protocol (v3) server for one simulated database node: pgjdbc and psql connect
 * to it as to KWDB (any user, no password needed, PostgreSQL 9.5.0 as the claimed version), and
 * each statement is answered by {@code responder.get().answer(sql, params)} under {@code lock}.
 * While the supplier gives null the node is down: new connections get FATAL 57P03, open ones end
 * with FATAL 57P01 at their next statement. One thread accepts, one thread serves each connection.
 */
public final class PgWireServer implements AutoCloseable {
  /** What KWDB reports as kwdb_version (kwbase build.Info.Short), for the lab. */
  static final String KWDB_VERSION = "KaiwuDB 3.1.0 (x86_64-linux-gnu, opsplay lab)";
  private final InetSocketAddress bind;
  private final Supplier<SqlResponder> responder;
  private final Object lock;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger processIds = new AtomicInteger(1000);
  private volatile ServerSocket server;
  private volatile boolean closed;

  /**
   * {@code bind} may have port 0 (any free port; see {@link #port}). {@code responder} is asked
   * under {@code lock} for every statement and every new connection; it may return null.
   */
  public PgWireServer(InetSocketAddress bind, Supplier<SqlResponder> responder, Object lock) {
    this.bind = bind;
    this.responder = responder;
    this.lock = lock;
  }

  /** Binds and returns once the port is listening; connections are served from then on. */
  public synchronized void start() throws IOException {
    if (server != null) throw new IllegalStateException("the server is started already");
    if (closed) throw new IllegalStateException("the server is closed");
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(bind, 50);
    server = s;
    Thread acceptor = new Thread(this::accept, "pg-wire-" + s.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port listened on (the real one when {@code bind} asked for port 0). */
  public int port() {
    ServerSocket s = server;
    if (s == null) throw new IllegalStateException("the server is not started");
    return s.getLocalPort();
  }

  /** Stops listening and drops every connection; the connection threads end on their own. Idempotent. */
  @Override
  public void close() {
    closed = true;
    ServerSocket s = server;
    if (s != null) quietly(s);
    for (Socket c : connections) quietly(c);
  }

  private void accept() {
    ServerSocket s = server;
    while (!closed) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        // close() closed the socket, or the listening socket broke: either way accepting is over
        return;
      }
      connections.add(client);
      if (closed) quietly(client);
      Thread t = new Thread(() -> serve(client), "pg-wire-" + s.getLocalPort() + "-" + client.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setTcpNoDelay(true);
      int secret = ThreadLocalRandom.current().nextInt();
      new Session(client, responder, lock, processIds.incrementAndGet(), secret, KWDB_VERSION).serve();
    } catch (IOException e) {
      // the client hung up or close() dropped the connection; there is nobody left to tell
    } finally {
      connections.remove(client);
    }
  }

  private static void quietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing a socket fails only when it is broken already, which is what closing wanted
    }
  }
}
