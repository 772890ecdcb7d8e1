package opsplay.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stable names for a playbook's tasks, by where they stand: {@code 1.3} is the third task of the
 * first play, {@code 1.3.b2} the second task of that block, {@code .r1} and {@code .a1} its rescue
 * and always. The journal records results under these names, so that --resume finds each task
 * again and can tell when the playbook changed under it.
 */
public final class TaskIds {
  /** One task: its id, what it is called and what it does, and where it is written. */
  public record Entry(String id, String name, String action, String pos) {}

  private final Map<Task, String> ids = new IdentityHashMap<>();
  private final List<Entry> entries = new ArrayList<>();

  private TaskIds() {}

  public static TaskIds of(Playbook playbook) {
    TaskIds out = new TaskIds();
    for (int p = 0; p < playbook.plays().size(); p++) out.walk(playbook.plays().get(p).tasks(), String.valueOf(p + 1), "");
    return out;
  }

  private void walk(List<Task> tasks, String prefix, String kind) {
    for (int i = 0; i < tasks.size(); i++) {
      Task t = tasks.get(i);
      String id = prefix + "." + kind + (i + 1);
      ids.put(t, id);
      entries.add(new Entry(id, t.displayName(), t.isBlock() ? "block" : t.actionName(), t.pos().toString()));
      walk(t.block(), id, "b");
      walk(t.rescue(), id, "r");
      walk(t.always(), id, "a");
    }
  }

  /** The id of a task of this playbook (the same Task object the parser made). */
  public String id(Task task) {
    String id = ids.get(task);
    if (id == null) throw new IllegalArgumentException("task " + task.displayName() + " is not in this playbook");
    return id;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }
}
