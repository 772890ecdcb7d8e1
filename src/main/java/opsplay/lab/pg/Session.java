package opsplay.lab.pg;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import opsplay.core.SqlText;
import opsplay.lab.SqlResponder;
import opsplay.lab.SqlResponder.Answer;
import opsplay.lab.SqlResponder.Failed;

/**
 * One client connection, from the startup packet to Terminate: authentication (trust: any user,
 * any password, no password), the simple query protocol, and the extended one with its prepared
 * statements, portals and "after an error, skip to Sync". Runs on its connection's thread.
 */
final class Session {
  private static final short TEXT = 0;
  private final Supplier<SqlResponder> responder;
  private final Object lock;
  private final int processId;
  private final int secret;
  private final String version;
  private final MessageReader in;
  private final MessageWriter out;
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private StatementRunner runner;
  private SessionSettings settings;
  /** Messages read ahead of the one being handled (see {@link #bindAhead}). */
  private final Deque<Frontend> ahead = new ArrayDeque<>();
  /** After an error in the extended protocol, messages up to the next Sync are skipped. */
  private boolean skipping;
  /** A statement that ran when it was described, kept for the Bind it ran for. */
  private Early early;

  /**
   * {@code portal} already ran for {@code bind}, a Bind read ahead in the same batch; or, when
   * {@code bind} is null, for the next Bind of {@code statement}, which has no parameters.
   */
  private record Early(String statement, Frontend.Bind bind, Portal portal) {
    boolean isFor(Frontend.Bind b) {
      return bind == null ? b.statement().equals(statement) && b.values().isEmpty() : b == bind;
    }
  }

  Session(Socket socket, Supplier<SqlResponder> responder, Object lock, int processId, int secret, String version)
      throws IOException {
    this.responder = responder;
    this.lock = lock;
    this.processId = processId;
    this.secret = secret;
    this.version = version;
    this.in = new MessageReader(socket.getInputStream());
    this.out = new MessageWriter(socket.getOutputStream());
  }

  /** Serves the connection until the client leaves, breaks the protocol, or the node stops. */
  void serve() throws IOException {
    try {
      if (startup()) serveMessages();
    } catch (ProtocolException e) {
      fatal("08P01", e.getMessage());
    } catch (StatementRunner.NodeStopped e) {
      fatal("57P01", e.getMessage());
    } catch (RuntimeException e) {
      // a bug in this server: the client hears of it, the lab's other connections go on
      fatal("XX000", "internal error in the lab's PostgreSQL server: " + e);
    }
  }

  private boolean startup() throws IOException, ProtocolException {
    Frontend.First first = in.readFirst();
    while (first instanceof Frontend.EncryptionRequest) {
      out.encryptionRefused();
      out.flush();
      first = in.readFirst();
    }
    // A CancelRequest has nothing to cancel: every statement is answered before the next is read.
    if (!(first instanceof Frontend.Startup startup)) return false;
    if (startup.major() != 3) {
      fatal("0A000", "unsupported frontend protocol " + startup.major() + "." + startup.minor() + ": server supports 3.0 to 3.0");
      return false;
    }
    if (!running()) {
      fatal("57P03", "the database system is not running");
      return false;
    }
    List<String> ignored = startup.parameters().keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
    if (startup.minor() > 0 || !ignored.isEmpty()) out.negotiateProtocolVersion(0, ignored);
    out.authenticationOk();
    String user = startup.parameters().getOrDefault("user", "root");
    settings = new SessionSettings(user, startup.parameters().getOrDefault("database", user), version);
    settings.startup(startup.parameters());
    runner = new StatementRunner(responder, lock, settings);
    for (String[] p : settings.reported()) out.parameterStatus(p[0], p[1]);
    out.backendKeyData(processId, secret);
    out.readyForQuery(runner.status());
    out.flush();
    return true;
  }

  private boolean running() {
    synchronized (lock) {
      return responder.get() != null;
    }
  }

