package opsplay.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import opsplay.core.Condition;
import opsplay.core.SourcePos;
import opsplay.core.Vars;

/** Several conditions that must all hold: a {@code when:} list, or a block's condition and a task's. */
record AllOf(List<Condition> conditions) implements Condition {
  AllOf {
    conditions = List.copyOf(conditions);
  }

  /** One condition stays itself; null entries are left out; none gives null. */
  static Condition of(List<Condition> conditions) {
    List<Condition> present = conditions.stream().filter(java.util.Objects::nonNull).toList();
    if (present.isEmpty()) return null;
    return present.size() == 1 ? present.get(0) : new AllOf(present);
  }

  @Override
  public SourcePos pos() {
    return conditions.get(0).pos();
  }

  @Override
  public String source() {
    return conditions.stream().map(Condition::source).collect(Collectors.joining(" and "));
  }

  @Override
  public Object evaluate(Vars vars) {
    return test(vars);
  }

  @Override
  public boolean test(Vars vars) {
    for (Condition c : conditions) if (!c.test(vars)) return false;
    return true;
  }

  @Override
  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    conditions.forEach(c -> out.addAll(c.names()));
    return out;
  }
}
