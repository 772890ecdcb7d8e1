package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the name server does about dead and returning tablets: {@code offlineendpoint} and
 * {@code recoverendpoint}, and, with auto_failover on, the same on its own (reference §4.5, §5).
 * A tablet offline for the heartbeat timeout has its replicas marked not alive and is taken out
 * of its partitions; a tablet that registers again has its dead replicas recovered.
 */
final class Failover {
  private final Catalog catalog;
  private final TaskChains chains;
  private final NameServer.Submitter submit;
  private final ZooKeeper zk;
  private final TabletMap tablets;
  private final long heartbeatMillis;
  private final Map<String, Long> due = new TreeMap<>();

  Failover(Catalog catalog, TaskChains chains, NameServer.Submitter submit, ZooKeeper zk, TabletMap tablets,
      Rates rates) {
    this.catalog = catalog;
    this.chains = chains;
    this.submit = submit;
    this.zk = zk;
    this.tablets = tablets;
    this.heartbeatMillis = rates.heartbeatTimeout().toMillis();
  }

  void tabletDown(String host, long now) {
    due.put(host, now + heartbeatMillis);
  }

  void tabletUp(String host, boolean wasOffline, long now) {
    due.remove(host);
    if (wasOffline && zk.autoFailover()) recoverEndpoint(host, 0, now);
  }

  /** A new leader never saw the old offline tablets, so it has nothing to wait for. */
  void newLeader() {
    due.clear();
  }

  long nextEvent() {
    return due.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
  }

  void fire(long now) {
    for (Map.Entry<String, Long> e : new ArrayList<>(due.entrySet())) {
      if (e.getValue() > now) continue;
      due.remove(e.getKey());
      if (!zk.autoFailover() || tablets.healthy(e.getKey())) continue;
      for (PartitionRef ref : catalog.partitionsOn(e.getKey())) {
        catalog.change(ref, p -> p.change(e.getKey(), r -> r.alive(false)));
      }
      offlineEndpoint(e.getKey(), 0, now);
    }
  }

  /**
   * Per partition on the tablet: a single replica is marked not alive; a leader, or any partition
   * without an alive leader, gets an automatic changeleader; a follower is taken offline.
   */
  void offlineEndpoint(String host, int concurrency, long now) {
    for (PartitionRef ref : catalog.partitionsOn(host)) {
      Partition p = catalog.partition(ref).orElseThrow();
      Replica replica = p.on(host).orElseThrow();
      int queue = NameServer.queue(ref.pid(), concurrency);
      Optional<Replica> leader = p.aliveLeader();
      if (p.replicas().size() == 1) {
        submit.submit(chains.updatePartitionStatus(ref, queue, host, false), now);
      } else if (replica.leader() || leader.isEmpty()) {
        submit.submit(chains.changeLeader(ref, queue, null), now);
      } else {
        submit.submit(chains.offlineReplica(ref, queue, leader.get().host(), host), now);
      }
    }
  }

  /** A recovertable for each replica on the tablet that is not alive (an alive one in a shared partition needs none). */
  void recoverEndpoint(String host, int concurrency, long now) {
    List<PartitionRef> refs = catalog.partitionsOn(host);
    for (PartitionRef ref : refs) {
      Partition p = catalog.partition(ref).orElseThrow();
      Replica replica = p.on(host).orElseThrow();
      if (replica.alive() && p.replicas().size() > 1) continue;
      String leader = p.aliveLeader().map(Replica::host).orElse(null);
      int queue = NameServer.queue(ref.pid(), concurrency);
      submit.submit(chains.recoverTable(ref, queue, host, replica.leader(), leader), now);
    }
  }
}
