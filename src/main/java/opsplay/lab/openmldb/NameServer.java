package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The leader name server: its tablet map, how it reacts to ZooKeeper, and its answers to the
 * mutating requests, each check in the order and with the message of the real one (reference §4).
 * A request that passes its checks queues ops and returns at once; the ops run later.
 */
final class NameServer implements ZooKeeper.Watcher {
  static final String AUTO_FAILOVER = "auto_failover";
  private static final int MAX_CONCURRENCY = 8;
  private static final Status AUTO_FAILOVER_ON = new Status(301, "auto_failover is enabled");

  /** Where new ops go: the engine's queues, started at once when their queue is free. */
  interface Submitter {
    void submit(Op op, long now);
  }

  private final Layout layout;
  private final ZooKeeper zk;
  private final Catalog catalog;
  private final OpEngine engine;
  private final TaskChains chains;
  private final TabletMap tablets;
  private final Failover failover;
  private final SimClock clock;

  NameServer(Layout layout, ZooKeeper zk, Catalog catalog, OpEngine engine, TabletMap tablets, TaskChains chains,
      SimClock clock, Rates rates) {
    this.layout = layout;
    this.zk = zk;
    this.catalog = catalog;
    this.engine = engine;
    this.tablets = tablets;
    this.chains = chains;
    this.clock = clock;
    this.failover = new Failover(catalog, chains, this::submit, zk, tablets, rates);
  }

  /** Most ops spread over queues by {@code pid % concurrency} (default 2, name_server_task_concurrency). */
  static int queue(int pid, int concurrency) {
    return pid % (concurrency > 0 ? concurrency : 2);
  }

  Failover failover() {
    return failover;
  }

  @Override
  public void tabletUp(String host, long now) {
    if (zk.leader() == null) return;
    boolean wasOffline = tablets.offlineSince(host).isPresent();
    tablets.online(host, now);
    failover.tabletUp(host, wasOffline, now);
  }

  @Override
  public void tabletDown(String host, long now) {
    if (zk.leader() == null) return;
    tablets.offline(host, now);
    failover.tabletDown(host, now);
  }

  @Override
  public void leaderChanged(String host, long now) {
    if (host == null) return;
    tablets.reset(zk.tablets(), now);
    engine.newLeader();
    failover.newLeader();
  }

  Status migrate(String db, String srcEndpoint, String name, SortedSet<Long> pids, String desEndpoint) {
    if (zk.autoFailover()) return AUTO_FAILOVER_ON;
    Optional<String> src = healthyTablet(srcEndpoint);
    if (src.isEmpty()) return new Status(318, "src_endpoint does not exist or not healthy");
    Optional<String> des = healthyTablet(desEndpoint);
    if (des.isEmpty()) return new Status(319, "des_endpoint does not exist or not healthy");
    Optional<Table> table = catalog.table(db, name);
    if (table.isEmpty()) return new Status(100, "table does not exist");
    List<Op> ops = new ArrayList<>();
    for (long pid : pids) {
      Status refused = migratable(table.get(), pid, src.get(), des.get());
      if (!refused.ok()) return refused;
    }
    for (long pid : pids) {
      String leader = table.get().partition(pid).flatMap(Partition::aliveLeader).orElseThrow().host();
      PartitionRef ref = new PartitionRef(db, name, (int) pid);
      ops.add(chains.migrate(ref, queue((int) pid, 0), leader, src.get(), des.get()));
    }
    ops.forEach(op -> submit(op, clock.now()));
    return Status.OK;
  }

