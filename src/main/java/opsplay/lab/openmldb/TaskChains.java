package opsplay.lab.openmldb;

import static opsplay.lab.openmldb.Task.onNameServer;
import static opsplay.lab.openmldb.Task.onTablet;
import static opsplay.lab.openmldb.TaskType.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The task chain of each kind of op (reference §4) and what each name-server step changes in the
 * table metadata, which is what {@code showtable} shows while the op runs.
 */
final class TaskChains {
  private final Catalog catalog;
  private final OpEngine engine;
  private final Predicate<String> eligible;

  /** {@code eligible}: a tablet that is running and healthy, so it can be asked to lead. */
  TaskChains(Catalog catalog, OpEngine engine, Predicate<String> eligible) {
    this.catalog = catalog;
    this.engine = engine;
    this.eligible = eligible;
  }

  /** Snapshot from the leader to {@code des}, des joins, then {@code src} is dropped; des goes last in the list. */
  Op migrate(PartitionRef ref, int queue, String leader, String src, String des) {
    return op(OpType.kMigrateOP, ref, queue, List.of(
        onTablet(kPauseSnapshot, leader),
        onTablet(kSendSnapshot, leader, des),
        onTablet(kRecoverSnapshot, leader),
        onTablet(kLoadTable, des),
        onTablet(kAddReplica, leader, des),
        onNameServer(kAddTableInfo, op -> addFollower(ref, des)),
        onNameServer(kCheckBinlogSyncProgress, op -> true),
        onTablet(kDelReplica, leader),
        onNameServer(kUpdateTableInfo, op -> catalog.change(ref, p -> p.change(des, r -> r.alive(true)).without(src))),
        onTablet(kDropTable, src)));
  }

  Op addReplica(PartitionRef ref, String leader, String host) {
    return op(OpType.kAddReplicaOP, ref, 0, List.of(
        onTablet(kPauseSnapshot, leader),
        onTablet(kSendSnapshot, leader, host),
        onTablet(kLoadTable, host),
        onTablet(kAddReplica, leader, host),
        onTablet(kRecoverSnapshot, leader),
        onNameServer(kAddTableInfo, op -> addFollower(ref, host)),
        onNameServer(kCheckBinlogSyncProgress, op -> true),
        onNameServer(kUpdatePartitionStatus, op -> alive(ref, host, true))));
  }

  Op delReplica(PartitionRef ref, int queue, String leader, String host) {
    return op(OpType.kDelReplicaOP, ref, queue, List.of(
        onTablet(kDelReplica, leader),
        onNameServer(kDelTableInfo, op -> catalog.change(ref, p -> p.without(host))),
        onTablet(kDropTable, host)));
  }

  /**
   * Picks a follower (the named one, or with {@code candidate} null the first eligible one, where
   * the real name server picks at random among the followers with the highest offset), makes it
   * leader and marks the old leader not alive; the old leader keeps its leader flag (reference §4.2).
   */
  Op changeLeader(PartitionRef ref, int queue, String candidate) {
    String[] chosen = new String[1];
    return op(OpType.kChangeLeaderOP, ref, queue, List.of(
        onNameServer(kSelectLeader, op -> (chosen[0] = select(ref, candidate)) != null),
        onNameServer(kChangeLeader, op -> eligible.test(chosen[0]) && catalog.change(ref, p -> p
            .with(p.replicas().stream().map(r -> r.leader() && r.alive() ? r.alive(false) : r).toList())
            .change(chosen[0], r -> r.leader(true)))),
        onNameServer(kUpdateLeaderInfo, op -> true)));
  }

  /**
   * Drops a dead follower from the leader, then turns the replica into a follower and re-adds it with
   * a child op right behind this one. The lab always picks the quick re-add (kReAddReplicaSimplifyOP);
   * the real choice depends on the tablet's term and offset against the leader's snapshot.
   */
  Op recoverTable(PartitionRef ref, int queue, String host, boolean metaIsLeader, String leader) {
    List<Task> tasks = new ArrayList<>();
    if (!metaIsLeader) tasks.add(onTablet(kDelReplica, leader));
    tasks.add(onNameServer(kRecoverTable, op -> recover(op, ref, host)));
    return op(OpType.kRecoverTableOP, ref, queue, tasks);
  }

  /** Marks one replica alive or not (a single-replica partition going offline or coming back). */
  Op updatePartitionStatus(PartitionRef ref, int queue, String host, boolean value) {
    return op(OpType.kUpdatePartitionStatusOP, ref, queue,
        List.of(onNameServer(kUpdatePartitionStatus, op -> alive(ref, host, value))));
  }

  /** A follower on a dead tablet: the leader stops sending to it and it is marked not alive. */
  Op offlineReplica(PartitionRef ref, int queue, String leader, String host) {
    return op(OpType.kOfflineReplicaOP, ref, queue, List.of(
        onTablet(kDelReplica, leader),
        onNameServer(kUpdatePartitionStatus, op -> alive(ref, host, false))));
  }

  private Op reAddReplica(PartitionRef ref, int queue, String leader, String host) {
    return op(OpType.kReAddReplicaSimplifyOP, ref, queue, List.of(
        onTablet(kAddReplica, leader, host),
        onNameServer(kCheckBinlogSyncProgress, op -> true),
        onNameServer(kUpdatePartitionStatus, op -> alive(ref, host, true))));
  }

  private boolean recover(Op parent, PartitionRef ref, String host) {
    Optional<Partition> p = catalog.partition(ref);
    if (p.isEmpty() || p.get().on(host).isEmpty() || !eligible.test(host)) return false;
    Op child;
    if (p.get().replicas().size() == 1) {
      child = updatePartitionStatus(ref, parent.queue, host, true);
    } else {
      Optional<Replica> leader = p.get().aliveLeader();
      if (leader.isEmpty() || leader.get().host().equals(host)) return false;
      catalog.change(ref, q -> q.change(host, r -> r.leader(false)));
      child = reAddReplica(ref, parent.queue, leader.get().host(), host);
    }
    engine.insertAfter(parent, child);
    return true;
  }

  private String select(PartitionRef ref, String candidate) {
    List<String> followers = catalog.partition(ref).stream().flatMap(p -> p.replicas().stream())
        .filter(r -> !r.leader() && r.alive() && eligible.test(r.host())).map(Replica::host).toList();
    if (candidate != null) return followers.contains(candidate) ? candidate : null;
    return followers.isEmpty() ? null : followers.get(0);
  }

  // A dead replica already on the destination is only found here (reference §4.1).
  private boolean addFollower(PartitionRef ref, String host) {
    Optional<Partition> p = catalog.partition(ref);
    if (p.isEmpty() || p.get().on(host).isPresent()) return false;
    return catalog.change(ref, q -> q.append(Replica.added(host)));
  }

  private boolean alive(PartitionRef ref, String host, boolean value) {
    Optional<Partition> p = catalog.partition(ref);
    return p.isPresent() && p.get().on(host).isPresent() && catalog.change(ref, q -> q.change(host, r -> r.alive(value)));
  }

  private Op op(OpType type, PartitionRef ref, int queue, List<Task> tasks) {
    return new Op(engine.nextId(), type, ref, queue, tasks);
  }
}
