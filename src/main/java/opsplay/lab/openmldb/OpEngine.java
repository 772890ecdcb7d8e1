package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;

/**
 * The name server's op engine (reference §6). Ops wait in queues ({@code pid % concurrency};
 * addreplica always queue 0); only the front op of a queue runs, so ops on one pid run one after
 * another and at most two migrates run at once. A front op starts at once (kDoing, start time set);
 * name-server tasks finish at once, tablet tasks at the next task poll after they were sent. When
 * a task fails the op is kFailed, keeps its current task and the queue moves on. Finished ops stay
 * listed (up to {@code max_op_num}) until a new leader takes over, which keeps only kFailed ones.
 */
final class OpEngine {
  static final int QUEUES = 10;
  private static final int MAX_OP_NUM = 10000;

  /** What the engine asks about tablets: is the process up, and has it been offline past the heartbeat timeout. */
  interface Tablets {
    boolean running(String host);

    boolean pastHeartbeat(String host, long now);
  }

  private final SimClock clock;
  private final Tablets tablets;
  private final List<LinkedList<Op>> queues = new ArrayList<>();
  private final List<Op> finished = new ArrayList<>();
  private final List<OpType> failures = new ArrayList<>();
  private long lastId;

  OpEngine(SimClock clock, Tablets tablets) {
    this.clock = clock;
    this.tablets = tablets;
    for (int i = 0; i < QUEUES; i++) queues.add(new LinkedList<>());
  }

  long nextId() {
    return ++lastId;
  }

  void submit(Op op) {
    queues.get(op.queue).addLast(op);
  }

  /** Fault: the next op of {@code type} that reports a tablet task fails there, as when its tablet stops mid-way. */
  void failNext(OpType type) {
    failures.add(type);
  }

  /** A child op (recovertable's re-add) runs right after its parent, in the parent's queue. */
  void insertAfter(Op parent, Op child) {
    LinkedList<Op> queue = queues.get(parent.queue);
    queue.add(queue.indexOf(parent) + 1, child);
  }

  /** Every op the name server knows, by id (what {@code showopstatus} filters). */
  List<Op> ops() {
    List<Op> all = new ArrayList<>(finished);
    queues.forEach(all::addAll);
    all.sort(Comparator.comparingLong(op -> op.id));
    return all;
  }

  /** Whether a tablet task is out, so the next task poll matters. */
  boolean waiting() {
    return queues.stream().anyMatch(q -> !q.isEmpty() && q.getFirst().dispatched());
  }

  /** A new leader reloads unfinished and failed ops from ZooKeeper; done ones are gone. */
  void newLeader() {
    finished.removeIf(op -> op.status() != OpStatus.kFailed);
  }

  /** The task poll: tablets report finished tasks, then whatever can run now runs. */
  void poll(long now) {
    for (LinkedList<Op> queue : queues) {
      Op op = queue.peekFirst();
      if (op == null || !op.dispatched() || op.dispatchedAt() >= now) continue;
      Task task = op.task();
      if (failures.remove(op.type)) {
        end(op, OpStatus.kFailed, now);
      } else if (tablets.running(task.executor())) {
        boolean peersUp = task.peers().stream().allMatch(tablets::running);
        if (peersUp && task.effect().apply(op)) advance(op, now);
        else end(op, OpStatus.kFailed, now);
      } else if (tablets.pastHeartbeat(task.executor(), now)) {
        end(op, OpStatus.kFailed, now);
      }
    }
    pump(now);
  }

  /** Starts front ops, runs name-server tasks and sends tablet tasks until nothing more can move now. */
  void pump(long now) {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (LinkedList<Op> queue : queues) {
        Op op = queue.peekFirst();
        if (op == null || op.dispatched()) continue;
        moved = true;
        if (op.status() == OpStatus.kInited) op.start(clock.epochSecond(now));
        Task task = op.task();
        if (task.local()) {
          if (task.effect().apply(op)) advance(op, now);
          else end(op, OpStatus.kFailed, now);
        } else if (task.executor() != null && tablets.running(task.executor())) {
          op.dispatch(now);
        } else {
          end(op, OpStatus.kFailed, now);
        }
      }
    }
  }

  private void advance(Op op, long now) {
    if (op.next()) end(op, OpStatus.kDone, now);
  }

  private void end(Op op, OpStatus outcome, long now) {
    op.end(outcome, clock.epochSecond(now));
    queues.get(op.queue).remove(op);
    finished.add(op);
    if (finished.size() > MAX_OP_NUM) finished.remove(0);
  }
}
