package opsplay.lab.openmldb;

import java.util.List;

/**
 * One name-server operation ({@code OPData}): what it works on, its queue, its tasks and how far it
 * got. Mutable: the {@link OpEngine} moves it from kInited to kDoing to kDone or kFailed.
 */
final class Op {
  final long id;
  final OpType type;
  final PartitionRef ref;
  final int queue;
  final List<Task> tasks;
  private OpStatus status = OpStatus.kInited;
  private int current;
  private boolean dispatched;
  private long dispatchedAt;
  private long startSecond;
  private long endSecond;

  Op(long id, OpType type, PartitionRef ref, int queue, List<Task> tasks) {
    this.id = id;
    this.type = type;
    this.ref = ref;
    this.queue = queue;
    this.tasks = List.copyOf(tasks);
  }

  OpStatus status() {
    return status;
  }

  /** Start time in epoch seconds; 0 for an op that has not started (printed {@code -}). */
  long startSecond() {
    return startSecond;
  }

  long endSecond() {
    return endSecond;
  }

  /** What {@code showopstatus} prints as cur_task: kInited and kDone ops show {@code -}. */
  String curTask() {
    return status == OpStatus.kInited || status == OpStatus.kDone ? "-" : task().type().name();
  }

  Task task() {
    return tasks.get(current);
  }

  boolean dispatched() {
    return dispatched;
  }

  long dispatchedAt() {
    return dispatchedAt;
  }

  void start(long epochSecond) {
    status = OpStatus.kDoing;
    startSecond = epochSecond;
  }

  void dispatch(long now) {
    dispatched = true;
    dispatchedAt = now;
  }

  /** The current task is done; true when it was the last. */
  boolean next() {
    dispatched = false;
    if (current + 1 < tasks.size()) {
      current++;
      return false;
    }
    return true;
  }

  void end(OpStatus outcome, long epochSecond) {
    status = outcome;
    endSecond = epochSecond;
  }
}
