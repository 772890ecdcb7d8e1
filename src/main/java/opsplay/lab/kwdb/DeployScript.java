package opsplay.lab.kwdb;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.Program;

/**
 * The simulated {@code deploy.sh} of the KWDB install package (reference §1.3, §1.7): option
 * parsing and usage texts, {@code status}, {@code start}, {@code stop}, {@code restart}, and the
 * refusals of {@code install}, {@code uninstall} and {@code upgrade}; {@code join},
 * {@code decommission} and {@code cluster} are in {@link DeployCluster}. Errors print on stdout
 * in red with exit 1; usage texts exit 0; {@code status} exits 0 whether or not KWDB runs.
 */
final class DeployScript implements Program {
  static final List<String> COMMANDS =
      List.of("install", "uninstall", "start", "stop", "restart", "cluster", "limit", "status", "upgrade", "join", "decommission");
  static final String USAGE = "Usage:\n  deploy.sh Commands [Options]\n\nCommands:\n"
      + "  install                  Install KaiwuDB\n  uninstall                Uninstall KaiwuDB in local node\n"
      + "  cluster                  Cluster operate\n  start                    Start KaiwuDB in local node\n"
      + "  stop                     Stop KaiwuDB in local node\n  restart                  Restart KaiwuDB in local node\n"
      + "  status                   Get local node KaiwuDB status\nOptions:\n  -h, --help\n\n";
  static final String CLUSTER_USAGE = "Usage:\n  deploy.sh cluster [Options]\nOptions:\n"
      + "  -i, --init                     Start and init all cluster\n  -s, --status                   Show all nodes status\n"
      + "  -h, --help                     help message\n\n";
  static final String JOIN_USAGE = "Usage:\n  deploy.sh join [Options]\nOptions:\n"
      + "  --addr [VALUE]             Target cluster addr. eg:127.0.0.1:26257\n"
      + "  --tls,--tlcp               Using tls or tlcp mode\n  -h, --help                 help message\n\n";
  static final String INSTALL_USAGE = "Usage:\n  deploy.sh install [Options]\n\nOptions:\n"
      + "  --single                  single mode(default)\n  --single-replica          single replication mode\n"
      + "  --multi-replica           multi replication mode\n  --use-certs               use existing certs in /etc/kaiwudb/certs\n"
      + "  -h, --help                help message\n\n";
  static final String NOT_INSTALLED = "KaiwuDB does not exist. Please install KaiwuDB first.";
  /** addr_check: dotted IPv4, each part at most 255, optionally with a port. */
  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(:\\d+)?");

  private final Cluster cluster;

  DeployScript(Cluster cluster) {
    this.cluster = cluster;
  }

  /** One run: the host, its sandbox and service, deploy.sh's directory, its log, whether stdout is a terminal. */
  record Call(Cluster cluster, Host host, Sandbox sandbox, KaiwudbService service, Path dir, boolean tty, DeployLog log,
      Invocation.Stdin stdin) {
    HostMode mode() {
      return HostMode.of(Sandbox.read(sandbox.resolve(HostMode.PATH)));
    }

    Output error(String message) {
      return new Output(1, log.error(message), "");
    }
  }

  @Override
  public Output run(Invocation invocation) {
    DeployOptions o = DeployOptions.parse(invocation.args());
    if (o == null || !COMMANDS.contains(o.command())) {
      return Output.ok(USAGE);
    }
    Output usage = usage(o);
    if (usage != null) {
      return usage;
    }
    Sandbox sandbox = new Sandbox(invocation.sandbox(), invocation.cwd());
    Path dir = sandbox.resolve("/" + invocation.program()).getParent();
    Host host = cluster.hosts.get(invocation.host());
    Call call = new Call(cluster, host, sandbox, new KaiwudbService(cluster, host, sandbox), dir,
        invocation.env().containsKey("SSH_TTY"), new DeployLog(dir, cluster.now()), invocation.stdin());
    return command(call, o);
  }

