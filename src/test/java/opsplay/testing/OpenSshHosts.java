package opsplay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Real OpenSSH servers for tests: N {@code /usr/sbin/sshd} daemons on 127.0.0.2 … 127.0.0.(N+1),
 * each on a free port with its own ed25519 host key, logging in the user named by the system
 * property {@code it.ssh.user} (default {@code runnertest}) with a generated client key. Needs
 * root; when sshd, root or the user is missing the calling tests are skipped, or fail when the
 * environment variable {@code CI} is {@code true}.
 */
public final class OpenSshHosts implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  /** One running sshd. */
  private record Daemon(String name, String address, int port, Process process, Path log, String hostKey) {
    String knownHostsLine(String key) {
      return "[" + address + "]:" + port + " " + key;
    }
  }

  private final Path dir;
  private final String user;
  private final ClientKey clientKey;
  private final Path knownHosts;
  private final List<Daemon> daemons;

  private OpenSshHosts(Path dir, String user, ClientKey clientKey, Path knownHosts, List<Daemon> daemons) {
    this.dir = dir;
    this.user = user;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.daemons = List.copyOf(daemons);
  }

  /** Starts {@code n} daemons with their files under {@code dir}; waits until each listens. */
  public static OpenSshHosts start(int n, Path dir) {
    String user = System.getProperty("it.ssh.user", "runnertest");
    requireUsable(user);
    List<Daemon> started = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      Files.createDirectories(Path.of("/run/sshd"));
      openUp(dir);
      ClientKey key = ClientKey.ed25519(dir.resolve("id_ed25519"));
      Path authorized = Files.writeString(dir.resolve("authorized_keys"), key.publicKey() + "\n");
      Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
      for (int i = 1; i <= n; i++) started.add(startDaemon("h" + i, "127.0.0." + (i + 1), dir.resolve("h" + i), authorized));
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(knownHosts, started.stream().map(d -> d.knownHostsLine(d.hostKey()) + "\n").collect(Collectors.joining()));
      return new OpenSshHosts(dir, user, key, knownHosts, started);
    } catch (IOException | RuntimeException e) {
      started.forEach(d -> d.process().destroy());
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static void requireUsable(String user) {
    String missing = null;
    try {
      if (!Files.isExecutable(SSHD)) missing = SSHD + " is not installed";
      else if (!((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).equals(0)) missing = "sshd needs root";
      else if (Files.readAllLines(Path.of("/etc/passwd")).stream().noneMatch(l -> l.startsWith(user + ":"))) {
        missing = "the login user " + user + " does not exist (see .ci/run)";
      }
    } catch (IOException | UnsupportedOperationException e) {
      missing = "cannot check the machine: " + e.getMessage();
    }
    if (missing == null) return;
    if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("OpenSSH tests cannot run: " + missing);
    Assumptions.abort("OpenSSH tests skipped: " + missing);
  }

  /** sshd reads authorized_keys as the login user: the directories must let others in. */
  private static void openUp(Path dir) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      perms.addAll(PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(p, perms);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Daemon startDaemon(String name, String address, Path home, Path authorized) throws IOException {
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path hostKey = home.resolve("ssh_host_ed25519_key");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", hostKey.toString());
    String publicKey = publicKey(hostKey.resolveSibling("ssh_host_ed25519_key.pub"));
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort(address);
      Path config = Files.writeString(home.resolve("sshd_config"), config(address, port, hostKey, home, authorized));
      Path log = home.resolve("sshd.log");
      Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        awaitListening(p, log, address, port);
        return new Daemon(name, address, port, p, log, publicKey);
      } catch (IOException e) {
        p.destroy();
        last = e;
      }
    }
    throw last;
  }

  private static String config(String address, int port, Path hostKey, Path home, Path authorized) {
    return String.join("\n",
        "ListenAddress " + address + ":" + port,
        "HostKey " + hostKey,
        "PidFile " + home.resolve("sshd.pid"),
        "AuthorizedKeysFile " + authorized,
        "StrictModes no",
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "MaxStartups 100:30:200",
        "MaxSessions 50",
        "PrintMotd no",
        "Subsystem sftp internal-sftp",
        "LogLevel VERBOSE", "");
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return s.getLocalPort();
    }
  }

  /** Waits for this daemon's own "Server listening" line (another process may hold the port). */
  private static void awaitListening(Process p, Path log, String address, int port) throws IOException {
    String ready = "Server listening on " + address + " port " + port;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.contains(ready)) return;
      if (!p.isAlive()) throw new IOException("sshd on " + address + ":" + port + " exited: " + text.strip());
      sleep(20);
    }
    throw new IOException("sshd on " + address + ":" + port + " did not start within " + START_TIMEOUT.toSeconds() + "s");
  }

  private static String publicKey(Path pub) throws IOException {
    String[] words = Files.readString(pub).strip().split("\\s+");
    return words[0] + " " + words[1];
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Writes an inventory with every host in group {@code targets}: host lines indented 8 spaces,
   * the connection settings as variables of {@code all}. Tests edit it as text, so the string
   * {@code hosts:} occurs exactly once (hence the quoted {@code 'ssh_known_hosts'} key).
   */
  public Path writeInventory(Path file) {
    StringBuilder yaml = new StringBuilder("all:\n")
        .append("  vars: {ssh_user: ").append(user).append(", ssh_key: ").append(clientKey.privateKey())
        .append(", 'ssh_known_hosts': ").append(knownHosts).append("}\n")
        .append("  children:\n    targets:\n      hosts:\n");
    for (Daemon d : daemons) {
      yaml.append("        ").append(d.name()).append(": {address: ").append(d.address())
          .append(", ssh_port: ").append(d.port()).append("}\n");
    }
    try {
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** h1 … hN. */
  public List<String> names() {
    return daemons.stream().map(Daemon::name).toList();
  }

  /** The login user. */
  public String user() {
    return user;
  }

  public Path knownHosts() {
    return knownHosts;
  }

  public Path clientKey() {
    return clientKey.privateKey();
  }

  /** The connection variables for one host, as the inventory gives them. */
  public Map<String, Object> vars(String host) {
    Daemon d = daemon(host);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("address", d.address());
    vars.put("ssh_port", d.port());
    vars.put("ssh_user", user);
    vars.put("ssh_key", clientKey.privateKey().toString());
    vars.put("ssh_known_hosts", knownHosts.toString());
    return vars;
  }

  /** Logins each daemon has accepted so far (its log's "Accepted publickey for" lines). */
  public Map<String, Integer> acceptedConnections() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Daemon d : daemons) {
      try (var lines = Files.lines(d.log())) {
        counts.put(d.name(), (int) lines.filter(l -> l.contains("Accepted publickey for")).count());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return counts;
  }

  /** known_hosts text in which {@code host} has another key than its own, as after a reinstall. */
  public String knownHostsWithWrongKeyFor(String host) {
    Path other = dir.resolve("wrong-" + host + "-" + System.nanoTime());
    try {
      run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
      String wrong = publicKey(other.resolveSibling(other.getFileName() + ".pub"));
      return daemons.stream().map(d -> d.knownHostsLine(d.name().equals(host) ? wrong : d.hostKey()) + "\n")
          .collect(Collectors.joining());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Daemon daemon(String host) {
    return daemons.stream().filter(d -> d.name().equals(host)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no host " + host + " (" + names() + ")"));
  }

  /** Stops every daemon (sessions still open end with it). */
  @Override
  public void close() {
    for (Daemon d : daemons) d.process().destroy();
    for (Daemon d : daemons) {
      try {
        d.process().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
