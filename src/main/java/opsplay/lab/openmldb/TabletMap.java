package opsplay.lab.openmldb;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The leader name server's tablet map: every tablet it has seen, kHealthy or kOffline, and since
 * when. Entries are never removed (a stopped tablet stays kOffline); only a new leader, which builds
 * its map from the tablets registered at that moment, forgets the others (reference §3.1).
 */
final class TabletMap {
  /** A tablet's state and when it last changed (the {@code age} column counts from there). */
  record Entry(boolean healthy, long since) {}

  private final Map<String, Entry> entries = new HashMap<>();

  void online(String host, long now) {
    entries.put(host, new Entry(true, now));
  }

  void offline(String host, long now) {
    if (entries.containsKey(host)) entries.put(host, new Entry(false, now));
  }

  void reset(Collection<String> registered, long now) {
    entries.clear();
    registered.forEach(h -> online(h, now));
  }

  boolean known(String host) {
    return entries.containsKey(host);
  }

  boolean healthy(String host) {
    Entry e = entries.get(host);
    return e != null && e.healthy();
  }

  /** When the tablet went offline, if it is offline. */
  Optional<Long> offlineSince(String host) {
    Entry e = entries.get(host);
    return e == null || e.healthy() ? Optional.empty() : Optional.of(e.since());
  }

  Map<String, Entry> entries() {
    return Map.copyOf(entries);
  }
}
