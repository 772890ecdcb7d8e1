package opsplay.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
   * What an earlier run finished, and the -e names whose values differ from that run's (in words;
   * empty when they are the same, or the journal predates them): a resume with other values needs
   * the user's word for it, since the pre-checks it skips were made with the old ones.
   */
  public record Found(Resumed resumed, List<String> otherExtraVars) {}

  /**
   * What {@code which} (a run id or {@code last}) finished, checked against this run;
   * {@code extraVars} as {@link Journal.Header} takes them. Other -e values are refused unless
   * {@code otherExtraVarsConfirmed} (--yes).
   */
  public static Found of(Path dir, String which, String playbook, List<String> inventories, Map<String, Object> extraVars,
      boolean otherExtraVarsConfirmed, TaskIds ids) throws Refused {
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
    List<String> other = run.extraVars() == null ? List.of()
        : ExtraVars.changed(run.extraVars(), ExtraVars.digests(run.runId(), extraVars));
    if (!other.isEmpty() && !otherExtraVarsConfirmed) {
      throw new Refused("run " + run.runId() + " had other -e values (" + String.join("; ", other) + "), and what it"
          + " finished, pre-checks included, was done with those. Resume with the same -e, or add --yes to go on with these");
    }
    return new Found(new Resumed(run.runId(), run.finished()), other);
  }
}
