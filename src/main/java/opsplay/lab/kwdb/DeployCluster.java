package opsplay.lab.kwdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.lab.Output;

/**
 * deploy.sh's cluster commands, step by step as reference §1.7–1.9 lays them out: {@code join}
 * (certificates, the unit's {@code --join}, start, MODE line 8), {@code decommission} (find this
 * node's id, mark it with {@code --wait=none}, leave the progress loop running) and
 * {@code cluster --init | --status}. Where deploy.sh polls for minutes, the lab answers at once.
 */
final class DeployCluster {
  static final String CERTS = "/etc/kaiwudb/certs";
  private final DeployScript.Call call;

  DeployCluster(DeployScript.Call call) {
    this.call = call;
  }

  Output join(List<String> options) {
    String addr = options.get(options.indexOf("--addr") + 1);
    String secure = options.contains("--tlcp") ? "tlcp" : options.contains("--tls") ? "tls" : "insecure";
    if (!call.service().installed()) {
      return call.error(DeployScript.NOT_INSTALLED);
    }
    HostMode mode = call.mode();
    if (!List.of("single-replication", "multi-replication").contains(mode.installMode())) {
      return call.error("The current mode is not supported join a cluster.");
    }
    if (call.service().active()) {
      return call.error("KaiwuDB already running.");
    }
    StringBuilder stderr = new StringBuilder();
    if (!secure.equals("insecure")) {
      String failure = rebuildCertificates(secure, addr.split(":")[0], stderr);
      if (failure != null) {
        return new Output(1, call.log().error("Join failed: " + failure), stderr.toString());
      }
    }
    rewriteJoin(mode, addr, secure);
    call.service().start();
    if (!answers(call)) {
      return new Output(1, call.log().error("Start KaiwuDB failed. For more information, check kwbase's log."), stderr.toString());
    }
    Sandbox.write(call.sandbox().resolve(HostMode.PATH), mode.withSecureMode(secure));
    return new Output(0, DeployLog.completed("JOIN", "Node has been joined to the cluster successfully."), stderr.toString());
  }

  /**
   * rebuild_certs: reads the directory holding kaiwudb_certs.tar.gz from stdin ({@code read -t 60};
   * bash shows the prompt only when stdin is a terminal), replaces the certificates with its CA and
   * signs a new node and root client certificate. No answer means the directory "", as in bash.
   */
  private String rebuildCertificates(String secure, String targetIp, StringBuilder stderr) {
    if (call.tty()) {
      stderr.append("Please input directory where the CA is stored :");
    }
    String answer = call.stdin().readLine(java.time.Duration.ofSeconds(60));
    String dir = answer == null ? "" : answer.strip();
    Path archive = call.sandbox().resolve(dir.isEmpty() ? "/kaiwudb_certs.tar.gz" : dir + "/kaiwudb_certs.tar.gz");
    if (!Files.isRegularFile(archive)) {
      return dir + "/kaiwudb_certs.tar.gz: No such file.";
    }
    Map<String, byte[]> files;
    try {
      files = CertBundle.read(archive);
    } catch (IOException e) {
      return "tar: This does not look like a tar archive";
    }
    Path certs = call.sandbox().resolve(CERTS);
    clear(certs);
    files.forEach((name, content) -> Sandbox.write(certs.resolve(name), new String(content, java.nio.charset.StandardCharsets.UTF_8)));
    CertCommands cert = new CertCommands(call.host(), call.sandbox(), "/home/kaiwudb");
    List<String> common = new ArrayList<>(List.of("--certs-dir=" + CERTS, "--ca-key=" + CERTS + "/ca.key"));
    if (secure.equals("tlcp")) {
      common.add("--tlcp");
    }
    List<String> node = new ArrayList<>(List.of(call.mode().localAddress(), targetIp, "127.0.0.1", "0.0.0.0", "localhost"));
    node.addAll(common);
    Output made = cert.run("create-node", node);
    if (made.rc() == 0) {
      List<String> client = new ArrayList<>(List.of("root"));
      client.addAll(common);
      made = cert.run("create-client", client);
    }
    return made.rc() == 0 ? null : made.stderr();
  }

