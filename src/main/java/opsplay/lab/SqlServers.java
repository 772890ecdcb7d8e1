package opsplay.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Starts the SQL server of a lab host: the PostgreSQL wire protocol on the host's address and SQL
 * port, answering with what {@code responder} gives, under {@code lock}. When the supplier gives
 * null (the database is not running) the server refuses new connections.
 */
public interface SqlServers {
  /** Binds and listens; returns once connections are accepted. The result stops it. */
  AutoCloseable start(InetSocketAddress bind, Supplier<SqlResponder> responder, Object lock) throws IOException;

  /** The PostgreSQL wire server that ships with opsplay. */
  static SqlServers wire() {
    return (bind, responder, lock) -> {
      opsplay.lab.pg.PgWireServer server = new opsplay.lab.pg.PgWireServer(bind, responder, lock);
      server.start();
      return server::close;
    };
  }

  /** No SQL: hosts with a SQL port get none (until the wire server is part of the build). */
  SqlServers NONE = (bind, responder, lock) -> () -> { };
}
