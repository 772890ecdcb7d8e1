package opsplay.exec;

import java.util.Map;
import java.util.Set;

/**
 * What the command line asked of a run. {@code tags} empty means every task; {@code limit} and
 * {@code startAtTask} null mean no restriction.
 */
public record RunOptions(
    boolean check,
    boolean diff,
    String limit,
    Set<String> tags,
    Set<String> skipTags,
    String startAtTask,
    int forks,
    boolean yes,
    Map<String, Object> extraVars,
    String runId) {
  public RunOptions {
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    skipTags = skipTags == null ? Set.of() : Set.copyOf(skipTags);
    extraVars = extraVars == null ? Map.of() : extraVars;
    forks = Math.max(1, forks);
  }

  public static RunOptions defaults() {
    return new RunOptions(false, false, null, Set.of(), Set.of(), null, 20, false, Map.of(), "test");
  }
}