  // Only alive replicas count; the first failing pid refuses the whole request (reference §4.1).
  private Status migratable(Table table, long pid, String src, String des) {
    String where = " name[" + table.name() + "] pid[" + pid + "]";
    Optional<Partition> p = table.partition(pid);
    Optional<Replica> leader = p.flatMap(Partition::aliveLeader);
    if (leader.isEmpty()) return new Status(320, "leader endpoint is empty." + where);
    if (leader.get().host().equals(src)) return new Status(320, "cannot migrate leader." + where);
    if (!tablets.healthy(leader.get().host())) {
      return new Status(320, "leader[" + layout.tabletEndpoint(leader.get().host()) + "] is offline." + where);
    }
    if (!p.get().on(src).map(Replica::alive).orElse(false)) {
      return new Status(320, "src_endpoint[" + layout.tabletEndpoint(src) + "] has not partition[" + pid + "]. name["
          + table.name() + "]");
    }
    if (p.get().on(des).map(Replica::alive).orElse(false)) {
      return new Status(320, "partition[" + pid + "] is already in des_endpoint[" + layout.tabletEndpoint(des)
          + "]. name[" + table.name() + "]");
    }
    return Status.OK;
  }

  /** {@code candidate}: empty (only for a dead leader), {@code auto}, or a follower's endpoint. */
  Status changeLeader(String db, String name, long pid, String candidate) {
    if (zk.autoFailover()) return AUTO_FAILOVER_ON;
    Optional<Table> table = catalog.table(db, name);
    if (table.isEmpty()) return new Status(100, "table does not exist");
    Optional<Partition> p = table.get().partition(pid);
    if (p.isEmpty()) return new Status(308, "pid does not exist");
    if (p.get().replicas().size() == 1) return new Status(134, "no follower");
    if (candidate.isEmpty() && p.get().aliveLeader().isPresent()) return new Status(309, "leader is alive");
    List<Replica> followers = p.get().replicas().stream().filter(r -> !r.leader() && r.alive()).toList();
    if (followers.isEmpty()) return new Status(310, "no alive follower");
    String chosen = null;
    if (!candidate.isEmpty() && !candidate.equals("auto")) {
      chosen = layout.tabletHost(candidate)
          .filter(h -> tablets.healthy(h) && followers.stream().anyMatch(r -> r.host().equals(h))).orElse(null);
      if (chosen == null) return new Status(305, "create op failed");
    }
    PartitionRef ref = new PartitionRef(db, name, (int) pid);
    submit(chains.changeLeader(ref, queue((int) pid, 0), chosen), clock.now());
    return Status.OK;
  }

  Status recoverTable(String db, String name, long pid, String endpoint) {
    if (zk.autoFailover()) return AUTO_FAILOVER_ON;
    Optional<String> host = layout.tabletHost(endpoint).filter(tablets::known);
    if (host.isEmpty()) return new Status(302, "endpoint does not exist");
    if (!tablets.healthy(host.get())) return new Status(303, "tablet is not healthy");
    Optional<Table> table = catalog.table(db, name);
    if (table.isEmpty()) return new Status(100, "table does not exist");
    Optional<Partition> p = table.get().partition(pid);
    Optional<Replica> replica = p.flatMap(q -> q.on(host.get()));
    if (replica.map(Replica::alive).orElse(false)) return new Status(311, "table is alive, need not recover");
    if (replica.isEmpty()) return new Status(308, "pid does not exist");
    String leader = p.get().aliveLeader().map(Replica::host).orElse(null);
    PartitionRef ref = new PartitionRef(db, name, (int) pid);
    submit(chains.recoverTable(ref, queue((int) pid, 0), host.get(), replica.get().leader(), leader), clock.now());
    return Status.OK;
  }

  /** Does not look at auto_failover; every addreplica op goes to queue 0 (reference §4.4). */
  Status addReplica(String db, String name, SortedSet<Long> pids, String endpoint) {
    Optional<String> host = healthyTablet(endpoint);
    if (host.isEmpty()) return new Status(303, "tablet is not healthy");
    Optional<Table> table = catalog.table(db, name);
    if (table.isEmpty()) return new Status(100, "table does not exist");
    if (pids.last() >= table.get().partitions().size()) return new Status(307, "invalid parameter");
    for (long pid : pids) {
      Partition p = table.get().partition(pid).orElseThrow();
      if (p.on(host.get()).isPresent()) return new Status(317, "pid " + pid + " is exist in " + endpoint);
      if (p.aliveLeader().isEmpty()) return new Status(305, "create op failed");
    }
    List<Op> ops = new ArrayList<>();
    for (long pid : pids) {
      String leader = table.get().partition(pid).flatMap(Partition::aliveLeader).orElseThrow().host();
      ops.add(chains.addReplica(new PartitionRef(db, name, (int) pid), leader, host.get()));
    }
    ops.forEach(op -> submit(op, clock.now()));
    return Status.OK;
  }

