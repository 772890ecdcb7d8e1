package opsplay.lab.kwdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a kwbase server was asked to start: the subcommand ({@code start}, {@code start-single-replica},
 * {@code start-single-node}) and the flags the lab acts on. Both {@code kwbase start …} and the
 * kaiwudb unit's {@code ExecStart=} line are read into one of these.
 */
record StartSpec(String mode, boolean insecure, Path certsDir, Path store, String storeText, String listen,
    String advertise, String brpc, List<String> join, String locality, boolean background) {

  static final Set<String> BOOLEANS = Set.of("insecure", "background", "tlcp", "upgrade-complete", "use-raft-store");
  static final Set<String> VALUED = Set.of("certs-dir", "store", "listen-addr", "advertise-addr", "http-addr",
      "brpc-addr", "join", "locality", "cache", "max-sql-memory", "pid-file", "external-io-dir", "log-dir",
      "restful-port", "attrs", "cluster-name", "ts-store", "store-encryption", "host", "port", "http-port",
      "advertise-host", "sql-addr", "advertise-sql-addr", "locality-advertise-addr", "temp-dir", "max-disk-temp-storage");
  static final Map<Character, String> SHORTHANDS = Map.of('s', "store", 'j', "join");

  /**
   * Reads the flags after the subcommand. Throws IllegalArgumentException with the message kwbase
   * prints for a bad flag, a missing {@code --join}, or a {@code --brpc-addr} without a port.
   */
  static StartSpec parse(String mode, List<String> args, Sandbox sandbox, String home) {
    Flags f = Flags.parse(args, BOOLEANS, VALUED, SHORTHANDS);
    if (!f.positionals().isEmpty()) {
      throw new IllegalArgumentException("unknown command \"" + f.positionals().get(0) + "\" for \"kwbase " + mode + "\"");
    }
    List<String> join = new ArrayList<>();
    f.all("join").forEach(j -> List.of(j.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(join::add));
    if (join.isEmpty() && !mode.equals("start-single-node")) {
      throw new IllegalArgumentException("no --join flags provided to 'kwbase " + mode + "'");
    }
    String brpc = f.get("brpc-addr", ":27257");
    if (!brpc.contains(":") || brpc.endsWith(":")) {
      throw new IllegalArgumentException("failed to start server: --brpc-addr's port not specified");
    }
    String storeText = storeDir(f.get("store", "kwbase-data"));
    String certs = f.get("certs-dir", home + "/.kwbase-certs");
    String listen = f.get("listen-addr", f.get("host", "") + ":" + f.get("port", "26257"));
    return new StartSpec(mode, f.on("insecure"), sandbox.resolve(certs), sandbox.resolve(storeText), storeText, listen,
        f.get("advertise-addr", listen), brpc, join, f.has("locality") ? f.get("locality", null) : null, f.on("background"));
  }

  /** {@code --store=/var/lib/kaiwudb} or {@code --store=path=/var/lib/kaiwudb,size=…}: the directory. */
  private static String storeDir(String spec) {
    for (String part : spec.split(",")) {
      if (part.startsWith("path=")) {
        return part.substring(5);
      }
    }
    return spec.contains("=") ? "kwbase-data" : spec;
  }

  /** The SQL port the server listens on (kwbase's default 26257 when the flag gives none). */
  int port() {
    String p = listen.substring(listen.lastIndexOf(':') + 1);
    return p.isEmpty() ? 26257 : Integer.parseInt(p);
  }

  /** The host part the server advertises, or null when it advertises none (listening on all addresses). */
  String advertisedHost() {
    String h = advertise.contains(":") ? advertise.substring(0, advertise.lastIndexOf(':')) : advertise;
    return h.isEmpty() || h.equals("0.0.0.0") ? null : h;
  }
}