  private void serveMessages() throws IOException, ProtocolException, StatementRunner.NodeStopped {
    while (true) {
      Frontend m = ahead.isEmpty() ? in.read() : ahead.poll();
      if (m == null || m instanceof Frontend.Terminate) return;
      if (m instanceof Frontend.Sync) {
        sync();
      } else if (!skipping) {
        handle(m);
      }
    }
  }

  private void handle(Frontend m) throws IOException, ProtocolException, StatementRunner.NodeStopped {
    Failed failed = null;
    if (m instanceof Frontend.Query q) {
      query(q.sql());
    } else if (m instanceof Frontend.Parse p) {
      failed = parse(p);
    } else if (m instanceof Frontend.Bind b) {
      failed = bind(b);
    } else if (m instanceof Frontend.Describe d) {
      failed = describe(d);
    } else if (m instanceof Frontend.Execute e) {
      failed = execute(e);
    } else if (m instanceof Frontend.Close c) {
      if (c.kind() == 'S') forgetEarly(c.name());
      (c.kind() == 'S' ? statements : portals).remove(c.name());
      out.closeComplete();
    } else if (m instanceof Frontend.Flush) {
      out.flush();
    } else if (m instanceof Frontend.Unsupported u) {
      unsupported(u.type());
    }
    if (failed != null) {
      error(failed);
      skipping = true;
    }
  }

  /** PostgreSQL ignores stray COPY messages (a COPY that failed); a password or function call is out of place. */
  private void unsupported(char type) throws ProtocolException {
    if (type == 'p') throw new ProtocolException("unexpected password message: authentication is already done");
    if (type == 'F') throw new ProtocolException("function calls are not supported");
  }

  /** The statements of a simple Query run in order; the first error ends the rest. */
  private void query(String sql) throws IOException, StatementRunner.NodeStopped {
    forgetEarly("");
    statements.remove("");
    portals.remove("");
    List<String> parts = SqlText.split(sql);
    if (parts.isEmpty()) out.emptyQueryResponse();
    for (String part : parts) {
      Portal portal = new Portal(new Prepared(part, new int[0]), List.of(), new short[] {TEXT});
      Failed failed = portal.runAll(runner, out);
      reportChanges();
      if (failed != null) {
        error(failed);
        break;
      }
    }
    out.readyForQuery(runner.status());
    out.flush();
  }

  private Failed parse(Frontend.Parse p) throws IOException {
    List<String> parts = SqlText.split(p.sql());
    if (parts.size() > 1) return new Failed("42601", "cannot insert multiple commands into a prepared statement", null);
    if (!p.statement().isEmpty() && statements.containsKey(p.statement())) {
      return new Failed("42P05", "prepared statement \"" + p.statement() + "\" already exists", null);
    }
    forgetEarly(p.statement());
    statements.put(p.statement(), Prepared.of(parts.isEmpty() ? "" : parts.get(0), p.types()));
    out.parseComplete();
    return null;
  }

  private Failed bind(Frontend.Bind b) throws IOException {
    Prepared st = statements.get(b.statement());
    if (st == null) return new Failed("26000", "prepared statement \"" + b.statement() + "\" does not exist", null);
    Portal portal = early != null && early.isFor(b) ? early.portal().withResultFormats(b.resultFormats()) : null;
    if (early != null && (portal != null || early.bind() != null)) early = null;
    if (portal == null) {
      List<String> params = new ArrayList<>();
      Failed failed = st.bind(b, params);
      if (failed != null) return failed;
      portal = new Portal(st, params, b.resultFormats());
    }
    portals.put(b.portal(), portal);
    out.bindComplete();
    return null;
  }

  private Failed describe(Frontend.Describe d) throws IOException, ProtocolException, StatementRunner.NodeStopped {
    if (d.kind() == 'S') return describeStatement(d.name());
    Portal portal = portals.get(d.name());
    if (portal == null) return new Failed("34000", "portal \"" + d.name() + "\" does not exist", null);
    Failed failed = portal.describe(runner, out, true);
    reportChanges();
    return failed;
  }