  /** Does not look at auto_failover; refuses a stopped tablet and any leader row, even a dead one. */
  Status delReplica(String db, String name, SortedSet<Long> pids, String endpoint) {
    Optional<Table> table = catalog.table(db, name);
    if (table.isEmpty()) return new Status(100, "table does not exist");
    Optional<String> host = healthyTablet(endpoint);
    if (host.isEmpty()) return new Status(303, "tablet is not healthy");
    if (pids.last() >= table.get().partitions().size()) return new Status(307, "max pid is greater than partition size");
    for (long pid : pids) {
      Partition p = table.get().partition(pid).orElseThrow();
      Optional<Replica> replica = p.on(host.get());
      if (replica.isEmpty()) return new Status(308, "pid " + pid + " is not in " + endpoint);
      if (replica.get().leader()) return new Status(102, "can not del leader. pid " + pid + " endpoint " + endpoint);
      if (p.aliveLeader().isEmpty()) return new Status(305, "create op failed");
    }
    List<Op> ops = new ArrayList<>();
    for (long pid : pids) {
      String leader = table.get().partition(pid).flatMap(Partition::aliveLeader).orElseThrow().host();
      ops.add(chains.delReplica(new PartitionRef(db, name, (int) pid), queue((int) pid, 0), leader, host.get()));
    }
    ops.forEach(op -> submit(op, clock.now()));
    return Status.OK;
  }

  /** Meant for a dead tablet; does not check health (reference §4.5). */
  Status offlineEndpoint(String endpoint, int concurrency) {
    if (zk.autoFailover()) return AUTO_FAILOVER_ON;
    if (concurrency > MAX_CONCURRENCY) return new Status(307, "invalid parameter");
    Optional<String> host = layout.tabletHost(endpoint).filter(tablets::known);
    if (host.isEmpty()) return new Status(302, "endpoint does not exist");
    failover.offlineEndpoint(host.get(), concurrency, clock.now());
    return Status.OK;
  }

  Status recoverEndpoint(String endpoint, int concurrency) {
    if (zk.autoFailover()) return AUTO_FAILOVER_ON;
    if (concurrency > MAX_CONCURRENCY) return new Status(307, "invalid parameter");
    Optional<String> host = layout.tabletHost(endpoint).filter(tablets::known);
    if (host.isEmpty()) return new Status(302, "endpoint does not exist");
    if (!tablets.healthy(host.get())) return new Status(303, "tablet is not healthy");
    failover.recoverEndpoint(host.get(), concurrency, clock.now());
    return Status.OK;
  }

  /** The one setting there is; the value is kept in ZooKeeper, so it survives a change of leader. */
  Status confSet(String key, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!key.equals(AUTO_FAILOVER) || !(v.equals("true") || v.equals("false"))) {
      return new Status(307, "invalid parameter");
    }
    zk.autoFailover(v.equals("true"));
    return Status.OK;
  }

  /** All settings for an empty key, the one asked for, or empty for an unknown key. */
  Optional<Map<String, String>> confGet(String key) {
    if (!key.isEmpty() && !key.equals(AUTO_FAILOVER)) return Optional.empty();
    return Optional.of(Map.of(AUTO_FAILOVER, String.valueOf(zk.autoFailover())));
  }

  /** What {@code use} asks: the database exists (system databases too). */
  boolean hasDatabase(String db) {
    return catalog.hasDatabase(db);
  }

  private Optional<String> healthyTablet(String endpoint) {
    return layout.tabletHost(endpoint).filter(tablets::healthy);
  }

  private void submit(Op op, long now) {
    engine.submit(op);
    engine.pump(now);
  }
}
