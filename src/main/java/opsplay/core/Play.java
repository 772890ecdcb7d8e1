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
}
