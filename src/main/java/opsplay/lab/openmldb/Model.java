package opsplay.lab.openmldb;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The simulated cluster's state in one place, wired together: hosts and processes, ZooKeeper, the
 * leader name server with its tablet map, table metadata and op engine. {@link #advance} moves
 * time from one due event to the next (process registrations, session expiries, heartbeat
 * timeouts, the name server's 2 s polls), so a long advance costs only the events in it.
 */
final class Model {
  final SimClock clock;
  final Rates rates;
  final Layout layout;
  final ZooKeeper zk = new ZooKeeper();
  final Processes processes;
  final Catalog catalog;
  final TabletMap tablets = new TabletMap();
  final OpEngine engine;
  final NameServer nameServer;

  Model(Layout layout, Rates rates, Instant start, ZoneId zone) {
    this.layout = layout;
    this.rates = rates;
    this.clock = new SimClock(start, zone);
    this.processes = new Processes(zk, rates);
    this.catalog = SampleData.catalog(layout.tablets());
    this.engine = new OpEngine(clock, new OpEngine.Tablets() {
      @Override
      public boolean running(String host) {
        return host != null && processes.running(host, Processes.Kind.TABLET);
      }

      @Override
      public boolean pastHeartbeat(String host, long now) {
        return tablets.offlineSince(host).map(t -> now - t >= rates.heartbeatTimeout().toMillis()).orElse(false);
      }
    });
    TaskChains chains = new TaskChains(catalog, engine, this::eligible);
    this.nameServer = new NameServer(layout, zk, catalog, engine, tablets, chains, clock, rates);
    zk.watch(nameServer);
    layout.tablets().forEach(h -> processes.boot(h, Processes.Kind.TABLET));
    layout.nameServers().forEach(h -> processes.boot(h, Processes.Kind.NAMESERVER));
  }

  /** The host of the name server answering at {@code endpoint}: Status 0 for the leader, else why a request there fails. */
  Status reach(String nameServerEndpoint) {
    Optional<String> host = layout.nameServerHost(nameServerEndpoint)
        .filter(h -> processes.running(h, Processes.Kind.NAMESERVER));
    // brpc's own text when nothing listens (a derived stand-in: the reference does not record it).
    if (host.isEmpty()) return new Status(1004, "[E111]Connection refused");
    if (!host.get().equals(zk.leader())) return new Status(300, "nameserver is not leader");
    return Status.OK;
  }

  void advance(long millis) {
    long target = clock.now() + millis;
    for (long next = nextEvent(); next <= target; next = nextEvent()) {
      clock.set(next);
      fire(next);
    }
    clock.set(target);
  }

  private long nextEvent() {
    long now = clock.now();
    long next = processes.nextEvent();
    if (zk.leader() == null) return next;
    next = Math.min(next, nameServer.failover().nextEvent());
    if (catalog.hasUnseen(this::tabletRunning)) next = Math.min(next, tick(now, rates.statusPoll().toMillis()));
    if (engine.waiting()) next = Math.min(next, tick(now, rates.taskPoll().toMillis()));
    return next;
  }

  private void fire(long now) {
    processes.fire(now);
    if (zk.leader() == null) return;
    nameServer.failover().fire(now);
    if (now % rates.statusPoll().toMillis() == 0) catalog.poll(this::tabletRunning);
    if (now % rates.taskPoll().toMillis() == 0) engine.poll(now);
    else engine.pump(now);
  }

  private static long tick(long now, long period) {
    return (now / period + 1) * period;
  }

  boolean tabletRunning(String host) {
    return processes.running(host, Processes.Kind.TABLET);
  }

  private boolean eligible(String host) {
    return host != null && tabletRunning(host) && tablets.healthy(host);
  }
}
