package opsplay.lab.kwdb;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opsplay.lab.Invocation;
import opsplay.lab.Output;

/**
 * One run of a kwbase client command: the cluster, the host it runs on, its sandbox, whether
 * stdout is a terminal, and the connection and format flags every client command shares.
 * A terminal is recognised by {@code SSH_TTY} in the environment, which sshd sets only when the
 * session has a pseudo-terminal; without one kwbase prints TSV (reference §2.1).
 */
record KwbaseCall(Cluster cluster, Host self, Sandbox sandbox, boolean tty, String home) {

  static final Set<String> CLIENT_BOOLEANS = Set.of("insecure", "tlcp", "echo-sql");
  static final Set<String> CLIENT_VALUED = Set.of("host", "certs-dir", "url", "format", "timeout", "cluster-name",
      "cert-principal-map", "user", "port");

  static KwbaseCall of(Cluster cluster, Invocation call) {
    Host self = cluster.hosts.get(call.host());
    String home = call.env().getOrDefault("HOME", "/root");
    return new KwbaseCall(cluster, self, new Sandbox(call.sandbox(), call.cwd()), call.env().containsKey("SSH_TTY"), home);
  }

  /** The shared client flags, read; {@code positionals} are the command's own arguments. */
  record Client(String host, boolean insecure, Path certsDir, TableFormat format, Flags flags) {
    List<String> positionals() {
      return flags.positionals();
    }
  }

  /** Reads client flags plus a command's own; throws IllegalArgumentException with kwbase's message. */
  Client client(List<String> args, Set<String> booleans, Set<String> valued) {
    Set<String> b = new HashSet<>(CLIENT_BOOLEANS);
    b.addAll(booleans);
    Set<String> v = new HashSet<>(CLIENT_VALUED);
    v.addAll(valued);
    Flags f = Flags.parse(args, b, v, Map.of());
    String format = f.get("format", tty ? "table" : "tsv");
    TableFormat fmt = TableFormat.parse(format).orElseThrow(() -> new IllegalArgumentException(TableFormat.invalid(format)));
    String host = f.get("host", "localhost");
    boolean insecure = f.on("insecure");
    String url = f.get("url", null);
    if (url != null) {
      // postgresql://root@HOST:PORT/db?sslmode=disable: the address, and insecure when TLS is off.
      host = url.replaceFirst("^[a-z]+://([^@/]*@)?", "").replaceFirst("[/?].*$", "");
      insecure = insecure || url.contains("sslmode=disable");
    }
    return new Client(host, insecure, sandbox.resolve(f.get("certs-dir", home + "/.kwbase-certs")), fmt, f);
  }

  Connection.Reached connect(Client c, Connection.Channel channel, String rpcPrefix) {
    return Connection.open(cluster, self, c.host(), c.insecure(), c.certsDir(), channel, rpcPrefix);
  }

  /** kwbase's error output: {@code ERROR: <message>}, then {@code Failed running "<command>"}, exit 1. */
  static Output failed(String command, String message) {
    return new Output(1, "", "ERROR: " + message + "\nFailed running \"" + command + "\"\n");
  }

  /** What a client sees from a node that is up but has not joined a cluster: no answer, ever. */
  static Output hangs() {
    return Output.hangs("", "");
  }
}
