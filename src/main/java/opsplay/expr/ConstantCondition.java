package opsplay.expr;

import java.util.Set;
import opsplay.core.Condition;
import opsplay.core.SourcePos;
import opsplay.core.Vars;

/** A condition written as a YAML boolean or number ({@code when: false}): always the same value. */
record ConstantCondition(SourcePos pos, String source, Object value) implements Condition {
  @Override
  public Object evaluate(Vars vars) {
    return value;
  }

  @Override
  public boolean test(Vars vars) {
    return Truthiness.test(value);
  }

  @Override
  public Set<String> names() {
    return Set.of();
  }
}
