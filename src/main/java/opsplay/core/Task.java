package opsplay.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task as written: either an action (with {@code action} set) or a block with rescue and
 * always lists. Keywords that are absent are null (conditions, templates) or empty. {@code vars}
 * are the variables an {@code include} gives its tasks (above facts, below extra vars).
 */
public record Task(
    SourcePos pos,
    String name,
    String actionName,
    Action action,
    Condition when,
    String register,
    Value loop,
    String loopVar,
    Set<String> tags,
    Template delegateTo,
    boolean runOnce,
    boolean ignoreErrors,
    Condition changedWhen,
    Condition failedWhen,
    boolean noLog,
    Boolean checkMode,
    Duration timeout,
    Boolean become,
    String becomeUser,
    Map<String, Template> environment,
    int retries,
    Duration delay,
    Condition until,
    List<Task> block,
    List<Task> rescue,
    List<Task> always,
    Map<String, Value> vars) {
  public Task {
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    environment = environment == null ? Map.of() : environment;
    block = block == null ? List.of() : List.copyOf(block);
    rescue = rescue == null ? List.of() : List.copyOf(rescue);
    always = always == null ? List.of() : List.copyOf(always);
    vars = vars == null ? Map.of() : vars;
    loopVar = loopVar == null ? "item" : loopVar;
  }

  public boolean isBlock() {
    return action == null;
  }

  /** The name shown to users: the task's name, or the action and where it was written. */
  public String displayName() {
    if (name != null && !name.isEmpty()) return name;
    return (isBlock() ? "block" : actionName) + " (" + pos + ")";
  }
}
