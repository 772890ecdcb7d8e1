package opsplay.expr;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/** When a value counts as true in a condition: false, null, 0, "" and empty collections do not. */
final class Truthiness {
  private Truthiness() {}

  static boolean test(Object value) {
    if (value == null) return false;
    if (value instanceof Boolean b) return b;
    if (value instanceof Number n) return n.doubleValue() != 0;
    if (value instanceof CharSequence s) return s.length() > 0;
    if (value instanceof Collection<?> c) return !c.isEmpty();
    if (value instanceof Map<?, ?> m) return !m.isEmpty();
    if (value.getClass().isArray()) return Array.getLength(value) > 0;
    return true;
  }
}
