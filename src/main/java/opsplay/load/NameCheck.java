package opsplay.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.actions.SetAction;
import opsplay.actions.WaitUntilAction;
import opsplay.core.Diagnostics;
import opsplay.core.Host;
import opsplay.core.Inventory;
import opsplay.core.Play;
import opsplay.core.Playbook;
import opsplay.core.SourceLines;
import opsplay.core.SourcePos;
import opsplay.core.Task;

/**
 * The static half of "an undefined variable is an error": every name a template or expression
 * uses must be defined somewhere — the inventory, a play's vars, -e, a register, a set, a loop
 * variable, a magic variable or wait-until's result — or it is reported before anything runs.
 * (Whether it is defined on a given host is checked again when the task renders there.)
 */
final class NameCheck {
  private static final List<String> MAGIC = List.of("inventory_hostname", "hostvars", "groups", "play_hosts",
      "check_mode", "item");
  private final Diagnostics diagnostics;
  private final SourceLines sources = new SourceLines();

  NameCheck(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void check(Playbook playbook, Inventory inventory, Map<String, Object> extraVars, List<Recorded.Item> items) {
    Set<String> known = new LinkedHashSet<>(MAGIC);
    for (Host h : inventory.hosts().values()) known.addAll(h.vars().keySet());
    known.addAll(extraVars.keySet());
    for (Play p : playbook.plays()) {
      known.addAll(p.vars().keySet());
      collect(p.tasks(), known);
    }
    for (Recorded.Item item : items) {
      for (String name : item.names()) {
        if (!known.contains(name)) report(item, name, known);
      }
    }
  }

  private void report(Recorded.Item item, String name, Set<String> known) {
    String guess = Diagnostics.closest(name, known);
    diagnostics.error(where(item.pos(), name), "undefined variable '" + name + "'" + (guess == null ? "" : " (did you mean '" + guess + "'?)"),
        guess != null ? "" : "define it in the inventory, in the play's vars:, with -e " + name + "=…, or register it in an earlier task");
  }

  /**
   * Where {@code name} is written on the line a template or expression starts on (the first
   * occurrence from its start, as a whole name, not a member), so the caret points at the name;
   * where the template starts when the name is not on that line (a multi-line value).
   */
  private SourcePos where(SourcePos start, String name) {
    String line = sources.line(start);
    if (line == null) return start;
    Matcher m = Pattern.compile("(?<![\\w.$])" + Pattern.quote(name) + "(?![\\w$])").matcher(line);
    int from = Math.min(Math.max(0, start.column() - 1), line.length());
    return m.find(from) ? start.atColumn(m.start() + 1) : start;
  }

  /** Names that tasks define: register, set, loop_var, index_var. */
  private static void collect(List<Task> tasks, Set<String> known) {
    for (Task t : tasks) {
      if (t.register() != null) known.add(t.register());
      known.add(t.loop() == null ? "item" : t.loop().var());
      if (t.loop() != null && t.loop().indexVar() != null) known.add(t.loop().indexVar());
      known.addAll(t.vars().keySet());
      if (t.action() instanceof SetAction set) known.addAll(set.facts().keySet());
      if (t.action() instanceof WaitUntilAction) known.add("result"); // what its until sees
      List<Task> inner = new ArrayList<>(t.block());
      inner.addAll(t.rescue());
      inner.addAll(t.always());
      collect(inner, known);
    }
  }
}