  /**
   * A statement's columns are known only once the responder answers it, and that needs its
   * parameters. So the Bind that follows in the same batch (pgjdbc sends Parse, Describe, Bind,
   * Execute, Sync at once) is read ahead and the statement runs now, for that Bind's portal. A
   * describe-only request (pgjdbc's forced binary mode, getMetaData before executing) runs a
   * statement without parameters now, for its next Bind; one with parameters gets NoData.
   */
  private Failed describeStatement(String name) throws IOException, ProtocolException, StatementRunner.NodeStopped {
    Prepared st = statements.get(name);
    if (st == null) return new Failed("26000", "prepared statement \"" + name + "\" does not exist", null);
    out.parameterDescription(st.describedTypes());
    Frontend.Bind bind = bindAhead(name);
    List<String> params = new ArrayList<>();
    boolean runnable = bind == null ? st.parameterCount() == 0 : st.bind(bind, params) == null;
    if (!runnable) return describeUnbound(st);
    Portal portal = new Portal(st, params, bind == null ? new short[0] : bind.resultFormats());
    Failed failed = portal.describe(runner, out, false);
    reportChanges();
    early = failed == null ? new Early(name, bind, portal) : null;
    return failed;
  }

  /** Describing with parameters still unknown: the columns of a type lookup, NoData for anything else. */
  private Failed describeUnbound(Prepared st) throws IOException, StatementRunner.NodeStopped {
    Answer known = runner.withoutParameters(st.sql(), st.parameterCount());
    if (known == null) {
      out.noData();
      return null;
    }
    return new Portal(st, List.of(), new short[0], known).describe(runner, out, false);
  }

  private void forgetEarly(String statement) {
    if (early != null && early.statement().equals(statement)) early = null;
  }

  /** The next Bind of {@code statement} in this batch (up to Sync or Flush, when the client waits), or null. */
  private Frontend.Bind bindAhead(String statement) throws IOException, ProtocolException {
    for (Frontend m : ahead) {
      if (m instanceof Frontend.Bind b && b.statement().equals(statement)) return b;
      if (endsSearch(m, statement)) return null;
    }
    while (true) {
      Frontend m = in.read();
      if (m == null) return null;
      ahead.add(m);
      if (m instanceof Frontend.Bind b && b.statement().equals(statement)) return b;
      if (endsSearch(m, statement)) return null;
    }
  }

  private static boolean endsSearch(Frontend m, String statement) {
    return m instanceof Frontend.Sync || m instanceof Frontend.Flush || m instanceof Frontend.Query
        || m instanceof Frontend.Terminate || m instanceof Frontend.Unsupported
        || (m instanceof Frontend.Parse p && p.statement().equals(statement))
        || (m instanceof Frontend.Close c && c.kind() == 'S' && c.name().equals(statement));
  }

  private Failed execute(Frontend.Execute e) throws IOException, StatementRunner.NodeStopped {
    Portal portal = portals.get(e.portal());
    if (portal == null) return new Failed("34000", "portal \"" + e.portal() + "\" does not exist", null);
    Failed failed = portal.execute(runner, out, e.maxRows());
    reportChanges();
    return failed;
  }

  /** Portals live until the transaction ends; outside a transaction block that is now. */
  private void sync() throws IOException {
    skipping = false;
    // A Bind read ahead belongs to this batch; if it was skipped after an error, it is gone.
    if (early != null && early.bind() != null) early = null;
    if (runner.status() == 'I') portals.clear();
    out.readyForQuery(runner.status());
    out.flush();
  }

  private void reportChanges() throws IOException {
    for (String[] p : settings.takeChanges()) out.parameterStatus(p[0], p[1]);
  }

  private void error(Failed f) throws IOException {
    runner.failed();
    String state = f.sqlState() == null || f.sqlState().length() != 5 ? "XX000" : f.sqlState().toUpperCase(Locale.ROOT);
    out.errorResponse(new MessageWriter.Report("ERROR", state, f.message(), null, f.hint()));
  }

  /** A FATAL error ends the connection; the client may have gone already, so failing to tell it is fine. */
  private void fatal(String sqlState, String message) {
    try {
      out.errorResponse(new MessageWriter.Report("FATAL", sqlState, message, null, null));
      out.flush();
    } catch (IOException e) {
      // the client is gone; the connection closes either way
    }
  }
}