  /** The usage paths of cmd_check and the per-command option checks, or null to go on. */
  private static Output usage(DeployOptions o) {
    String only = o.only() == null ? "" : o.only();
    return switch (o.command()) {
      case "install" -> List.of("--single", "--single-replica", "--multi-replica").contains(only) ? null : Output.ok(INSTALL_USAGE);
      case "cluster" -> List.of("-i", "--init", "-s", "--status").contains(only) ? null : Output.ok(CLUSTER_USAGE);
      case "join" -> joinUsage(o);
      // limit calls a usage function deploy.sh never defines; bash complains and the script ends.
      case "limit" -> new Output(0, "", "./deploy.sh: line 1: limit_usage: command not found\n");
      default -> null;
    };
  }

  /** join_usage's loop: --addr is checked as it is met; an option it does not expect makes it spin forever. */
  private static Output joinUsage(DeployOptions o) {
    boolean help = false;
    String addr = null;
    List<String> opts = o.options();
    for (int i = 0; i < opts.size() && !help; i++) {
      switch (opts.get(i)) {
        case "--addr" -> {
          addr = opts.get(++i);
          if (!IPV4.matcher(addr).matches()) {
            return new Output(1, "Invalid parameter\n", "");
          }
        }
        case "--tls", "--tlcp" -> { }
        case "-h", "--help" -> help = true;
        default -> {
          return Output.hangs("", "");
        }
      }
    }
    if (addr == null) {
      return new Output(1, "Miss option --addr\n", "");
    }
    return help ? Output.ok(JOIN_USAGE) : null;
  }

  private static Output command(Call call, DeployOptions o) {
    DeployCluster clusterOps = new DeployCluster(call);
    return switch (o.command()) {
      case "join" -> clusterOps.join(o.options());
      case "decommission" -> clusterOps.decommission();
      case "cluster" -> o.only().equals("-i") || o.only().equals("--init") ? clusterOps.init() : clusterOps.status();
      case "status" -> status(call);
      case "start" -> start(call, false);
      case "restart" -> start(call, true);
      case "stop" -> stop(call);
      case "install" -> call.error(call.service().installed() ? "KaiwuDB is already installed."
          : "the lab does not simulate 'deploy.sh install'");
      case "uninstall" -> call.error(!call.service().installed() ? NOT_INSTALLED
          : call.service().active() ? "Please stop KaiwuDB first." : "the lab does not simulate 'deploy.sh uninstall'");
      default -> call.error(!call.service().installed() ? NOT_INSTALLED : "the lab does not simulate 'deploy.sh upgrade'");
    };
  }

  private static Output status(Call call) {
    if (!call.service().installed()) {
      return call.error(NOT_INSTALLED);
    }
    return Output.ok(DeployLog.completed("STATUS", call.service().active() ? "KaiwuDB is runnning now." : "KaiwuDB is not runnning."));
  }

  /** start and restart: the service, then deploy.sh's poll of node status (answered at once here). */
  private static Output start(Call call, boolean restart) {
    if (!call.service().installed()) {
      return call.error(NOT_INSTALLED);
    }
    if (!restart && call.service().active()) {
      return call.error("KaiwuDB is runnning now.");
    }
    if (restart && !call.service().active()) {
      return call.error("KaiwuDB is not runnning now.");
    }
    if (restart) {
      call.service().stop();
    }
    call.service().start();
    if (!DeployCluster.answers(call)) {
      return call.error(restart ? "Restart KaiwuDB failed. For more information, use 'journalctl -u kaiwudb' to view the system logs."
          : "Start KaiwuDB failed. For more information, check kwbase log.");
    }
    return Output.ok(restart ? DeployLog.completed("RESTART", "KaiwuDB restart successfully.")
        : DeployLog.completed("START", "KaiwuDB start successfully."));
  }

  private static Output stop(Call call) {
    if (!call.service().installed()) {
      return call.error(NOT_INSTALLED);
    }
    if (!call.service().active()) {
      return call.error("KaiwuDB is not runnning now.");
    }
    call.service().stop();
    return Output.ok(DeployLog.completed("STOP", "KaiwuDB stop successfully."));
  }
}
