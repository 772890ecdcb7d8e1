package opsplay.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** One play of a playbook: which hosts, how they are batched, and its tasks. */
public record Play(
    SourcePos pos,
    String name,
    Template hosts,
    Map<String, Value> vars,
    List<Value> serial,
    Integer maxFailPercentage,
    boolean anyErrorsFatal,
    Boolean become,
    String becomeUser,
    String connection,
    Set<String> tags,
    List<String> secrets,
    List<Task> tasks) {
  public Play {
    vars = vars == null ? Map.of() : vars;
    serial = serial == null ? List.of() : List.copyOf(serial);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    tasks = List.copyOf(tasks);
  }

  /**
   * The host pattern {@code hosts:} renders to. It sees only the inventory's groups and the -e
   * values, so it is known before the run: the loader checks it, the runner and {@code list} use it.
   */
  public String hostPattern(Inventory inventory, Map<String, Object> extraVars) {
    return hosts.render(inventory.globalVars(extraVars));
  }

  /** Tasks in this play, counting those inside blocks. */
  public int countTasks() {
    return count(tasks);
  }

  private static int count(List<Task> tasks) {
    int n = 0;
    for (Task t : tasks) n += t.isBlock() ? count(t.block()) + count(t.rescue()) + count(t.always()) : 1;
    return n;
  }
}
