package opsplay.expr;

import java.util.List;
import opsplay.core.Vars;

/**
 * How a template name is found: its first segment on the innermost section item that has it, then
 * outwards to the task's variables; the rest of the path from there (map keys, list indexes), with
 * no further fallback, as the Mustache spec says.
 */
final class SectionScopes {
  /**
   * What a lookup returns for a name that is not there: the path, and what its last found part
   * holds when that says why ({@code out has rc, stdout}, {@code out.stdout_lines has 1 item}).
   */
  record Missing(String path, String found) {
    Missing(String path) {
      this(path, "");
    }

    /** {@code parts[stop]} is missing from {@code parent}, the value of {@code parts[0..stop)}. */
    static Missing at(List<String> parts, int stop, Object parent) {
      String path = String.join(".", parts);
      String where = String.join(".", parts.subList(0, stop));
      if (stop > 0 && parent instanceof List<?> list) {
        return new Missing(path, where + " has " + list.size() + (list.size() == 1 ? " item" : " items"));
      }
      if (stop > 0 && parent instanceof java.util.Map<?, ?> map) {
        List<String> keys = map.keySet().stream().map(String::valueOf).limit(10).toList();
        return new Missing(path, where + (keys.isEmpty() ? " is empty" : " has " + String.join(", ", keys)
            + (map.size() > keys.size() ? ", …" : "")));
      }
      return new Missing(path);
    }

    String message() {
      return "undefined variable '" + path + "'" + (found.isEmpty() ? "" : " (" + found + ")");
    }
  }

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
        Object parent = current;
        current = Vars.child(current, parts[p]);
        if (!Vars.found(current)) return Missing.at(List.of(parts), p, parent);
      }
      return current;
    }
    return new Missing(path);
  }
}
