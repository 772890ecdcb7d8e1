package opsplay.exec;

import java.util.HashSet;
import java.util.Set;
import opsplay.core.Task;

/**
 * Decides which tasks run: {@code --tags} (tasks tagged {@code always} run too, those tagged
 * {@code never} only when named), {@code --skip-tags},
 * and {@code --start-at-task} (every task before the named one is passed over; a task without a
 * name is named as the output shows it, {@code ssh (pb.yml:4:7)}).
 */
final class TaskFilter {
  private final Set<String> tags;
  private final Set<String> skipTags;
  private final String startAt;
  private boolean started;

  TaskFilter(RunOptions options) {
    this.tags = options.tags();
    this.skipTags = options.skipTags();
    this.startAt = options.startAtTask();
    this.started = startAt == null;
  }

  /** Whether a task (not a block) with these inherited tags runs. Not thread-safe: call from the Runner's thread. */
  boolean runs(Task task, Set<String> inherited) {
    if (!started) {
      if (startAt.equals(task.displayName())) started = true;
      else return false;
    }
    Set<String> all = new HashSet<>(inherited);
    all.addAll(task.tags());
    if (all.stream().anyMatch(skipTags::contains)) return false;
    // tagged never: only when --tags names it or another of its tags (not by default, nor by all)
    if (all.contains("never")) return all.stream().anyMatch(tags::contains);
    if (tags.isEmpty() || tags.contains("all") || all.contains("always")) return true;
    if (tags.contains("untagged") && all.isEmpty()) return true;
    return all.stream().anyMatch(tags::contains);
  }

  /** False when --start-at-task named a task that never came. */
  boolean foundStart() {
    return started;
  }
}
