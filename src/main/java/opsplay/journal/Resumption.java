package opsplay.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

  /** What {@code which} (a run id or {@code last}) finished, checked against this run. */
  public static Resumed of(Path dir, String which, String playbook, List<String> inventories, TaskIds ids)
      throws Refused {
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
    List<String> moved = JournalReader.moved(run, ids);
    if (!moved.isEmpty()) {
      throw new Refused("the playbook changed since run " + run.runId() + " in a way that moves finished tasks: "
          + String.join("; ", moved) + ". Put the tasks back, or start a new run without --resume");
    }
    return new Resumed(run.runId(), run.finished());
  }
}
