package opsplay.actions;

import java.util.List;
import java.util.Map;
import opsplay.testing.Cli;

/** Reading a JSON run's events in the playbook tests: one host's result of a task, its planned moves, the changes. */
final class Events {
  private Events() {}

  /** The host_result of the task whose name starts with {@code task}, on {@code host} (the last one, for loops). */
  static Map<String, Object> result(Cli.Outcome run, String host, String task) {
    List<Map<String, Object>> found = run.events("host_result").stream()
        .filter(e -> host.equals(e.get("host")) && String.valueOf(e.get("task")).startsWith(task)).toList();
    if (found.isEmpty()) throw new AssertionError("no result of '" + task + "' on " + host + " in:\n" + run.out() + run.err());
    return found.get(found.size() - 1);
  }

  /** The moves a migrate task planned (what check mode shows), in order. */
  @SuppressWarnings("unchecked")
  static List<String> planned(Cli.Outcome run, String host, String task) {
    Object planned = result(run, host, task).get("planned");
    Object moves = planned instanceof Map<?, ?> m ? m.get("move") : null;
    if (moves instanceof String one) return List.of(one);
    if (moves == null) throw new AssertionError("'" + task + "' planned no moves: " + planned);
    return (List<String>) moves;
  }

  /** How many task results changed something, over every host. */
  static int changed(Cli.Outcome run) {
    return (int) run.events("host_result").stream().filter(e -> "changed".equals(e.get("status"))).count();
  }
}
