package opsplay.playbooks;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.lab.ClusterKinds;
import opsplay.lab.Invocation;
import opsplay.lab.Lab;
import opsplay.lab.LabHost;
import opsplay.lab.LabSettings;
import opsplay.lab.Output;
import opsplay.lab.SqlServers;
import opsplay.lab.kwdb.KwdbCluster;
import opsplay.testing.Cli;

/**
 * A KWDB lab for the shipped playbooks' tests: started in-process, its clock fast; the playbooks
 * run through the CLI in-process with --output json, and the tests read the cluster's state the
 * way an operator would (kwbase node status, SQL), not through the playbook under test.
 */
final class KwdbLab implements AutoCloseable {
  /** Fast enough that a node of a 5-node cluster drains in about half a second. */
  static final double SPEED = 100;
  private final Lab lab;
  private final Path dir;

  private final boolean secure;

  private KwdbLab(Lab lab, Path dir, boolean secure) {
    this.lab = lab;
    this.dir = dir;
    this.secure = secure;
  }

  static KwdbLab start(Path dir, int nodes, boolean singleReplica) throws IOException {
    return start(dir, new LabSettings("kwdb", nodes, 0, false, singleReplica, SPEED));
  }

  /** A multi-replica lab in secure mode (TLS certificates; kwbase needs --certs-dir). */
  static KwdbLab startSecure(Path dir, int nodes) throws IOException {
    return start(dir, new LabSettings("kwdb", nodes, 0, true, false, SPEED));
  }

  private static KwdbLab start(Path dir, LabSettings settings) throws IOException {
    Lab lab = Lab.prepare(settings, dir.resolve("labs"), ClusterKinds.builtIn(), SqlServers.wire(), "stop: the test does");
    lab.start();
    return new KwdbLab(lab, dir, settings.secure());
  }

  Lab lab() {
    return lab;
  }

  /** {@code opsplay run PLAYBOOK -i <the lab> -o json --journal <dir> -e kw_poll_interval=100ms ARGS}. */
  Cli.Outcome run(String playbook, String... args) {
    return cli("run", playbook, args);
  }

  /** The same with {@code check}: the preview. */
  Cli.Outcome check(String playbook, String... args) {
    return cli("check", playbook, args);
  }

  private Cli.Outcome cli(String command, String playbook, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "playbooks/kwdb/" + playbook, "-i", lab.inventory().toString(),
        "-o", "json", "--journal", dir.resolve("journal").toString(), "-e", "kw_poll_interval=100ms"));
    all.addAll(List.of(args));
    return Cli.run(Map.of("OPSPLAY_LOCK_DIR", dir.resolve("locks").toString()), all.toArray(String[]::new));
  }

  /** Runs the simulated kwbase on {@code host} directly (not over SSH), as a shim would. */
  Output kwbase(String host, String... args) {
    LabHost h = lab.layout().hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
    String program = KwdbCluster.BIN_DIR + "/kwbase";
    return lab.inspect(c -> c.programs().get(program).run(new Invocation(host, program, List.of(args),
        h.sandbox().toString(), Map.of("HOME", "/root"), h.sandbox())));
  }

  /** {@code kwbase node status --format=tsv --insecure [flags]} on {@code host}, by node id: column to value. */
  Map<Integer, Map<String, String>> nodeStatus(String host, String... flags) {
    LabHost h = lab.layout().hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
    String security = secure ? "--certs-dir=" + h.sandbox().resolve(KwdbCluster.CERTS_DIR) : "--insecure";
    List<String> args = new ArrayList<>(List.of("node", "status", "--format=tsv", security));
    args.addAll(List.of(flags));
    Output out = kwbase(host, args.toArray(String[]::new));
    if (out.rc() != 0) throw new AssertionError("node status failed: " + out.stderr());
    List<String> lines = out.stdout().lines().toList();
    String[] header = lines.get(0).split("\t");
    Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t");
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
      rows.put(Integer.parseInt(cells[0]), row);
    }
    return rows;
  }

  /** Whether the host's kwbase process runs. */
  boolean running(String host) {
    return lab.inspect(c -> c.running(host));
  }

  /** The first value of a query's first row, over SQL to {@code host}. */
  Object sql(String host, String query) {
    LabHost h = lab.layout().hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
    try (var c = DriverManager.getConnection(h.sqlUrl(), "root", ""); Statement s = c.createStatement()) {
      if (!s.execute(query)) return null;
      try (ResultSet rs = s.getResultSet()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new AssertionError(query + ": " + e.getMessage(), e);
    }
  }

  /** The replicas kwdb_internal.ranges places on a node (the authoritative count). */
  long replicasOn(int node) {
    return replicasOn(node, "n1");
  }

  long replicasOn(int node, String asker) {
    return ((Number) sql(asker, "SELECT count(*) FROM kwdb_internal.ranges WHERE " + node + " = ANY(replicas)")).longValue();
  }

  @Override
  public void close() {
    lab.close();
  }
}
