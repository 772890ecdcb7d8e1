package opsplay.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import opsplay.core.ActionException;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Shell;
import opsplay.core.TaskContext;

/**
 * The OpenMLDB driver: runs the name-server client on the task's host, one command per run
 * ({@code bin/openmldb --zk_cluster=… --zk_root_path=… --role=ns_client --interactive=false
 * [--database=DB] --cmd=…}; without {@code --interactive=false} the client repeats the command
 * forever), and reads its answers with {@link NsClientOutput}. Every database is checked before it
 * is named with {@code --database}, because the client silently ignores one that does not exist.
 *
 * <p>Moves: a leader hands its lead on with {@code changeleader T P auto}; the old leader's row is
 * then recovered with {@code recovertable T P OLD}, whose follow-up op re-adds it; then
 * {@code migrate FROM T P TO}. After each command the driver polls {@code showopstatus T P} until
 * every op the command queued has ended: done, or failed (the move fails with the op's details).
 */
final class OpenMldbDriver implements ClusterDriver {
  /** System databases: hidden from showdb, but their tables live on tablets too. */
  static final List<String> SYSTEM_DATABASES = List.of("__INTERNAL_DB", "INFORMATION_SCHEMA", "__PRE_AGG_DB");
  static final Factory FACTORY = new Factory() {
    @Override
    public ClusterDriver open(TaskContext ctx, Function<String, String> setting, Timing timing) throws ActionException {
      String home = setting.apply("openmldb_home");
      String zk = setting.apply("zk_cluster");
      if (home == null || zk == null) {
        throw new ActionException("migrate (openmldb): set openmldb_home and zk_cluster, as host variables or keys of the task"
            + " (missing: " + (home == null ? "openmldb_home" + (zk == null ? ", zk_cluster" : "") : "zk_cluster") + ")");
      }
      String root = setting.apply("zk_root_path");
      return new OpenMldbDriver(ctx, home, zk, root == null ? "/openmldb" : root, timing);
    }

    @Override
    public List<String> settings() {
      return List.of("openmldb_home", "zk_cluster", "zk_root_path");
    }

    @Override
    public Map<String, String> variables() {
      return Map.of("endpoint", "openmldb_endpoint", "database", "openmldb_database");
    }
  };
  /** How long one ns_client run may take (its own RPC timeout is 20 s). */
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final TaskContext ctx;
  private final String client;
  private final Timing timing;

  private OpenMldbDriver(TaskContext ctx, String home, String zk, String root, Timing timing) {
    this.ctx = ctx;
    this.client = Shell.quote(home + "/bin/openmldb") + " " + Shell.quote("--zk_cluster=" + zk) + " "
        + Shell.quote("--zk_root_path=" + root) + " --role=ns_client --interactive=false";
    this.timing = timing;
  }

  @Override
  public Placement placement(Scope scope) throws ActionException, ConnectionException {
    List<Placement.Node> tablets = NsClientOutput.tablets(ns(null, "showtablet"));
    List<Placement.Replica> replicas = new ArrayList<>();
    List<Placement.Operation> unfinished = new ArrayList<>();
    List<String> read = databases(scope);
    for (String db : read) {
      replicas.addAll(NsClientOutput.replicas(db, ns(db, "showtable")));
      NsClientOutput.operations(db, ns(db, "showopstatus")).stream()
          .filter(op -> op.partition() >= 0 && NsClientOutput.unfinished(op)).forEach(unfinished::add);
    }
    return new Placement(tablets, read, replicas, unfinished);
  }

  /** The databases to read: each one checked, since --database is ignored silently for a missing one. */
  private List<String> databases(Scope scope) throws ActionException, ConnectionException {
    List<String> user = NsClientOutput.databases(ns(null, "showdb"));
    List<String> out = new ArrayList<>();
    if (scope.databases() == null) out.addAll(user);
    if (scope.system()) {
      for (String db : SYSTEM_DATABASES) if (NsClientOutput.used(db, ns(null, "use " + db))) out.add(db);
    }
    for (String db : scope.databases() == null ? List.<String>of() : scope.databases()) {
      boolean system = SYSTEM_DATABASES.contains(db);
      if (user.contains(db) || system && NsClientOutput.used(db, ns(null, "use " + db))) {
        out.add(db);
      } else {
        throw new ActionException("database '" + db + "' is not in showdb (" + (user.isEmpty() ? "no databases"
            : "databases: " + String.join(", ", user)) + "); ns_client would silently use the default database instead");
      }
    }
    return out;
  }

  @Override
  public boolean autoFailover() throws ActionException, ConnectionException {
    return NsClientOutput.autoFailover(ns(null, "confget auto_failover"));
  }

  @Override
  public void autoFailover(boolean on) throws ActionException, ConnectionException {
    String command = autoFailoverCommand(on);
    NsClientOutput.expectAccepted(command, ns(null, command));
  }

