package opsplay.lab.kwdb;

import java.time.Duration;
import java.time.Instant;

/**
 * One KWDB node: an id the cluster handed out (never reused), where it runs, and its liveness
 * record. Everything {@code node status} shows about liveness is computed here from three
 * instants: when the process started, when it stopped, and whether the stop was graceful.
 */
final class Node {
  /**
   * How long a liveness record stays valid after a heartbeat: 25 raft ticks of 200 ms times the
   * lease multiplier 3 (reference §2.2). A stopped node's row turns unavailable, and leaves plain
   * {@code node status} when decommissioning, this long after its last heartbeat.
   */
  static final Duration LIVENESS = Duration.ofSeconds(15);
  /** Nodes renew their liveness half-way through it. */
  static final Duration HEARTBEAT = Duration.ofMillis(7500);
  /** A stopped node's store descriptor leaves gossip after 2 × 60 s; gossiped_replicas then reads 0. */
  static final Duration STORE_TTL = Duration.ofSeconds(120);
  /** A stopped node's node descriptor leaves gossip after 2 × 1 h; its address columns then read NULL. */
  static final Duration DESCRIPTOR_TTL = Duration.ofHours(2);

  final int id;
  final String host;
  final String address;
  final String locality;
  final String startMode;
  private Instant startedAt;
  private Instant stoppedAt;
  private Instant lastBeatAtStop;
  private Instant livenessUpdatedAt;
  private int replicasAtStop;
  private int epoch = 1;
  boolean draining;
  boolean decommissioning;

  Node(int id, String host, String address, String locality, String startMode, Instant startedAt) {
    this.id = id;
    this.host = host;
    this.address = address;
    this.locality = locality == null ? "region=NODE" + id : locality;
    this.startMode = startMode;
    this.startedAt = startedAt;
  }

  boolean running() {
    return stoppedAt == null;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant stoppedAt() {
    return stoppedAt;
  }

  int epoch() {
    return epoch;
  }

  /** The last heartbeat: every {@link #HEARTBEAT} since the start while running, frozen once stopped. */
  Instant lastBeat(Instant now) {
    if (!running()) {
      return lastBeatAtStop;
    }
    long beats = Duration.between(startedAt, now).toNanos() / HEARTBEAT.toNanos();
    return startedAt.plus(HEARTBEAT.multipliedBy(Math.max(0, beats)));
  }

  Instant expiration(Instant now) {
    return lastBeat(now).plus(LIVENESS);
  }

  /** When the liveness record last changed: the last heartbeat, or the stop when it drained. */
  Instant livenessUpdatedAt(Instant now) {
    return running() ? lastBeat(now) : livenessUpdatedAt;
  }

  boolean available(Instant now) {
    return expiration(now).isAfter(now);
  }

  /** Whether {@code node status} and {@code node ls} without {@code --decommission} still list it. */
  boolean listed(Instant now) {
    return !decommissioning || available(now);
  }

  boolean descriptorGone(Instant now) {
    return !running() && !now.isBefore(stoppedAt.plus(DESCRIPTOR_TTL));
  }

  /** The replica count its store last gossiped, or null once the node descriptor is gone. */
  Integer gossipedReplicas(Instant now, int current) {
    if (running()) {
      return current;
    }
    if (descriptorGone(now)) {
      return null;
    }
    return now.isBefore(stoppedAt.plus(STORE_TTL)) ? replicasAtStop : 0;
  }

  /** Whether the cluster considers the store dead and re-creates its replicas elsewhere. */
  boolean dead(Instant now, Duration timeUntilStoreDead) {
    return !running() && !now.isBefore(stoppedAt.plus(timeUntilStoreDead));
  }

  /**
   * The process ended. A graceful stop (systemctl stop, kwbase quit) drains first, which writes
   * {@code draining = true} into the liveness record; a crash leaves the record as it was.
   */
  void stop(Instant now, boolean graceful, int replicas) {
    lastBeatAtStop = lastBeat(now);
    livenessUpdatedAt = graceful ? now : lastBeatAtStop;
    draining = graceful;
    replicasAtStop = replicas;
    stoppedAt = now;
  }

  /** The same store started again: same id, a new liveness epoch. */
  void restart(Instant now) {
    startedAt = now;
    stoppedAt = null;
    draining = false;
    epoch++;
  }
}
