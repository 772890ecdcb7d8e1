package opsplay.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task as written: either an action (with {@code action} set) or a block with rescue and
 * always lists. Keywords that are absent are null (conditions, templates, the loop) or empty. {@code vars}
 * are the variables an {@code include} gives its tasks (above facts, below extra vars).
 */
public record Task(
    SourcePos pos,
    String name,
    String actionName,
    Action action,
    Condition when,
    String register,
    Loop loop,
    Set<String> tags,
    Template delegateTo,
    boolean runOnce,
    boolean ignoreErrors,
    boolean ignoreUnreachable,
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
  }

  /**
   * A task's {@code loop} with its {@code loop_control}: the items, the name each one gets
   * ({@code loop_var}, default {@code item}), the name its position from 0 gets ({@code index_var},
   * or null) and how messages name an item ({@code label}, a template; null: by its value).
   */
  public record Loop(Value items, String var, String indexVar, Template label) {
    public Loop {
      var = var == null ? "item" : var;
    }
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
