package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster's ZooKeeper as OpenMLDB uses it (reference §8): tablet nodes under
 * {@code <root>/nodes}, the name servers' election nodes under {@code <root>/leader} (lowest
 * sequence leads), and {@code <root>/config/auto_failover}. Changes are told to the watcher, the
 * way the leader name server watches these paths.
 */
final class ZooKeeper {
  /** Who hears about node changes: the name server. */
  interface Watcher {
    void tabletUp(String host, long now);

    void tabletDown(String host, long now);

    void leaderChanged(String host, long now);
  }

  private final Set<String> tablets = new LinkedHashSet<>();
  private final TreeMap<Long, String> electionNodes = new TreeMap<>();
  private long sequence;
  private boolean autoFailover = true;
  private Watcher watcher;

  void watch(Watcher w) {
    this.watcher = w;
  }

  void addTablet(String host, long now) {
    if (tablets.add(host)) watcher.tabletUp(host, now);
  }

  void removeTablet(String host, long now) {
    if (tablets.remove(host)) watcher.tabletDown(host, now);
  }

  boolean hasTablet(String host) {
    return tablets.contains(host);
  }

  Set<String> tablets() {
    return Set.copyOf(tablets);
  }

  void addNameServer(String host, long now) {
    String before = leader();
    electionNodes.put(++sequence, host);
    if (!Objects.equals(before, leader())) watcher.leaderChanged(leader(), now);
  }

  void removeNameServer(String host, long now) {
    String before = leader();
    electionNodes.values().removeIf(host::equals);
    if (!Objects.equals(before, leader())) watcher.leaderChanged(leader(), now);
  }

  /** The leader name server's host, or null when none runs. */
  String leader() {
    Map.Entry<Long, String> first = electionNodes.firstEntry();
    return first == null ? null : first.getValue();
  }

  /** Name servers in election order, each once (what {@code showns} lists). */
  List<String> nameServers() {
    return new ArrayList<>(new LinkedHashSet<>(electionNodes.values()));
  }

  boolean autoFailover() {
    return autoFailover;
  }

  void autoFailover(boolean value) {
    autoFailover = value;
  }
}
