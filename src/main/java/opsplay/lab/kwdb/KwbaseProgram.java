package opsplay.lab.kwdb;

import java.util.List;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.Program;

/**
 * The simulated {@code kwbase} binary: {@code start}, {@code start-single-replica}, {@code node
 * status|ls|decommission|recommission|drain}, {@code quit}, {@code init}, {@code cert
 * create-ca|create-node|create-client} and {@code version}. Any problem with a command line ends as
 * kwbase ends it: {@code ERROR: …} and {@code Failed running "<command>"} on stderr, exit 1.
 */
final class KwbaseProgram implements Program {
  static final String USAGE = """
      kwbase is the KaiwuDB command-line interface (simulated by opsplay's lab).

      Usage:
        kwbase [command]

      Available Commands:
        start                 start a node in a multi-node cluster
        start-single-replica  start a node in a single-replica cluster
        init                  initialize a cluster
        cert                  create ca, node, and client certs
        quit                  drain and shut down a node
        node                  list, inspect, drain or remove nodes
        version               output version information

      Use "kwbase [command] --help" for more information about a command.
      """;

  private final Cluster cluster;

  KwbaseProgram(Cluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Output run(Invocation invocation) {
    List<String> args = invocation.args();
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      return Output.ok(USAGE);
    }
    KwbaseCall call = KwbaseCall.of(cluster, invocation);
    String command = args.get(0);
    boolean sub = (command.equals("node") || command.equals("cert")) && args.size() > 1;
    String name = sub ? command + " " + args.get(1) : command;
    List<String> rest = args.subList(sub ? 2 : 1, args.size());
    try {
      return dispatch(call, name, rest);
    } catch (IllegalArgumentException e) {
      return KwbaseCall.failed(name, e.getMessage());
    }
  }

  private Output dispatch(KwbaseCall call, String name, List<String> rest) {
    NodeCommands node = new NodeCommands(call);
    return switch (name) {
      case "start", "start-single-replica", "start-single-node" ->
          new StartCommand(cluster, call.self()).run(name, rest, call.sandbox(), call.home());
      case "node status" -> node.status(rest);
      case "node ls" -> node.ls(rest);
      case "node decommission" -> new DecommissionCommand(call).run(rest);
      case "node recommission" -> node.recommission(rest);
      case "node drain" -> node.drain(rest);
      case "quit" -> node.quit(rest);
      case "init" -> node.init(rest);
      case "cert create-ca", "cert create-node", "cert create-client" ->
          new CertCommands(call.self(), call.sandbox(), call.home()).run(name.substring(5), rest);
      case "version" -> Output.ok(version());
      case "node", "cert" -> KwbaseCall.failed(name, "no command given");
      default -> KwbaseCall.failed(name, "unknown command \"" + name + "\" for \"kwbase\"");
    };
  }

  /** kwbase version's block; the build details beyond the tag are illustrative. */
  static String version() {
    return "Build Tag:        " + NodeTables.BUILD + "\n"
        + "Build Time:       2025/09/30 10:00:00\n"
        + "Distribution:     \n"
        + "Platform:         linux amd64 (x86_64-linux-gnu)\n"
        + "Go Version:       go1.16.15\n"
        + "C Compiler:       gcc 9.4.0\n"
        + "Build Commit ID:  a5c90efc1\n"
        + "Build Type:       release\n";
  }
}
