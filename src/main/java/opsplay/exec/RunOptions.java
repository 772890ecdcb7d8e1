package opsplay.exec;

import java.util.Map;
import java.util.Set;

/**
 * What the command line asked of a run. {@code tags} empty means every task; {@code limit} and
 * {@code startAtTask} null mean no restriction; {@code resumed} is what an earlier run finished (--resume).
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
    String runId,
    Resumed resumed) {
  public RunOptions {
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    skipTags = skipTags == null ? Set.of() : Set.copyOf(skipTags);
    extraVars = extraVars == null ? Map.of() : extraVars;
    forks = Math.max(1, forks);
    resumed = resumed == null ? Resumed.NONE : resumed;
  }
}
