package opsplay.cli;

import java.util.List;
import opsplay.core.Diagnostic;
import opsplay.core.Diagnostics;
import opsplay.core.Inventory;
import opsplay.core.SourcePos;
import opsplay.load.HostPattern;

/**
 * {@code --limit} checked against the loaded inventory before anything runs or is listed. A name
 * the inventory lacks is a bad option (exit 5), where Ansible only warns: a typo there must not
 * quietly leave a host out of a procedure, or select none.
 */
final class LimitCheck {
  private LimitCheck() {}

  /** What is wrong with {@code limit} (nothing when it is null), positioned at the option. */
  static List<Diagnostic> problems(String limit, Inventory inventory) {
    if (limit == null) return List.of();
    Diagnostics found = new Diagnostics();
    HostPattern.check(limit, inventory, SourcePos.of("--limit"), found);
    return found.list();
  }
}