  @Override
  public String autoFailoverCommand(boolean on) {
    return "confset auto_failover " + on;
  }

  @Override
  public List<String> commands(Move m) {
    List<String> out = new ArrayList<>();
    if (m.changeLeader()) out.add("changeleader " + m.table() + " " + m.pid() + " auto");
    if (m.recover()) out.add("recovertable " + m.table() + " " + m.pid() + " " + m.from());
    out.add("migrate " + m.from() + " " + m.table() + " " + m.pid() + " " + m.to());
    return out;
  }

  @Override
  public void run(Move move, String label) throws ActionException, ConnectionException, InterruptedException {
    for (String command : commands(move)) {
      long before = lastOp(move);
      NsClientOutput.expectAccepted(command, ns(move.database(), command));
      awaitOps(move, before, command, label);
    }
  }

  @Override
  public void await(List<Placement.Operation> operations) throws ActionException, ConnectionException, InterruptedException {
    for (Placement.Operation op : operations) {
      poll(new Placement.Partition(op.database(), op.table(), op.partition()), op.id() - 1, "waiting for " + op, "queued before this task");
    }
  }

  /** The newest op id on the move's partition (0: none), so that the ops a command queues can be told apart. */
  private long lastOp(Move m) throws ActionException, ConnectionException {
    return opsOn(m.partition()).stream().mapToLong(Placement.Operation::id).max().orElse(0);
  }

  private List<Placement.Operation> opsOn(Placement.Partition p) throws ActionException, ConnectionException {
    return NsClientOutput.operations(p.database(), ns(p.database(), "showopstatus " + p.table() + " " + p.partition()));
  }

  /** Waits for the ops {@code command} queued; fails when one failed, or when none shows up. */
  private void awaitOps(Move m, long before, String command, String label)
      throws ActionException, ConnectionException, InterruptedException {
    List<Placement.Operation> ops = poll(m.partition(), before, label, "queued by '" + command + "'");
    if (ops.isEmpty()) {
      throw new ActionException("'" + command + "' was accepted but no op for " + m.partition() + " appeared in showopstatus"
          + " (did the name server leader change?); run the task again to plan from the cluster's state");
    }
    for (Placement.Operation op : ops) {
      if (!op.status().equals("kDone")) {
        throw new ActionException("op " + op.id() + " " + op.type() + " of " + m.partition() + " ended " + op.status()
            + (op.task().isEmpty() ? "" : " at task " + op.task()) + " after '" + command + "', so the move stopped there"
            + " (ns_client --database=" + m.database() + " --cmd='showopstatus " + m.table() + " " + m.pid() + "' shows it);"
            + " run the task again once the cause is fixed: what is done is not repeated");
      }
    }
  }

  /**
   * Polls the partition's ops newer than {@code after} until none is queued or running; returns them.
   * Progress is reported when the running op, its status or its task changes.
   */
  private List<Placement.Operation> poll(Placement.Partition p, long after, String label, String what)
      throws ActionException, ConnectionException, InterruptedException {
    Instant start = ctx.clock().instant();
    String shown = null;
    while (true) {
      List<Placement.Operation> ops = opsOn(p).stream().filter(op -> op.id() > after).toList();
      Placement.Operation running = ops.stream().filter(NsClientOutput::unfinished).reduce((a, b) -> b).orElse(null);
      if (running == null) return ops;
      Duration waited = Duration.between(start, ctx.clock().instant());
      if (waited.compareTo(timing.timeout()) >= 0) {
        throw new ActionException(running + " has not ended after " + WaitUntilAction.human(timing.timeout()) + " (" + what + ")"
            + "; it goes on in the cluster: run the task again later, moves already done are not repeated");
      }
      String now = "op " + running.id() + " " + running.type() + " " + running.status()
          + (running.task().isEmpty() ? "" : " at " + running.task());
      if (!now.equals(shown)) ctx.progress(label + ": " + now + " (" + WaitUntilAction.human(waited) + ")");
      shown = now;
      ctx.sleep(timing.poll());
    }
  }

  /** Runs one ns_client command (with {@code --database} when db is not null) and returns its stdout. */
  private String ns(String db, String command) throws ActionException, ConnectionException {
    String line = client + (db == null ? "" : " " + Shell.quote("--database=" + db)) + " " + Shell.quote("--cmd=" + command);
    Duration limit = ctx.timeout() != null ? ctx.timeout() : COMMAND_TIMEOUT;
    Connection.ExecResult r = ctx.connection().exec(SshAction.wrap(line, ctx), new Connection.ExecOptions(null, limit, Map.of()));
    if (r.timedOut()) throw new ActionException("ns_client '" + command + "' did not finish within " + WaitUntilAction.human(limit));
    if (r.rc() != 0) {
      throw new ActionException("ns_client '" + command + "' exited " + r.rc() + ": " + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
    }
    return r.stdout();
  }
}
