package opsplay.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a lab lives, decided before anything listens: its folder {@code DIR/<kind>-<n>/}, its
 * number {@code L} (host {@code i} gets the address {@code 127.77.L.i}, so labs never share an
 * address; the model is told them), a free SSH port per host, and each host's sandbox
 * {@code DIR/<kind>-<n>/<host>/}.
 */
public record LabLayout(String id, Path dir, int number, List<LabHost> hosts) {
  static final String PREFIX = "127.77.";
  private static final int TRIES = 40;

  public LabLayout {
    hosts = List.copyOf(hosts);
  }

  public Path inventory() {
    return dir.resolve("inventory.yml");
  }

  public Path clientKey() {
    return dir.resolve("id_lab");
  }

  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** A model and where its hosts live. */
  record Planned(LabCluster cluster, LabLayout layout) {}

  /**
   * Makes the lab's folder under {@code labsDir}, picks the lab's number and makes the model with
   * its hosts' addresses (again with another number while its SQL ports are taken), and a free SSH
   * port per host.
   */
  static Planned plan(LabSettings settings, ClusterKinds kinds, Path labsDir) throws IOException {
    Path dir = newFolder(labsDir.toAbsolutePath().normalize(), settings.kind());
    try {
      int start = ThreadLocalRandom.current().nextInt(0, 254);
      for (int i = 0; i < TRIES; i++) {
        int number = (start + i * 37) % 254 + 1;
        List<String> addresses = new ArrayList<>();
        for (int h = 1; h <= settings.nodes() + settings.spare(); h++) addresses.add(PREFIX + number + "." + h);
        LabCluster cluster = kinds.create(settings, addresses);
        List<LabHost> hosts = hosts(cluster, dir, addresses);
        if (hosts != null) return new Planned(cluster, new LabLayout(dir.getFileName().toString(), dir, number, hosts));
      }
    } catch (IOException | RuntimeException e) {
      LabFolder.remove(dir);
      throw e;
    }
    LabFolder.remove(dir);
    throw new IOException("no free loopback addresses for the lab: on every 127.77.L.* tried its SQL ports are taken");
  }

  /** The first {@code kind-1}, {@code kind-2}, … that does not exist yet, created. */
  private static Path newFolder(Path labsDir, String kind) throws IOException {
    Files.createDirectories(labsDir);
    for (int n = 1; ; n++) {
      try {
        return Files.createDirectory(labsDir.resolve(kind + "-" + n));
      } catch (FileAlreadyExistsException e) {
        // taken by another lab: try the next number
      }
    }
  }

  /** The hosts at {@code addresses}, or null when one of their SQL ports is taken there. */
  private static List<LabHost> hosts(LabCluster cluster, Path dir, List<String> addresses) throws IOException {
    List<LabHost> hosts = new ArrayList<>();
    List<LabCluster.Node> nodes = cluster.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      LabCluster.Node node = nodes.get(i);
      if (!node.name().matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
        throw new IllegalArgumentException("lab host name '" + node.name() + "' is not a plain name (letters, digits, - and _)");
      }
      InetAddress inet = InetAddress.getByName(addresses.get(i));
      if (node.sqlPort() > 0 && !free(inet, node.sqlPort())) return null;
      Path sandbox = dir.resolve(node.name());
      hosts.add(new LabHost(node.name(), addresses.get(i), freePort(inet), node.sqlPort(), sandbox, node.groups(),
          withSandbox(node.vars(), sandbox.toString())));
    }
    return hosts;
  }

  private static boolean free(InetAddress address, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort(InetAddress address) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, 0));
      return s.getLocalPort();
    }
  }

  /** {@code vars} with the text {@code {sandbox}} in every string (also inside lists and maps) replaced. */
  static Map<String, Object> withSandbox(Map<String, Object> vars, String sandbox) {
    Map<String, Object> out = new LinkedHashMap<>();
    vars.forEach((k, v) -> out.put(k, replace(v, sandbox)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object replace(Object value, String sandbox) {
    if (value instanceof String s) return s.replace("{sandbox}", sandbox);
    if (value instanceof List<?> list) return list.stream().map(v -> replace(v, sandbox)).toList();
    if (value instanceof Map<?, ?> map) return withSandbox((Map<String, Object>) map, sandbox);
    return value;
  }
}
