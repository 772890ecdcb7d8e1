package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything runs: the hosts in inventory order (tablets {@code n1..}, then spares), which
 * of them run a name server, and the endpoints. Every host has its own tablet and name-server port,
 * so endpoints stay unique even when every host shares one address; the address of a host is
 * {@code 127.0.0.1} until the lab says otherwise.
 */
final class Layout {
  static final String ZK_CLUSTER = "127.0.0.1:2181";
  static final String ZK_ROOT = "/openmldb";
  static final int TABLET_PORT = 10921;
  static final int NAMESERVER_PORT = 7527;

  /** One host: its inventory name, 1-based position, and what runs there when the cluster starts. */
  record Host(String name, int index, boolean tablet, boolean nameserver) {}

  private final List<Host> hosts = new ArrayList<>();
  private final Map<String, String> addresses = new HashMap<>();

  Layout(int tablets, int spare, int nameservers) {
    for (int i = 1; i <= tablets + spare; i++) hosts.add(new Host("n" + i, i, i <= tablets, i <= nameservers));
  }

  List<Host> hosts() {
    return List.copyOf(hosts);
  }

  Host host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no OpenMLDB lab host '" + name + "'"));
  }

  void address(String host, String address) {
    host(host);
    addresses.put(host, address);
  }

  String address(String host) {
    return addresses.getOrDefault(host, "127.0.0.1");
  }

  String tabletEndpoint(String host) {
    return address(host) + ":" + (TABLET_PORT + host(host).index() - 1);
  }

  String nameServerEndpoint(String host) {
    return address(host) + ":" + (NAMESERVER_PORT + host(host).index() - 1);
  }

  /** The host whose tablet answers at {@code endpoint}, if any. */
  Optional<String> tabletHost(String endpoint) {
    return hosts.stream().map(Host::name).filter(h -> tabletEndpoint(h).equals(endpoint)).findFirst();
  }

  Optional<String> nameServerHost(String endpoint) {
    return hosts.stream().map(Host::name).filter(h -> nameServerEndpoint(h).equals(endpoint)).findFirst();
  }

  List<String> tablets() {
    return hosts.stream().filter(Host::tablet).map(Host::name).toList();
  }

  List<String> nameServers() {
    return hosts.stream().filter(Host::nameserver).map(Host::name).toList();
  }
}
