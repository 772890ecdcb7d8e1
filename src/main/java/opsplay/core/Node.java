package opsplay.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the position it was read from. {@code value} is null, a String, Long, Double,
 * Boolean, a {@code List<Node>} or a {@code Map<String, Node>} (insertion-ordered). For maps,
 * {@code keys} holds where each key was written, so "unknown key" can point at the key itself.
 */
public record Node(SourcePos pos, Object value, Map<String, SourcePos> keys) {
  public Node {
    keys = keys == null ? Map.of() : keys;
  }

  public static Node scalar(SourcePos pos, Object value) {
    return new Node(pos, value, Map.of());
  }

  public boolean isMap() {
    return value instanceof Map;
  }

  public boolean isList() {
    return value instanceof List;
  }

  public boolean isNull() {
    return value == null;
  }

  public boolean isScalar() {
    return !isMap() && !isList();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Node> map() {
    return isMap() ? (Map<String, Node>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  public List<Node> list() {
    return isList() ? (List<Node>) value : List.of();
  }

  /** The scalar as text ("" for null); lists and maps have no text. */
  public String text() {
    return value == null ? "" : String.valueOf(value);
  }

  public Node get(String key) {
    return map().get(key);
  }

  /** Where {@code key} was written, or where the map starts. */
  public SourcePos keyPos(String key) {
    return keys.getOrDefault(key, pos);
  }

  /** The YAML type, as a user would name it in an error message. */
  public String typeName() {
    if (value == null) return "null";
    if (isMap()) return "mapping";
    if (isList()) return "list";
    if (value instanceof Boolean) return "boolean";
    if (value instanceof Number) return "number";
    return "string";
  }

  /** The same value without positions: plain maps, lists and scalars, for variables. */
  public Object plain() {
    if (isMap()) {
      Map<String, Object> out = new LinkedHashMap<>();
      map().forEach((k, v) -> out.put(k, v.plain()));
      return out;
    }
    if (isList()) {
      List<Object> out = new ArrayList<>();
      for (Node n : list()) out.add(n.plain());
      return out;
    }
    return value;
  }
}