  private static void clear(Path dir) {
    try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** modify_start_cmd: drops {@code --join <self>:<port>}, appends the new one, and sed -iq leaves a backup. */
  private void rewriteJoin(HostMode mode, String addr, String secure) {
    Path unit = call.sandbox().resolve(UnitFile.PATH);
    String text = Sandbox.read(unit);
    Sandbox.write(unit.resolveSibling("kaiwudb.serviceq"), text);
    String self = "--join " + mode.localAddress() + ":" + mode.port();
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("ExecStart=")) {
        line = line.replace(self, "") + " --join " + addr + (secure.equals("tlcp") ? " --tlcp" : "");
      }
      out.append(line).append('\n');
    }
    Sandbox.write(unit, out.substring(0, out.length() - 1));
  }

  Output decommission() {
    if (!call.service().installed()) {
      return call.error(DeployScript.NOT_INSTALLED);
    }
    if (!call.service().active()) {
      return call.error("KaiwuDB is not running, please start KaiwuDB first.");
    }
    HostMode mode = call.mode();
    String id = nodeId(mode);
    List<String> args = new ArrayList<>();
    if (!id.isEmpty()) {
      args.add(id);
    }
    args.addAll(mode.secureFlags());
    args.addAll(List.of("--wait=none", "--host=127.0.0.1:" + mode.port()));
    Output marked = kwbase("node decommission", args);
    if (marked.rc() != 0) {
      return call.error("Decommission from cluster failed: " + marked.stdout() + marked.stderr());
    }
    call.cluster().watchDecommission(call.host(), Integer.parseInt(id), call.dir().resolve("decommission_progress"));
    return Output.ok(DeployLog.completed("DECOMMISSION",
        "Decommission complete. Please wait a few minutes to check whether decommission from cluster succeeded."));
  }

  /** cluster_nodeid: the row of piped {@code node status} whose sql_address is MODE's own address. */
  private String nodeId(HostMode mode) {
    List<String> args = new ArrayList<>(List.of("--host=127.0.0.1:" + mode.port(), "--format=tsv"));
    args.addAll(mode.secureFlags());
    Output status = kwbase("node status", args);
    for (String line : status.stdout().lines().skip(1).toList()) {
      String[] f = line.split("\\s+");
      if (f.length > 2 && f[2].split(":")[0].equals(mode.localAddress())) {
        return f[0];
      }
    }
    return "";
  }

  Output status() {
    if (!call.service().installed()) {
      return call.error(DeployScript.NOT_INSTALLED);
    }
    if (!call.service().active()) {
      return call.error("KaiwuDB is not running.");
    }
    List<String> args = new ArrayList<>(List.of("--host=127.0.0.1:" + call.mode().port()));
    args.addAll(call.mode().secureFlags());
    Output out = kwbase("node status", args);
    // The script ends in an if that is not taken, so it exits 0 whatever kwbase did.
    return new Output(0, out.stdout(), out.stderr(), out.forever(), out.repeats());
  }

  Output init() {
    if (!call.service().installed()) {
      return call.error(DeployScript.NOT_INSTALLED);
    }
    if (call.mode().installMode().equals("single")) {
      return call.error("The current mode is not supported cluster init.");
    }
    String node = Sandbox.read(call.sandbox().resolve("/etc/kaiwudb/info/NODE"));
    if (node == null) {
      return call.error("Cluster already init.");
    }
    if (call.service().active()) {
      return call.error("KaiwuDB already running.");
    }
    call.service().start();
    for (String ip : node.lines().findFirst().orElse("").split("\\s+")) {
      call.cluster().hosts.values().stream().filter(h -> h.address.equals(ip)).forEach(call.cluster()::restartService);
    }
    List<String> args = new ArrayList<>(List.of("--host=127.0.0.1:" + call.mode().port()));
    args.addAll(call.mode().secureFlags());
    Output init = kwbase("init", args);
    if (init.rc() != 0) {
      return call.error("Cluster init failed: " + init.stdout() + init.stderr());
    }
    return Output.ok(DeployLog.completed("INIT", "Cluster init successfully."));
  }

  /** Runs a kwbase client command on this host as deploy.sh does (stdout piped unless noted). */
  private Output kwbase(String command, List<String> args) {
    KwbaseCall kc = new KwbaseCall(call.cluster(), call.host(), call.sandbox(), call.tty(), "/home/kaiwudb");
    try {
      return command.equals("node decommission") ? new DecommissionCommand(kc).run(args)
          : command.equals("init") ? new NodeCommands(kc).init(args) : new NodeCommands(kc).status(args);
    } catch (IllegalArgumentException e) {
      return KwbaseCall.failed(command, e.getMessage());
    }
  }

  /** deploy.sh's poll of {@code kwbase node status} on this host: whether it answers. */
  static boolean answers(DeployScript.Call call) {
    HostMode mode = call.mode();
    boolean insecure = !mode.secureMode().equals("tls") && !mode.secureMode().equals("tlcp");
    Connection.Reached r = Connection.open(call.cluster(), call.host(), "127.0.0.1:" + mode.port(), insecure,
        call.sandbox().resolve(CERTS), Connection.Channel.SQL, "");
    return r.error() == null && call.cluster().nodeOf(r.host()) != null;
  }
}
