package opsplay.lab.kwdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import opsplay.lab.LabCluster;
import opsplay.lab.Program;
import opsplay.lab.SqlResponder;

/**
 * A simulated KWDB cluster for the lab: {@code nodes} initialised, running members (group
 * {@code kwdb}, the first is the primary) and {@code spare} hosts with KWDB installed but never
 * started (group {@code new_nodes}), each with the variables SPEC §7 names pointing into its
 * sandbox. The programs ({@code kwbase}, {@code deploy.sh}, {@code kw-status}, {@code systemctl})
 * and the SQL answers read and change one model of the cluster ({@code docs/lab-kwdb.md}).
 */
public final class KwdbCluster implements LabCluster {
  /** Where things are installed, relative to a host's sandbox. */
  public static final String BIN_DIR = "usr/local/kaiwudb/bin";
  public static final String INSTALL_DIR = HostFiles.INSTALL_DIR;
  public static final String CERTS_DIR = "etc/kaiwudb/certs";
  public static final String DATA_DIR = "var/lib/kaiwudb";
  public static final int SQL_PORT = 26257;

  /**
   * How fast the cluster moves replicas, per simulated second: {@code repairPerSecond} for
   * replicas leaving decommissioning or dead nodes and for adding or dropping replicas to match a
   * zone, {@code rebalancePerSecond} for evening out replica counts onto joined nodes.
   */
  public record Rates(double repairPerSecond, double rebalancePerSecond) {
    /** About a minute to drain the ~140 replicas of a node of a fresh 4-node cluster. */
    public static final Rates DEFAULT = new Rates(2, 1);

    public Rates {
      if (repairPerSecond < 0 || rebalancePerSecond < 0) {
        throw new IllegalArgumentException("rates must not be negative");
      }
    }
  }

  /** What to simulate: members, spares, secure (TLS) or insecure, single-replica ("mpp") or multi-replica, rates. */
  public record Options(int nodes, int spare, boolean secure, boolean singleReplica, Rates rates) {
    public Options {
      if (nodes < 1 || spare < 0 || nodes + spare > 240) {
        throw new IllegalArgumentException("need 1 to 240 hosts, at least one member: nodes=" + nodes + " spare=" + spare);
      }
      if (rates == null) {
        throw new IllegalArgumentException("rates must be given (Rates.DEFAULT)");
      }
    }

    public static Options of(int nodes, int spare, boolean secure, boolean singleReplica) {
      return new Options(nodes, spare, secure, singleReplica, Rates.DEFAULT);
    }
  }

  private final Cluster cluster;
  private final Map<String, Program> programs = new LinkedHashMap<>();

  /** Hosts n1, n2, … at 127.0.0.11, 127.0.0.12, … (loopback addresses, one per host). */
  public KwdbCluster(Options options) {
    this(options, IntStream.rangeClosed(1, options.nodes() + options.spare()).mapToObj(i -> "127.0.0." + (10 + i)).toList());
  }

  /** Hosts at the given IPv4 addresses, in inventory order (deploy.sh accepts only dotted IPv4). */
  public KwdbCluster(Options options, List<String> addresses) {
    if (addresses.size() != options.nodes() + options.spare()) {
      throw new IllegalArgumentException("one address per host: " + (options.nodes() + options.spare()) + " needed");
    }
    this.cluster = new Cluster(options, List.copyOf(addresses));
    Program kwStatus = new KwStatusProgram(cluster);
    programs.put(BIN_DIR + "/kwbase", new KwbaseProgram(cluster));
    programs.put(INSTALL_DIR + "/deploy.sh", new DeployScript(cluster));
    programs.put(BIN_DIR + "/kw-status.sh", kwStatus);
    programs.put("PATH/kw-status", kwStatus);
    programs.put("PATH/systemctl", new SystemctlProgram(cluster));
  }

  @Override
  public String kind() {
    return "kwdb";
  }

  @Override
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>();
    for (Host h : cluster.hosts.values()) {
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("address", h.address);
      vars.put("kw_bin_dir", "{sandbox}/" + BIN_DIR);
      vars.put("kw_install_dir", "{sandbox}/" + INSTALL_DIR);
      vars.put("kw_certs_dir", "{sandbox}/" + CERTS_DIR);
      vars.put("kw_data_dir", "{sandbox}/" + DATA_DIR);
      vars.put("kw_port", SQL_PORT);
      vars.put("kw_http_port", 8080);
      vars.put("kw_brpc_port", 27257);
      vars.put("kw_secure", cluster.secure);
      out.add(new Node(h.name, List.of(h.member ? "kwdb" : "new_nodes"), Map.copyOf(vars), SQL_PORT));
    }
    return out;
  }

  @Override
  public Map<String, Program> programs() {
    return Map.copyOf(programs);
  }

  @Override
  public Map<String, String> files(String host) {
    return HostFiles.of(cluster, host(host));
  }

  @Override
  public SqlResponder sql(String host) {
    return new SqlAnswers(cluster, host(host));
  }

  @Override
  public boolean running(String host) {
    return host(host).running();
  }

  @Override
  public void advance(Duration elapsed) {
    cluster.advance(elapsed);
  }

  @Override
  public void hostDown(String host) {
    Host h = host(host);
    cluster.stop(h, false);
    h.down = true;
  }

  @Override
  public void hostUp(String host) {
    host(host).down = false;
  }

  private Host host(String name) {
    Host h = cluster.hosts.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no host " + name + " in this KWDB lab; hosts: " + cluster.hosts.keySet());
    }
    return h;
  }

  /** The model, for tests in this package. */
  Cluster cluster() {
    return cluster;
  }
}
