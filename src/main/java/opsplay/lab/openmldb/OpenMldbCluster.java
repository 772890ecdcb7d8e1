package opsplay.lab.openmldb;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.lab.LabCluster;
import opsplay.lab.Program;
import opsplay.lab.SqlResponder;

/**
 * A simulated OpenMLDB cluster for the lab: tablets {@code n1..nT} (the first of them also run the
 * name servers), spare hosts with OpenMLDB installed but no tablet running (group
 * {@code new_tablets}), ZooKeeper, and database {@code demo_db} with a few replicated tables. Its
 * programs are {@code opt/openmldb/bin/openmldb} (the name-server client) and
 * {@code opt/openmldb/bin/start.sh}. See {@code docs/lab-openmldb.md}.
 */
public final class OpenMldbCluster implements LabCluster {
  /**
   * How big the cluster is and how fast it moves.
   *
   * @param tablets hosts running a tablet when the cluster starts (group {@code tablets})
   * @param spare hosts with OpenMLDB installed and no tablet running (group {@code new_tablets})
   * @param nameservers name servers, on the first tablet hosts (group {@code nameservers}); the first leads
   * @param rates polling periods, start-up time and timeouts
   * @param start the wall time the cluster's time 0 stands for (op start and end times)
   * @param zone the time zone ns_client prints op times in
   */
  public record Options(int tablets, int spare, int nameservers, Rates rates, Instant start, ZoneId zone) {
    public Options {
      if (tablets < 1) throw new IllegalArgumentException("an OpenMLDB lab needs at least 1 tablet, got " + tablets);
      if (spare < 0) throw new IllegalArgumentException("spare hosts cannot be negative, got " + spare);
      if (nameservers < 1 || nameservers > tablets) {
        throw new IllegalArgumentException("name servers run on tablet hosts: 1 to " + tablets + ", got " + nameservers);
      }
      if (rates == null || start == null || zone == null) throw new IllegalArgumentException("rates, start and zone are required");
    }

    public Options(int tablets, int spare, int nameservers, Rates rates) {
      this(tablets, spare, nameservers, rates, Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault());
    }

    /** Three name servers (fewer with fewer tablets), so a scale-in can stop one while two remain. */
    public static Options of(int tablets, int spare) {
      return new Options(tablets, spare, Math.min(3, tablets), Rates.DEFAULT);
    }

    public Options at(Instant wallStart, ZoneId wallZone) {
      return new Options(tablets, spare, nameservers, rates, wallStart, wallZone);
    }

    public Options with(Rates newRates) {
      return new Options(tablets, spare, nameservers, newRates, start, zone);
    }
  }

  static final String HOME = "opt/openmldb";
  private final Layout layout;
  private final Model model;
  private final Map<String, Program> programs;

  public OpenMldbCluster(Options options) {
    this.layout = new Layout(options.tablets(), options.spare(), options.nameservers());
    this.model = new Model(layout, options.rates(), options.start(), options.zone());
    this.programs = Map.of(HOME + "/bin/openmldb", new NsClient(model), HOME + "/bin/start.sh", new StartScript(model));
  }

  /**
   * The loopback address the lab gave {@code host}. Endpoints are {@code address:port}; call this for
   * every host before reading {@link #nodes()} so that the inventory and the programs agree
   * (until then every host is {@code 127.0.0.1}, each on its own ports).
   */
  public void address(String host, String address) {
    layout.address(host, address);
  }

  @Override
  public String kind() {
    return "openmldb";
  }

  @Override
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    for (Layout.Host h : layout.hosts()) {
      List<String> groups = new ArrayList<>();
      if (h.tablet()) groups.add("tablets");
      if (h.nameserver()) groups.add("nameservers");
      if (!h.tablet()) groups.add("new_tablets");
      nodes.add(new Node(h.name(), List.copyOf(groups), vars(h), 0));
    }
    return nodes;
  }

  private Map<String, Object> vars(Layout.Host h) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("openmldb_home", "{sandbox}/" + HOME);
    vars.put("zk_cluster", Layout.ZK_CLUSTER);
    vars.put("zk_root_path", Layout.ZK_ROOT);
    vars.put("openmldb_database", SampleData.DATABASE);
    vars.put("openmldb_endpoint", layout.tabletEndpoint(h.name()));
    if (h.nameserver()) vars.put("openmldb_ns_endpoint", layout.nameServerEndpoint(h.name()));
    return vars;
  }

  @Override
  public Map<String, Program> programs() {
    return programs;
  }

  /** Each host's {@code conf/tablet.flags} and {@code conf/nameserver.flags}, as a deployment leaves them. */
  @Override
  public Map<String, String> files(String host) {
    String common = "--zk_cluster=" + Layout.ZK_CLUSTER + "\n--zk_root_path=" + Layout.ZK_ROOT
        + "\n--openmldb_log_dir=./logs\n";
    String note = "# written by the opsplay lab; the simulated server does not read it\n";
    return Map.of(
        HOME + "/conf/tablet.flags", note + "--endpoint=" + layout.tabletEndpoint(host) + "\n--role=tablet\n" + common,
        HOME + "/conf/nameserver.flags", note + "--endpoint=" + layout.nameServerEndpoint(host)
            + "\n--role=nameserver\n" + common + "--auto_failover=true\n");
  }

  /** OpenMLDB answers no SQL in the lab. */
  @Override
  public SqlResponder sql(String host) {
    return null;
  }

  /** Whether the host's tablet process is running. */
  @Override
  public boolean running(String host) {
    return model.tabletRunning(host);
  }

  @Override
  public void advance(Duration elapsed) {
    if (elapsed.isNegative()) throw new IllegalArgumentException("time cannot go back: " + elapsed);
    model.advance(elapsed.toMillis());
  }

  @Override
  public void hostDown(String host) {
    layout.host(host);
    model.processes.hostDown(host, model.clock.now());
  }

  /**
   * Fault: the next op of {@code opType} ({@code kMigrateOP}, {@code kRecoverTableOP}, …) fails at the
   * next tablet task it reports, as an op does whose tablet stops mid-way: it shows {@code kFailed}
   * with that task, and what it changed so far stays.
   */
  public void failNextOp(String opType) {
    model.engine.failNext(OpType.valueOf(opType));
  }

  @Override
  public void hostUp(String host) {
    layout.host(host);
    model.processes.hostUp(host);
  }
}
