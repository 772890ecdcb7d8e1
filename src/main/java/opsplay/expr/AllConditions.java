package opsplay.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import opsplay.core.Condition;
import opsplay.core.SourcePos;
import opsplay.core.Vars;

/** A YAML list of conditions ({@code when: [a, b]}), true when every one is, as in Ansible. */
record AllConditions(SourcePos pos, String source, List<Condition> all) implements Condition {
  AllConditions {
    all = List.copyOf(all);
  }

  /** Stops at the first false one, so later ones may use what earlier ones checked. */
  @Override
  public Object evaluate(Vars vars) {
    for (Condition c : all) {
      if (!c.test(vars)) return false;
    }
    return true;
  }

  @Override
  public boolean test(Vars vars) {
    return (Boolean) evaluate(vars);
  }

  @Override
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    all.forEach(c -> names.addAll(c.names()));
    return Collections.unmodifiableSet(names);
  }
}
