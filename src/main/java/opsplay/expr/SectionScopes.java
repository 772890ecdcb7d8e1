package opsplay.expr;

import java.util.List;
import java.util.Map;
import opsplay.core.Vars;

/**
 * How a template name is found: its first segment on the innermost section item that has it, then
 * outwards to the task's variables; the rest of the path from there (map keys, list indexes), with
 * no further fallback, as the Mustache spec says.
 */
final class SectionScopes {
  /** What a lookup returns for a name that is not there; carries the error message. */
  record Missing(String message) {}

  /** Stands for a null list item, so that it still opens a scope and renders as "". */
  static final Object NULL_ITEM = new Object() {
    @Override
    public String toString() {
      return "";
    }
  };

  private SectionScopes() {}

  /** The value at {@code path} (null when the name holds null), or a {@link Missing} when it is not there. */
  static Object find(String path, List<Object> scopes) {
    String[] parts = path.split("\\.");
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Object current = Vars.child(scopes.get(i), parts[0]);
      if (!Vars.found(current)) continue;
      for (int p = 1; p < parts.length; p++) {
        current = Vars.child(current, parts[p]);
        if (!Vars.found(current)) return new Missing(Vars.undefined(List.of(parts), scopes.get(i)));
      }
      return current;
    }
    return new Missing(Vars.undefined(List.of(parts), Map.of()));
  }
}
