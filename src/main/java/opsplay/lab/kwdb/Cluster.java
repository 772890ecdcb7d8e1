package opsplay.lab.kwdb;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated KWDB cluster's state and rules: hosts and their processes, nodes and their
 * liveness, ranges and their replicas, zones and settings, and the clock. Programs and the SQL
 * responder read and change it; only {@link #advance} moves time, and with it draining,
 * rebalancing, repairs of dead nodes, joins that were waiting, and deploy.sh's progress loops.
 */
final class Cluster {
  /** When the simulated cluster was initialised (the real kw-status sample's start time). */
  static final Instant EPOCH = Instant.parse("2026-04-29T01:05:28.936728Z");
  static final String CLUSTER_ID = "7b2c9e41-3f0a-4d56-9a1e-5c8d2f6b0e17";
  static final String CA = "kwdb-lab cluster CA";
  /** The file the lab keeps in a store directory in place of the identity a real store holds in its engine files. */
  static final String STORE_IDENT = "lab-store-ident";
  private static final Duration STEP = Duration.ofSeconds(1);

  final boolean secure;
  final boolean singleReplica;
  final KwdbCluster.Rates rates;
  final Map<String, Host> hosts = new LinkedHashMap<>();
  final TreeMap<Integer, Node> nodes = new TreeMap<>();
  final List<Range> ranges = Catalog.ranges();
  final Zones zones;
  final Settings settings = new Settings();
  final Allocator allocator = new Allocator(this);
  private final List<ProgressWriter> writers = new ArrayList<>();
  private Instant now = EPOCH;
  private int lastNodeId;
  private double repairBudget;
  private double rebalanceBudget;
  private long changes;
  private long settled = -1;

  Cluster(KwdbCluster.Options options, List<String> addresses) {
    this.secure = options.secure();
    this.singleReplica = options.singleReplica();
    this.rates = options.rates();
    this.zones = new Zones(singleReplica);
    int total = options.nodes() + options.spare();
    for (int i = 0; i < total; i++) {
      String name = "n" + (i + 1);
      hosts.put(name, new Host(name, addresses.get(i), i + 1, i < options.nodes()));
    }
    hosts.values().stream().filter(h -> h.member).forEach(this::initialMember);
    placeInitialReplicas();
  }

  private void initialMember(Host host) {
    int id = ++lastNodeId;
    // Members joined one after the other during cluster init, a fraction of a second apart.
    Instant started = EPOCH.plusNanos((id - 1) * 164_505_000L);
    String mode = singleReplica ? "start-single-replica" : "start";
    nodes.put(id, new Node(id, host.name, host.address + ":26257", null, mode, started));
    // The initial processes were started by the kaiwudb unit; their paths are never needed again
    // (a restart reads the unit file afresh), so the spec carries none.
    StartSpec spec = new StartSpec(mode, !secure, null, null, "/var/lib/kaiwudb", "0.0.0.0:26257",
        host.address + ":26257", "0.0.0.0:27257", List.of(host.address + ":26257"), null, false);
    host.process = new Host.Process(host.nextPid(), spec, true, id);
    host.unitSince = started;
  }

  /** Each range's replicas on consecutive members, starting one further along for each range. */
  private void placeInitialReplicas() {
    List<Integer> members = new ArrayList<>(nodes.keySet());
    for (Range range : ranges) {
      int want = Allocator.needed(zones.numReplicas(range), members.size());
      for (int k = 0; k < Math.min(want, members.size()); k++) {
        range.replicas.add(members.get((range.id - 1 + k) % members.size()));
      }
      range.leaseholder = range.replicas.get(0);
    }
  }

  Instant now() {
    return now;
  }

  // ---- queries ----

  /** Nodes new replicas may go to: running and not decommissioning. */
  List<Integer> availableNodes() {
    return nodes.values().stream().filter(n -> n.running() && !n.decommissioning).map(n -> n.id).toList();
  }

  /** The authoritative replica count of a node (what decommission reports). */
  int replicas(int node) {
    return (int) ranges.stream().filter(r -> r.on(node)).count();
  }

  int leases(int node) {
    return (int) ranges.stream().filter(r -> r.leaseholder == node).count();
  }

  /** Whether a replica must move off its node: the node is decommissioning, or dead and repair applies. */
  boolean leaving(Range range, int node) {
    Node n = nodes.get(node);
    boolean deadRepair = range.kind != Range.Kind.TIME_SERIES || settings.enabled(Settings.TS_DEAD_REBALANCE);
    return n.decommissioning || (deadRepair && n.dead(now, settings.timeUntilStoreDead()));
  }

  /** Whether rebalancing applies to the range: always, except time-series data while the setting is off. */
  boolean rebalances(Range range) {
    return range.kind != Range.Kind.TIME_SERIES || settings.enabled(Settings.TS_REBALANCE);
  }

  /** Replicas on running nodes. */
  long live(Range range) {
    return range.replicas.stream().filter(r -> nodes.get(r).running()).count();
  }

  boolean unavailable(Range range) {
    return live(range) < range.replicas.size() / 2 + 1;
  }

  boolean underReplicated(Range range) {
    return live(range) < Allocator.needed(zones.numReplicas(range), availableNodes().size());
  }

  /** The host at {@code host:port} that accepts connections there, or null (connection refused). */
  Host listening(String hostPort, Host self) {
    int colon = hostPort.lastIndexOf(':');
    String ip = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port = colon < 0 || colon == hostPort.length() - 1 ? 26257 : Integer.parseInt(hostPort.substring(colon + 1));
    Host target = switch (ip) {
      case "", "localhost", "127.0.0.1", "0.0.0.0" -> self;
      default -> hosts.values().stream().filter(h -> h.address.equals(ip)).findFirst().orElse(null);
    };
    return target != null && target.running() && target.process.spec().port() == port ? target : null;
  }

  /** The node a running host serves, or null (not running, or waiting to join). */
  Node nodeOf(Host host) {
    return host.running() && host.process.nodeId() > 0 ? nodes.get(host.process.nodeId()) : null;
  }

  // ---- lifecycle ----

  /** What became of a start. */
  enum Started { NEW_NODE, RESTARTED, WAITING, ALREADY_RUNNING }

  /**
   * Starts kwbase on a host. A store that already belongs to a node restarts that node; otherwise
   * the process joins as a new node if one of its {@code --join} addresses is a live member it can
   * talk to (same start mode, same security, same CA), or waits for one.
   */
  Started start(Host host, StartSpec spec, boolean viaUnit) {
    if (host.running()) {
      return Started.ALREADY_RUNNING;
    }
    changed();
    host.process = new Host.Process(host.nextPid(), spec, viaUnit, 0);
    if (viaUnit) {
      host.unitSince = now;
      host.unitFailed = false;
    }
    Integer stored = storedNode(spec.store());
    if (stored != null && nodes.containsKey(stored)) {
      nodes.get(stored).restart(now);
      host.process = host.process.joined(stored);
      placeLeases();
      return Started.RESTARTED;
    }
    return tryJoin(host) ? Started.NEW_NODE : Started.WAITING;
  }

  private boolean tryJoin(Host host) {
    StartSpec spec = host.process.spec();
    boolean compatible = spec.mode().equals(singleReplica ? "start-single-replica" : "start") && spec.insecure() != secure
        && (!secure || CA.equals(Certificates.issuer(Sandbox.read(spec.certsDir().resolve("ca.crt")))));
    boolean reachable = spec.join().stream().map(j -> listening(j, host)).anyMatch(t -> t != null && nodeOf(t) != null);
    if (!compatible || !reachable) {
      return false;
    }
    changed();
    int id = ++lastNodeId;
    String ip = spec.advertisedHost() == null ? host.address : spec.advertisedHost();
    nodes.put(id, new Node(id, host.name, ip + ":" + spec.port(), spec.locality(), spec.mode(), now));
    host.process = host.process.joined(id);
    Sandbox.write(spec.store().resolve(STORE_IDENT), ident(id));
    return true;
  }

  static String ident(int node) {
    return "cluster_id=" + CLUSTER_ID + "\nnode_id=" + node + "\n";
  }

  private static Integer storedNode(Path store) {
    String text = store == null ? null : Sandbox.read(store.resolve(STORE_IDENT));
    if (text == null || !text.contains(CLUSTER_ID)) {
      return null;
    }
    return Integer.valueOf(text.replaceAll("(?s).*node_id=(\\d+).*", "$1"));
  }

  /**
   * Starts a host's service as it last ran, the way {@code systemctl start kaiwudb} sent over ssh
   * by another host's deploy.sh does (the lab cannot read that host's files from here).
   */
  void restartService(Host host) {
    Host.Process last = host.lastProcess;
    if (host.running() || last == null || !last.viaUnit()) {
      return;
    }
    changed();
    host.process = new Host.Process(host.nextPid(), last.spec(), true, last.nodeId());
    host.unitSince = now;
    host.unitFailed = false;
    if (last.nodeId() > 0) {
      nodes.get(last.nodeId()).restart(now);
      placeLeases();
    }
  }

  /** The process ends; {@code graceful}: drained first (systemctl stop, kwbase quit) rather than killed. */
  void stop(Host host, boolean graceful) {
    Host.Process p = host.process;
    if (p == null) {
      return;
    }
    changed();
    host.process = null;
    host.lastProcess = p;
    if (p.viaUnit()) {
      host.unitSince = now;
    }
    if (p.nodeId() > 0) {
      nodes.get(p.nodeId()).stop(now, graceful, replicas(p.nodeId()));
      placeLeases();
    }
  }

  /** Marks nodes decommissioning (they shed leases at once, replicas over time). */
  void decommission(List<Integer> ids, boolean decommissioning) {
    changed();
    ids.stream().map(nodes::get).forEach(n -> n.decommissioning = decommissioning);
    placeLeases();
  }

  /** Starts deploy.sh's background loop that reports a node's replica count into a file. */
  void watchDecommission(Host host, int node, Path file) {
    ProgressWriter writer = new ProgressWriter(this, host, node, file, now);
    writers.add(writer);
    writer.tick(now);
  }

  void placeLeases() {
    ranges.forEach(this::placeLease);
  }

  /** Keeps the lease on a replica whose node runs and is neither draining nor decommissioning. */
  void placeLease(Range range) {
    List<Integer> eligible = range.replicas.stream().map(nodes::get)
        .filter(n -> n.running() && !n.draining && !n.decommissioning).map(n -> n.id).toList();
    if (eligible.contains(range.leaseholder)) {
      return;
    }
    List<Integer> fallback = eligible.isEmpty()
        ? range.replicas.stream().filter(r -> nodes.get(r).running()).toList() : eligible;
    range.leaseholder = fallback.stream().min(Comparator.comparing(this::leases).thenComparing(n -> n)).orElse(0);
  }

  // ---- time ----

  /** Moves the clock on in steps of at most a second, letting each step's work happen. */
  void advance(Duration elapsed) {
    Instant end = now.plus(elapsed);
    while (now.isBefore(end)) {
      Duration step = Duration.between(now, end).compareTo(STEP) < 0 ? Duration.between(now, end) : STEP;
      Instant before = now;
      now = now.plus(step);
      hosts.values().stream().filter(h -> h.running() && h.process.nodeId() == 0).forEach(this::tryJoin);
      if (settled != fingerprint() || storeDied(before)) {
        moveReplicas(step.toNanos() / 1e9);
      }
      writers.forEach(w -> w.tick(now));
      writers.removeIf(ProgressWriter::finished);
    }
  }

  private void moveReplicas(double seconds) {
    boolean repairIdle = false;
    repairBudget += seconds * rates.repairPerSecond();
    while (repairBudget >= 1 && !repairIdle) {
      repairIdle = !allocator.repair();
      repairBudget = repairIdle ? 0 : repairBudget - 1;
    }
    boolean rebalanceIdle = false;
    rebalanceBudget += seconds * rates.rebalancePerSecond();
    while (rebalanceBudget >= 1 && !rebalanceIdle) {
      rebalanceIdle = !allocator.rebalance();
      rebalanceBudget = rebalanceIdle ? 0 : rebalanceBudget - 1;
    }
    // Both queues found nothing to do: until something changes, they will find nothing again.
    settled = repairIdle && rebalanceIdle ? fingerprint() : -1;
  }

  /** Whether a stopped node's store turned dead in (before, now], which gives the allocator new work. */
  private boolean storeDied(Instant before) {
    Duration dead = settings.timeUntilStoreDead();
    return nodes.values().stream().anyMatch(n -> !n.running() && n.dead(now, dead) && !n.dead(before, dead));
  }

  /** Counts the changes that can give the replicate queue work: processes, flags, replicas, zones, settings. */
  void changed() {
    changes++;
  }

  private long fingerprint() {
    return changes * 1_000_003L + zones.changes() * 1_009L + settings.changes();
  }
}
