package opsplay.expr;

import java.util.Set;
import opsplay.core.Condition;
import opsplay.core.EvalException;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Value;
import opsplay.core.Vars;

/**
 * Stand-ins for strings that failed to compile. The error is already in Diagnostics, so loading
 * goes on; nothing with errors is ever run, but if one were, it fails instead of guessing.
 */
final class Placeholders {
  private Placeholders() {}

  static Template template(SourcePos pos, String source) {
    return new Template() {
      @Override public SourcePos pos() { return pos; }
      @Override public String source() { return source; }
      @Override public String render(Vars vars) { throw unusable(pos, "template"); }
      @Override public Set<String> names() { return Set.of(); }
    };
  }

  static Condition condition(SourcePos pos, String source) {
    return new Condition() {
      @Override public SourcePos pos() { return pos; }
      @Override public String source() { return source; }
      @Override public Object evaluate(Vars vars) { throw unusable(pos, "expression"); }
      @Override public boolean test(Vars vars) { throw unusable(pos, "expression"); }
      @Override public Set<String> names() { return Set.of(); }
    };
  }

  static Value value(SourcePos pos) {
    return new Value() {
      @Override public SourcePos pos() { return pos; }
      @Override public Object evaluate(Vars vars) { throw unusable(pos, "value"); }
      @Override public Set<String> names() { return Set.of(); }
    };
  }

  private static EvalException unusable(SourcePos pos, String what) {
    return new EvalException(pos, "this " + what + " has errors, reported when the playbook was loaded");
  }
}
