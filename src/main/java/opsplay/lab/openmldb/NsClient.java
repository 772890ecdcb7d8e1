package opsplay.lab.openmldb;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.Program;

/**
 * The {@code openmldb} binary as the lab runs it, for {@code --role=ns_client} (reference §1). It
 * finds the leader name server through ZooKeeper (or takes {@code --endpoint}), prints
 * {@code ns leader: …}, and runs {@code --cmd} once when {@code --interactive=false}; otherwise the
 * real client runs the command again and again, so the run is {@link Output#forever()}. A given
 * {@code --database} is used silently: a wrong name leaves the default database. The exit status
 * is always 0. Without {@code --cmd} the client would read commands from stdin; the lab gives it
 * none, so it stops after the banner.
 */
final class NsClient implements Program {
  static final String VERSION = "0.9.3-c1766bb";
  private static final Set<String> OTHER_ROLES = Set.of("sql_client", "tablet", "client", "nameserver", "apiserver");
  private static final Set<String> NOT_SIMULATED = Set.of("showsdkendpoint", "create", "put", "scan", "get",
      "delete", "count", "preview", "makesnapshot", "drop", "showschema", "connectzk", "disconnectzk",
      "gettablepartition", "settablepartition", "updatetablealive", "setttl", "cancelop", "deleteop", "addtablefield",
      "info", "addrepcluster", "showrepcluster", "removerepcluster", "switchmode", "synctable", "setsdkendpoint",
      "addindex", "deleteindex", "showcatalogversion", "dropdb", "help", "man");

  private final Model model;

  NsClient(Model model) {
    this.model = model;
  }

  @Override
  public Output run(Invocation call) {
    Flags flags;
    try {
      flags = Flags.parse(call.args());
    } catch (Flags.Refused e) {
      return new Output(1, "", e.getMessage());
    }
    String role = flags.string("role");
    if (role.equals("ns_client")) return nsClient(flags);
    if (role.isEmpty()) {
      return new Output(2, "", "opsplay lab: openmldb without --role (the stand-alone SQL client) is not simulated\n");
    }
    if (OTHER_ROLES.contains(role)) {
      return new Output(2, "", "opsplay lab: openmldb --role=" + role + " is not simulated (only --role=ns_client)\n");
    }
    return Output.ok("Invalid role: " + role + "\n");
  }

  private Output nsClient(Flags flags) {
    StringBuilder out = new StringBuilder();
    String cmd = flags.string("cmd");
    if (cmd.isEmpty()) out.append("Welcome to openmldb with version ").append(VERSION).append('\n');
    boolean viaZk = !flags.string("zk_cluster").isEmpty();
    String nameServer;
    if (viaZk) {
      if (!sameEnsemble(flags.string("zk_cluster"))) return Output.ok(out + "zk client init failed\n");
      String leader = model.zk.leader();
      if (!flags.string("zk_root_path").equals(Layout.ZK_ROOT) || leader == null) {
        return Output.ok(out + "get children failed\n");
      }
      nameServer = model.layout.nameServerEndpoint(leader);
      out.append("ns leader: ").append(nameServer).append('\n');
    } else if (!flags.string("endpoint").isEmpty()) {
      nameServer = flags.string("endpoint");
    } else {
      return Output.ok(out + "Start failed! not set endpoint or zk_cluster\n");
    }
    if (cmd.isEmpty()) return Output.ok(out.toString());
    Session session = new Session(model, nameServer, viaZk, (int) flags.number("max_col_display_length"));
    String db = flags.string("database");
    if (!db.isEmpty() && session.reach().ok() && model.nameServer.hasDatabase(db)) session.db(db);
    return once(session, cmd, out, flags.bool("interactive"));
  }

  private Output once(Session session, String cmd, StringBuilder out, boolean interactive) {
    List<String> parts = Arrays.stream(cmd.split(" ")).filter(p -> !p.isEmpty()).toList();
    // A blank command skips to the next turn of the loop before the --interactive check: it never ends.
    if (parts.isEmpty()) return Output.repeats(out.toString());
    String name = parts.get(0);
    if (name.equals("exit") || name.equals("quit")) return Output.ok(out + "bye\n");
    if (NOT_SIMULATED.contains(name)) {
      return new Output(2, out.toString(), "opsplay lab: ns_client command '" + name + "' is not simulated\n");
    }
    out.append(dispatch(session, name, parts));
    return new Output(0, out.toString(), "", interactive, interactive);
  }

  private static String dispatch(Session s, String name, List<String> parts) {
    return switch (name) {
      case "showtablet" -> ShowCommands.showTablet(s);
      case "showns" -> ShowCommands.showNs(s);
      case "showtable" -> ShowCommands.showTable(s, parts);
      case "showopstatus" -> ShowCommands.showOpStatus(s, parts);
      case "showdb" -> ShowCommands.showDb(s);
      case "confget" -> ShowCommands.confGet(s, parts);
      case "confset" -> OpCommands.confSet(s, parts);
      case "use" -> OpCommands.use(s, parts);
      case "migrate" -> OpCommands.migrate(s, parts);
      case "changeleader" -> OpCommands.changeLeader(s, parts);
      case "recovertable" -> OpCommands.recoverTable(s, parts);
      case "addreplica" -> OpCommands.addReplica(s, parts);
      case "delreplica" -> OpCommands.delReplica(s, parts);
      case "offlineendpoint" -> OpCommands.offlineEndpoint(s, parts);
      case "recoverendpoint" -> OpCommands.recoverEndpoint(s, parts);
      default -> "unsupported cmd\n";
    };
  }

  // The ZooKeeper client takes the servers in any order; anything else never connects.
  private static boolean sameEnsemble(String zkCluster) {
    Set<String> given = new TreeSet<>();
    for (String server : zkCluster.split(",")) given.add(server.trim());
    return given.equals(Set.of(Layout.ZK_CLUSTER));
  }
}
