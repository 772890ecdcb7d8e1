package opsplay.expr;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what an expression returns into the plain data variables hold (String, Long, Double,
 * Boolean, null, List, Map), so that {@code {{ [1, 2] }}} is a list like a YAML one and
 * {@code {{ size(x) }}} a Long like a YAML number.
 */
final class PlainData {
  private PlainData() {}

  static Object of(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Double || value instanceof BigDecimal || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
    if (value instanceof Float f) return f.doubleValue();
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      items.forEach(item -> out.add(of(item)));
      return Collections.unmodifiableList(out);
    }
    if (value.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) out.add(of(Array.get(value, i)));
      return Collections.unmodifiableList(out);
    }
    return value.toString();
  }
}
