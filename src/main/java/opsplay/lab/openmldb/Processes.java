package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenMLDB processes on each host, as {@code start.sh} and faults change them. A started process
 * registers in ZooKeeper after {@link Rates#processStart()}; a stopped one leaves at once; a crashed
 * tablet (host down) keeps its node until the ZooKeeper session times out. Name servers leave the
 * election at once either way: the lab does not model the window in which clients still find a
 * dead leader.
 */
final class Processes {
  /** The two components the lab runs, named as {@code start.sh} names them. */
  enum Kind {
    TABLET("tablet"), NAMESERVER("nameserver");

    final String component;

    Kind(String component) {
      this.component = component;
    }
  }

  private record Key(String host, Kind kind) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int byHost = host.compareTo(o.host);
      return byHost != 0 ? byHost : kind.compareTo(o.kind);
    }
  }

  /** A running process: its pid, and when it registers in ZooKeeper (null once registered). */
  private record Proc(int pid, Long registersAt) {}

  private final ZooKeeper zk;
  private final Rates rates;
  private final Map<Key, Proc> running = new TreeMap<>();
  private final Set<Key> pidFiles = new HashSet<>();
  private final Map<String, Long> tabletExpiries = new TreeMap<>();
  private final Set<String> down = new HashSet<>();
  private int nextPid = 23001;

  Processes(ZooKeeper zk, Rates rates) {
    this.zk = zk;
    this.rates = rates;
  }

  /** A process that was already up when the cluster started: running and registered. */
  void boot(String host, Kind kind) {
    Key key = new Key(host, kind);
    running.put(key, new Proc(nextPid++, null));
    pidFiles.add(key);
    register(key, 0);
  }

  boolean running(String host, Kind kind) {
    return running.containsKey(new Key(host, kind));
  }

  OptionalInt pid(String host, Kind kind) {
    Proc p = running.get(new Key(host, kind));
    return p == null ? OptionalInt.empty() : OptionalInt.of(p.pid());
  }

  /** Whether {@code bin/<component>.pid} exists (it outlives a crash; stop removes it). */
  boolean hasPidFile(String host, Kind kind) {
    return pidFiles.contains(new Key(host, kind));
  }

  int start(String host, Kind kind, long now) {
    Key key = new Key(host, kind);
    int pid = nextPid++;
    running.put(key, new Proc(pid, now + rates.processStart().toMillis()));
    pidFiles.add(key);
    return pid;
  }

  void stop(String host, Kind kind, long now) {
    Key key = new Key(host, kind);
    pidFiles.remove(key);
    if (running.remove(key) == null) return;
    unregister(key, now);
  }

  boolean up(String host) {
    return !down.contains(host);
  }

  void hostDown(String host, long now) {
    down.add(host);
    for (Kind kind : Kind.values()) {
      Key key = new Key(host, kind);
      if (running.remove(key) == null) continue;
      if (kind == Kind.TABLET && zk.hasTablet(host)) {
        tabletExpiries.put(host, now + rates.zkSessionTimeout().toMillis());
      } else {
        unregister(key, now);
      }
    }
  }

  void hostUp(String host) {
    down.remove(host);
  }

  /** When the next registration or session expiry is due (Long.MAX_VALUE: none). */
  long nextEvent() {
    long next = Long.MAX_VALUE;
    for (Proc p : running.values()) if (p.registersAt() != null) next = Math.min(next, p.registersAt());
    for (long due : tabletExpiries.values()) next = Math.min(next, due);
    return next;
  }

  void fire(long now) {
    for (Map.Entry<Key, Proc> e : new ArrayList<>(running.entrySet())) {
      Long due = e.getValue().registersAt();
      if (due != null && due <= now) {
        running.put(e.getKey(), new Proc(e.getValue().pid(), null));
        register(e.getKey(), now);
      }
    }
    for (Map.Entry<String, Long> e : new ArrayList<>(tabletExpiries.entrySet())) {
      if (e.getValue() <= now) {
        tabletExpiries.remove(e.getKey());
        if (!running(e.getKey(), Kind.TABLET)) zk.removeTablet(e.getKey(), now);
      }
    }
  }

  private void register(Key key, long now) {
    if (key.kind() == Kind.TABLET) {
      tabletExpiries.remove(key.host());
      // A restart within the session timeout replaces the old node: the name server sees it go and come.
      if (zk.hasTablet(key.host())) zk.removeTablet(key.host(), now);
      zk.addTablet(key.host(), now);
    } else {
      zk.addNameServer(key.host(), now);
    }
  }

  private void unregister(Key key, long now) {
    if (key.kind() == Kind.TABLET) {
      tabletExpiries.remove(key.host());
      zk.removeTablet(key.host(), now);
    } else {
      zk.removeNameServer(key.host(), now);
    }
  }
}
