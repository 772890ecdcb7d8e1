package opsplay.lab.openmldb;

import java.util.List;

/**
 * One step of an operation. A tablet task runs on {@code executor}'s tablet and is seen done at the
 * name server's next task poll; it fails if the executor or one of {@code peers} (a tablet it sends
 * to) is not running. A name-server task ({@code executor} null, {@link #local}) finishes at once.
 * {@code effect} is what the step changes in the table metadata; false fails the operation.
 */
record Task(TaskType type, boolean local, String executor, List<String> peers, Effect effect) {
  /** A step's change to the cluster; {@code op} is the operation running it (child ops go after it). */
  @FunctionalInterface
  interface Effect {
    boolean apply(Op op);
  }

  Task {
    peers = List.copyOf(peers);
  }

  static Task onTablet(TaskType type, String executor, String... peers) {
    return new Task(type, false, executor, List.of(peers), op -> true);
  }

  static Task onNameServer(TaskType type, Effect effect) {
    return new Task(type, true, null, List.of(), effect);
  }
}
