package opsplay.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import opsplay.core.ActionException;
import opsplay.lab.ClusterKinds;
import opsplay.lab.Invocation;
import opsplay.lab.Lab;
import opsplay.lab.LabHost;
import opsplay.lab.LabSettings;
import opsplay.lab.SqlServers;
import opsplay.lab.openmldb.OpenMldbCluster;
import opsplay.testing.Cli;

/**
 * An OpenMLDB lab for playbook tests: started in-process and fast (speed {@value #SPEED}), the CLI
 * run against its written inventory, and its state read by calling the simulated ns_client in the
 * model directly (not over SSH), parsed by the driver's own reader.
 */
final class OpenMldbLab implements AutoCloseable {
  static final double SPEED = 200;
  static final String HOME = "opt/openmldb";
  private final Lab lab;
  private final Path dir;

  private OpenMldbLab(Lab lab, Path dir) {
    this.lab = lab;
    this.dir = dir;
  }

  static OpenMldbLab start(int tablets, int spare, Path dir) {
    try {
      Lab lab = Lab.prepare(new LabSettings("openmldb", tablets, spare, false, false, SPEED), dir.resolve("labs"),
          ClusterKinds.builtIn(), SqlServers.wire(), "stop: {dir}");
      lab.start();
      return new OpenMldbLab(lab, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code opsplay run PLAYBOOK -i LAB --output json} with short polls, and {@code args}. */
  Cli.Outcome run(String playbook, String... args) {
    List<String> all = new ArrayList<>(List.of("run", playbook, "-i", lab.inventory().toString(), "--output", "json",
        "--journal", dir.resolve("runs").toString(), "-e", "migrate_poll=20ms"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  /** The tablet endpoint of a host, as the inventory and ns_client name it. */
  String endpoint(String host) {
    LabHost h = host(host);
    return h.address() + ":" + (10920 + Integer.parseInt(host.substring(1)));
  }

  private LabHost host(String name) {
    return lab.layout().hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  /** What ns_client prints for {@code command} (with {@code --database=db} unless db is null). */
  String ns(String db, String command) {
    List<String> args = new ArrayList<>(List.of("--zk_cluster=127.0.0.1:2181", "--zk_root_path=/openmldb",
        "--role=ns_client", "--interactive=false"));
    if (db != null) args.add("--database=" + db);
    args.add("--cmd=" + command);
    return program("n1", HOME + "/bin/openmldb", args);
  }

  /** Runs {@code bin/start.sh ARGS} on a host, in the model. */
  String startSh(String host, String... args) {
    return program(host, HOME + "/bin/start.sh", List.of(args));
  }

  private String program(String host, String program, List<String> args) {
    Path sandbox = host(host).sandbox();
    return lab.inspect(c -> c.programs().get(program)
        .run(new Invocation(host, program, args, sandbox.resolve(HOME).toString(), Map.of(), sandbox))).stdout();
  }

  /** Every replica of the user and system databases, the tablets, and the ops not finished. */
  Placement placement() {
    try {
      List<Placement.Replica> replicas = new ArrayList<>();
      List<String> dbs = new ArrayList<>(NsClientOutput.databases(ns(null, "showdb")));
      dbs.addAll(OpenMldbDriver.SYSTEM_DATABASES);
      for (String db : dbs) replicas.addAll(NsClientOutput.replicas(db, ns(db, "showtable")));
      return new Placement(NsClientOutput.tablets(ns(null, "showtablet")), dbs, replicas, List.of());
    } catch (ActionException e) {
      throw new AssertionError(e);
    }
  }

  /** Replicas per endpoint in one database (null: all). */
  Map<String, Integer> counts(String db) {
    Map<String, Integer> out = new LinkedHashMap<>();
    placement().replicas().stream().filter(r -> db == null || r.database().equals(db))
        .forEach(r -> out.merge(r.endpoint(), 1, Integer::sum));
    return out;
  }

  /** One line per partition: its replicas as endpoint:role:alive, to compare placements. */
  List<String> layout() {
    return placement().replicas().stream().collect(Collectors.groupingBy(r -> r.where().toString(), LinkedHashMap::new,
        Collectors.mapping(r -> r.endpoint() + ":" + (r.leader() ? "L" : "F") + (r.alive() ? "" : "-dead"), Collectors.joining(" "))))
        .entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
  }

  boolean autoFailover() {
    try {
      return NsClientOutput.autoFailover(ns(null, "confget auto_failover"));
    } catch (ActionException e) {
      throw new AssertionError(e);
    }
  }

  void autoFailover(boolean on) {
    ns(null, "confset auto_failover " + on);
  }

  /** Whether the host's tablet process runs. */
  boolean running(String host) {
    return lab.inspect(c -> c.running(host));
  }

  /** Fault: the next op of this type fails at its next tablet task. */
  void failNextOp(String type) {
    lab.inspect(c -> {
      ((OpenMldbCluster) c).failNextOp(type);
      return null;
    });
  }

  /** Waits (real time) until showtablet lists the host's tablet in {@code state}. */
  void awaitState(String host, String state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!placement().nodes().contains(new Placement.Node(endpoint(host), state, state.equals("kHealthy")))) {
      if (System.nanoTime() > deadline) throw new AssertionError(host + " is not " + state + ": " + ns(null, "showtablet"));
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    lab.close();
  }
}
