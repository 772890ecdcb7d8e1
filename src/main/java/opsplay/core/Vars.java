package opsplay.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables one task sees on one host, already merged by precedence (later layers win,
 * top-level names replace, as in Ansible). Immutable: {@link #with} returns a new scope.
 * Values are plain Java data: String, Number, Boolean, null, List and Map.
 */
public final class Vars {
  private static final Object MISSING = new Object();
  private final Map<String, Object> values;

  private Vars(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Vars empty() {
    return new Vars(new LinkedHashMap<>());
  }

  /** Merges layers, lowest precedence first. */
  @SafeVarargs
  public static Vars of(Map<String, ?>... layers) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map<String, ?> layer : layers) {
      if (layer != null) merged.putAll(layer);
    }
    return new Vars(merged);
  }

  /** A new scope with {@code top} over this one. */
  public Vars with(Map<String, ?> top) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    merged.putAll(top);
    return new Vars(merged);
  }

  public Vars with(String name, Object value) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(name, value);
    return with(one);
  }

  /** True when the dotted path ({@code a.b.0}) names a value, even a null one. */
  public boolean contains(String path) {
    return resolve(path) != MISSING;
  }

  /** The value at a dotted path; list elements are addressed by index. */
  public Object get(String path, SourcePos pos) {
    Object v = resolve(path);
    if (v == MISSING) throw new EvalException(pos, undefined(List.of(path.split("\\.")), values));
    return v;
  }

  /**
   * "undefined variable 'a.b.c'" for a path that {@code root} lacks, with what its last part that
   * is there holds when that says why: "(a.b has 1 item)", "(a has x, y)", "(a is empty)".
   */
  public static String undefined(List<String> path, Object root) {
    Object parent = root;
    int stop = 0;
    for (; stop < path.size(); stop++) {
      Object next = child(parent, path.get(stop));
      if (next == MISSING) break;
      parent = next;
    }
    String where = String.join(".", path.subList(0, stop));
    String found = "";
    if (stop > 0 && parent instanceof List<?> list) {
      found = where + " has " + list.size() + (list.size() == 1 ? " item" : " items");
    } else if (stop > 0 && parent instanceof Map<?, ?> map) {
      List<String> keys = map.keySet().stream().map(String::valueOf).limit(10).toList();
      found = where + (keys.isEmpty() ? " is empty" : " has " + String.join(", ", keys) + (map.size() > keys.size() ? ", …" : ""));
    }
    return "undefined variable '" + String.join(".", path) + "'" + (found.isEmpty() ? "" : " (" + found + ")");
  }

  public Map<String, Object> asMap() {
    return values;
  }

  private Object resolve(String path) {
    Object current = values;
    for (String part : path.split("\\.")) {
      current = child(current, part);
      if (current == MISSING) return MISSING;
    }
    return current;
  }

  /** One step of a path: a map key or a list index. */
  public static Object child(Object parent, String part) {
    if (parent instanceof Map<?, ?> map) {
      return map.containsKey(part) ? map.get(part) : MISSING;
    }
    if (parent instanceof List<?> list && part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
      int i = Integer.parseInt(part);
      return i < list.size() ? list.get(i) : MISSING;
    }
    return MISSING;
  }

  /** Whether {@link #child} found something. */
  public static boolean found(Object childResult) {
    return childResult != MISSING;
  }
}
