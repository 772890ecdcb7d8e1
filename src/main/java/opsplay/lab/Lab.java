package opsplay.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A simulated cluster on loopback: each host a real SSH endpoint with its own sandbox, the
 * cluster's programs answered through shims, SQL over the PostgreSQL wire protocol, and a clock.
 *
 * <p>Two steps: {@link #prepare} decides the layout and writes the keys and the inventory
 * (nothing listens yet, so {@code lint} can read the inventory); {@link #start} starts the servers.
 * {@link #close} stops everything and removes the lab's folder. The cluster model is only ever
 * touched under one lock, by the shims' runs, the SQL server, the clock and {@link #inspect}.
 */
public final class Lab implements AutoCloseable {
  private final LabSettings settings;
  private final LabCluster cluster;
  private final LabLayout layout;
  private final Map<String, KeyPair> hostKeys;
  private final KeyPair clientKey;
  private final SqlServers sql;
  private final Object lock = new Object();
  private final Faults faults = new Faults();
  private final Map<String, SshEndpoint> endpoints = new ConcurrentHashMap<>();
  private final List<AutoCloseable> running = new ArrayList<>(); // stopped in reverse order by close()
  private ExecutorService threads;
  private LabClock clock;
  private Instant started;

  private Lab(LabSettings settings, LabCluster cluster, LabLayout layout, Map<String, KeyPair> hostKeys, KeyPair clientKey,
      SqlServers sql) {
    this.settings = settings;
    this.cluster = cluster;
    this.layout = layout;
    this.hostKeys = Map.copyOf(hostKeys);
    this.clientKey = clientKey;
    this.sql = sql;
  }

  /**
   * Builds the cluster model, makes the lab's folder under {@code labsDir}, picks addresses and
   * ports, and writes the client key, known_hosts and the inventory. {@code stopHint} goes into
   * the inventory's header (how to stop this lab; {@code {dir}} stands for the lab's folder). Throws IllegalArgumentException for settings
   * the model refuses.
   */
  public static Lab prepare(LabSettings settings, Path labsDir, ClusterKinds kinds, SqlServers sql, String stopHint)
      throws IOException {
    LabLayout.Planned planned = LabLayout.plan(settings, kinds, labsDir);
    LabCluster cluster = planned.cluster();
    LabLayout layout = planned.layout();
    try {
      Map<String, KeyPair> hostKeys = new LinkedHashMap<>();
      StringBuilder knownHosts = new StringBuilder();
      for (LabHost host : layout.hosts()) {
        KeyPair key = LabKeys.generate();
        hostKeys.put(host.name(), key);
        knownHosts.append("[").append(host.address()).append("]:").append(host.sshPort()).append(' ')
            .append(LabKeys.publicKeyText(key.getPublic())).append('\n');
      }
      KeyPair client = LabKeys.generate();
      LabKeys.writeClientKey(client, layout.clientKey());
      Files.writeString(layout.knownHosts(), knownHosts);
      Lab lab = new Lab(settings, cluster, layout, hostKeys, client, sql);
      Files.writeString(layout.inventory(), new LabInventory().text(layout, lab.header(stopHint), user()));
      return lab;
    } catch (IOException | RuntimeException e) {
      LabFolder.remove(layout.dir());
      throw e;
    }
  }

  private List<String> header(String stopHint) {
    return List.of("opsplay lab " + layout.id() + ": " + settings.kind() + ", " + settings.nodes() + " nodes + "
            + settings.spare() + " spare" + (settings.secure() ? ", secure" : "") + (settings.singleReplica() ? ", single-replica" : "")
            + ", speed " + settings.speed(),
        "written " + Instant.now() + " by process " + ProcessHandle.current().pid() + " (hosts on " + LabLayout.PREFIX
            + layout.number() + ".*)",
        stopHint.replace("{dir}", layout.dir().toString()));
  }

  static String user() {
    return System.getProperty("user.name");
  }

  /** Starts the gate, the sandboxes, the SSH and SQL servers and the clock; returns when all listen. */
  public synchronized void start() throws IOException {
    if (started != null) throw new IllegalStateException("lab " + layout.id() + " is already started");
    started = Instant.now();
    threads = Executors.newCachedThreadPool(daemon(layout.id()));
    running.add(threads::shutdownNow);
    try {
      Map<String, Program> programs;
      synchronized (lock) {
        programs = Map.copyOf(cluster.programs());
      }
      Map<String, Path> sandboxes = new LinkedHashMap<>();
      layout.hosts().forEach(h -> sandboxes.put(h.name(), h.sandbox()));
      Gate gate = new Gate(call -> run(programs, call), sandboxes, threads);
      running.add(gate);
      gate.start();
      for (LabHost host : layout.hosts()) startHost(host, programs.keySet(), gate.port());
      clock = new LabClock(cluster, lock, settings.speed(), "opsplay-lab-clock-" + layout.id());
      running.add(clock);
      clock.start();
      LabFolder.writeRecord(this);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startHost(LabHost host, Iterable<String> programs, int gatePort) throws IOException {
    Map<String, String> files;
    synchronized (lock) {
      files = Map.copyOf(cluster.files(host.name()));
    }
    Sandbox.seed(host, files, programs, gatePort);
    SshEndpoint ssh = new SshEndpoint(new SshEndpoint.Settings(host.name(), new InetSocketAddress(host.address(), host.sshPort()),
        hostKeys.get(host.name()), clientKey.getPublic(), host.sandbox(), environment(host, gatePort),
        () -> faults.delayMillis(host.name()), threads));
    endpoints.put(host.name(), ssh);
    running.add(ssh);
    ssh.start();
    if (host.sqlPort() > 0) {
      running.add(sql.start(new InetSocketAddress(host.address(), host.sqlPort()), () -> answering(host.name()), lock));
    }
  }

  /** What the host answers over SQL now, or null while it is down or its database is stopped. */
  private SqlResponder answering(String host) {
    synchronized (lock) {
      return !faults.down(host) && cluster.running(host) ? cluster.sql(host) : null;
    }
  }

  private Map<String, String> environment(LabHost host, int gatePort) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", host.sandbox().resolve(Sandbox.BIN) + ":/usr/bin:/bin");
    env.put("HOME", host.sandbox().toString());
    env.put("SHELL", "/bin/sh");
    env.put("TMPDIR", host.sandbox().resolve("tmp").toString());
    env.put("LANG", "C.UTF-8");
    env.put("OPSPLAY_LAB", layout.id());
    env.put("OPSPLAY_LAB_HOST", host.name());
    env.put("OPSPLAY_LAB_SANDBOX", host.sandbox().toString());
    env.put("OPSPLAY_LAB_GATE", "127.0.0.1:" + gatePort);
    return env;
  }

  /** One run of a simulated program, as a shim asked for it: the faults first, then the model under the lock. */
  private Output run(Map<String, Program> programs, Invocation call) throws InterruptedException {
    Thread.sleep(faults.delayMillis(call.host()));
    String failure = faults.takeFailure(call.host(), call.program(), call.args());
    if (failure != null) return new Output(1, "", failure.endsWith("\n") ? failure : failure + "\n");
    Program program = programs.get(call.program());
    if (program == null) return new Output(127, "", call.program() + ": this lab does not simulate it\n");
    try {
      synchronized (lock) {
        return program.run(call);
      }
    } catch (RuntimeException e) {
      return new Output(70, "", "opsplay lab: the simulated " + call.program() + " failed: " + e + "\n");
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String id) {
    return r -> {
      Thread t = new Thread(r, "opsplay-lab-" + id);
      t.setDaemon(true);
      return t;
    };
  }

  public String id() {
    return layout.id();
  }

  public LabSettings settings() {
    return settings;
  }

  public LabLayout layout() {
    return layout;
  }

  public Path inventory() {
    return layout.inventory();
  }

  /** When {@link #start} was called, or null before. */
  public synchronized Instant started() {
    return started;
  }

  /** Reads or changes the model under the lab's lock (tests look at the cluster's state this way). */
  public <T> T inspect(Function<LabCluster, T> look) {
    synchronized (lock) {
      return look.apply(cluster);
    }
  }

  /** The first exception the model threw while its time moved on, or null. */
  public RuntimeException clockFailure() {
    return clock == null ? null : clock.failure();
  }

  /** Fault: the host goes away. Its SSH port refuses connections, open sessions drop, the model is told. */
  public void stopHost(String host) {
    SshEndpoint ssh = endpoint(host);
    faults.down(host, true);
    ssh.stop();
    synchronized (lock) {
      cluster.hostDown(host);
    }
  }

  /** The host is back: the model is told, its SSH port listens again (its database stays stopped). */
  public void startHost(String host) throws IOException {
    SshEndpoint ssh = endpoint(host);
    synchronized (lock) {
      cluster.hostUp(host);
    }
    ssh.start();
    faults.down(host, false);
  }

  /** Fault: every command and program run on {@code host} is held {@code delay} before it starts (zero: no more). */
  public void slowHost(String host, Duration delay) {
    endpoint(host);
    faults.slow(host, delay);
  }

  /** Fault: the next run of {@code program} (as installed, e.g. {@code PATH/systemctl}) on {@code host} exits 1 printing {@code message} on stderr. */
  public void failNextRun(String host, String program, String message) {
    failNextRun(host, program, List.of(), message);
  }

  /**
   * Fault: the next run of {@code program} on {@code host} whose arguments start with {@code args}
   * (e.g. {@code List.of("join")} for {@code deploy.sh join …}) exits 1 printing {@code message} on
   * stderr; other runs of the program go on as usual.
   */
  public void failNextRun(String host, String program, List<String> args, String message) {
    endpoint(host);
    faults.failNext(host, program, args, message);
  }

  private synchronized SshEndpoint endpoint(String host) {
    SshEndpoint ssh = endpoints.get(host);
    if (ssh == null) {
      throw new IllegalArgumentException(started == null ? "lab " + layout.id() + " is not started" : "lab " + layout.id()
          + " has no host '" + host + "' (hosts: " + String.join(", ", layout.hosts().stream().map(LabHost::name).toList()) + ")");
    }
    return ssh;
  }

  /** Stops every server and the clock, and removes the lab's folder; idempotent. */
  @Override
  public synchronized void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // Keep stopping the rest: each part releases only its own sockets and threads.
      }
    }
    running.clear();
    try {
      LabFolder.remove(layout.dir());
    } catch (UncheckedIOException e) {
      // A file someone keeps open: the folder stays behind, which does no harm.
    }
  }
}
