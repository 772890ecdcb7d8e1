package opsplay.connect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;

/**
 * Makes each host's connection from its variables: {@link LocalConnection} for
 * {@code connection: local}, else {@link SshConnection}. Nothing connects here; a connection
 * logs in on its first use. Settings that cannot work (a clear-text password, a port that is not
 * a number) give a connection that fails on first use with a message naming the host. Made once
 * per run: its connections share the key and known_hosts files they read.
 */
public final class Connector implements Connection.Factory {
  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private final Map<String, String> env;
  private final Path home;
  private final String localUser;
  private final SshConnection.Clients clients = new SshConnection.Clients();

  /**
   * @param env the environment {@code ssh_password: env:NAME} reads
   * @param home the home directory: {@code ~}, default keys and known_hosts
   * @param localUser the login name when {@code ssh_user} is not set
   */
  public Connector(Map<String, String> env, Path home, String localUser) {
    this.env = Map.copyOf(env);
    this.home = home;
    this.localUser = localUser;
  }

  /**
   * Called by the Runner (any thread) once per host; cheap, never blocks or connects. Unusable
   * settings give a connection whose every call throws a ConnectionException that says why.
   */
  @Override
  public Connection create(String host, Map<String, Object> vars) {
    try {
      String kind = text(vars, "connection");
      if ("local".equals(kind)) return new LocalConnection();
      if (kind != null && !kind.equals("ssh")) {
        throw new IllegalArgumentException("connection '" + kind + "' is not known (ssh or local)");
      }
      return new SshConnection(target(host, vars), clients);
    } catch (IllegalArgumentException e) {
      return new RefusedConnection(host + ": " + e.getMessage());
    }
  }

  /** The password behind {@code ssh_password}, when it can be read; nothing otherwise. */
  @Override
  public List<String> secrets(Map<String, Object> vars) {
    String password = text(vars, "ssh_password");
    if (password == null) return List.of();
    try {
      return List.of(PasswordReference.parse(password, env, home).read());
    } catch (IllegalArgumentException | ConnectionException e) {
      return List.of();
    }
  }

  /** Reads the SSH settings; throws IllegalArgumentException naming the variable that is wrong. */
  SshTarget target(String host, Map<String, Object> vars) {
    String address = orElse(text(vars, "address"), host);
    int port = (int) number(vars, "ssh_port", 22, 1, 65535);
    String user = orElse(text(vars, "ssh_user"), localUser);
    String key = text(vars, "ssh_key");
    List<Path> keys = key != null ? List.of(expandHome(key, home))
        : DEFAULT_KEYS.stream().map(k -> home.resolve(".ssh").resolve(k)).toList();
    String password = text(vars, "ssh_password");
    PasswordReference ref = password == null ? null : PasswordReference.parse(password, env, home);
    String knownHosts = text(vars, "ssh_known_hosts");
    Path knownHostsFile = knownHosts != null ? expandHome(knownHosts, home) : home.resolve(".ssh/known_hosts");
    boolean check = flag(vars, "ssh_host_key_checking", true);
    long timeout = number(vars, "ssh_connect_timeout", 10, 1, 3600);
    return new SshTarget(host, address, port, user, keys, key != null, ref, knownHostsFile, check,
        Duration.ofSeconds(timeout));
  }

  /** {@code ~} and {@code ~/x} are under {@code home}; other paths are taken as written. */
  static Path expandHome(String path, Path home) {
    if (path.equals("~")) return home;
    if (path.startsWith("~/")) return home.resolve(path.substring(2));
    return Path.of(path);
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String text(Map<String, Object> vars, String name) {
    Object v = vars.get(name);
    if (v == null) return null;
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      String s = v.toString().strip();
      return s.isEmpty() ? null : s;
    }
    throw new IllegalArgumentException(name + " must be a single value, not " + describe(v));
  }

  private static long number(Map<String, Object> vars, String name, long fallback, long min, long max) {
    Object v = vars.get(name);
    long n;
    if (v == null) {
      return fallback;
    } else if (v instanceof Integer || v instanceof Long) {
      n = ((Number) v).longValue();
    } else if (v instanceof String s && s.strip().matches("[0-9]{1,9}")) {
      n = Long.parseLong(s.strip());
    } else {
      throw new IllegalArgumentException(name + " must be a whole number, not " + describe(v));
    }
    if (n < min || n > max) throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + n);
    return n;
  }

  private static boolean flag(Map<String, Object> vars, String name, boolean fallback) {
    Object v = vars.get(name);
    if (v == null) return fallback;
    if (v instanceof Boolean b) return b;
    String s = v.toString().strip().toLowerCase(Locale.ROOT);
    if (List.of("true", "yes", "on").contains(s)) return true;
    if (List.of("false", "no", "off").contains(s)) return false;
    throw new IllegalArgumentException(name + " must be true or false, not " + describe(v));
  }

  private static String describe(Object v) {
    if (v instanceof Map) return "a map";
    if (v instanceof List) return "a list";
    return "'" + v + "'";
  }
}
