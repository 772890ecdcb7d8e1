package opsplay.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import opsplay.json.Json;
import opsplay.core.TaskIds;
import opsplay.exec.Resumed;

/**
 * --resume: finds the earlier run's journal and decides whether this run may go on from it —
 * the same playbook and inventories, a real run (not a preview), and every task it finished still
 * where it was.
 */
public final class Resumption {
  /** Why a run cannot be resumed, in words for the user. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private Resumption() {}

  /**
   * What {@code which} (a run id or {@code last}) finished, checked against this run;
   * {@code extraVars} as the journal keeps them (see {@link Journal.Header}).
   */
  public static Resumed of(Path dir, String which, String playbook, List<String> inventories, Map<String, Object> extraVars,
      TaskIds ids) throws Refused {
    JournalReader reader = new JournalReader();
    JournalReader.Run run;
    try {
      run = reader.read(reader.find(dir, which, playbook));
    } catch (IOException | RuntimeException e) {
      throw new Refused("cannot resume " + which + ": " + e.getMessage());
    }
    if (run.check()) throw new Refused("run " + run.runId() + " was a preview (check mode); there is nothing to resume");
    if (!run.playbook().equals(playbook)) {
      throw new Refused("run " + run.runId() + " ran " + run.playbook() + ", not " + playbook);
    }
    if (!run.inventories().equals(inventories)) {
      throw new Refused("run " + run.runId() + " used the inventory " + String.join(", ", run.inventories())
          + "; resume it with the same -i");
    }
    List<String> changed = changedExtraVars(run.extraVars(), extraVars);
    if (!changed.isEmpty()) {
      throw new Refused("run " + run.runId() + " had other -e values (" + String.join("; ", changed) + "), and what it"
          + " finished was done with them. Resume it with the same -e, or start a new run without --resume");
    }
    List<String> moved = JournalReader.moved(run, ids);
    if (!moved.isEmpty()) {
      throw new Refused("the playbook changed since run " + run.runId() + " in a way that moves finished tasks: "
          + String.join("; ", moved) + ". Put the tasks back, or start a new run without --resume");
    }
    return new Resumed(run.runId(), run.finished());
  }

  /** Each -e name whose value differs, as "name: THEN then, NOW now" (none for a journal that did not keep them). */
  private static List<String> changedExtraVars(Map<String, Object> then, Map<String, Object> now) {
    if (then == null) return List.of();
    Json json = new Json();
    Set<String> names = new TreeSet<>(then.keySet());
    names.addAll(now.keySet());
    List<String> out = new ArrayList<>();
    for (String name : names) {
      // compared as JSON text: a number read back from the journal and one from the command line differ in type only
      String before = then.containsKey(name) ? json.write(then.get(name)) : null;
      String after = now.containsKey(name) ? json.write(now.get(name)) : null;
      if (!java.util.Objects.equals(before, after)) {
        out.add(name + ": " + (before == null ? "not given" : before) + " then, " + (after == null ? "not given" : after) + " now");
      }
    }
    return out;
  }
}
