package opsplay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one action's YAML keys with their types and positions. Problems go to Diagnostics and a
 * neutral value is returned, so that every error in a playbook is found in one pass.
 */
public final class Args {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
  private final ActionType type;
  private final Node node;
  private final Compiler compiler;
  private final Diagnostics diagnostics;

  public Args(ActionType type, Node node, Compiler compiler, Diagnostics diagnostics) {
    this.type = type;
    this.node = node.isMap() || type.shorthandKey() == null ? node : shorthand(type, node);
    this.compiler = compiler;
    this.diagnostics = diagnostics;
    checkShape();
  }

  private static Node shorthand(ActionType type, Node node) {
    java.util.Map<String, Node> map = new java.util.LinkedHashMap<>();
    map.put(type.shorthandKey(), node);
    return new Node(node.pos(), map, java.util.Map.of(type.shorthandKey(), node.pos()));
  }

  private void checkShape() {
    if (!node.isMap()) {
      diagnostics.error(node.pos(), type.name() + ": expected a mapping of keys, found a " + node.typeName(),
          "write the keys under '" + type.name() + ":' (" + String.join(", ", type.keys()) + ")");
      return;
    }
    if (type.keys().isEmpty()) return; // the action takes any keys (set)
    for (String key : node.map().keySet()) {
      if (!type.keys().contains(key)) diagnostics.unknown(node.keyPos(key), type.name() + " key", key, type.keys());
    }
  }

  public String actionName() {
    return type.name();
  }

  public SourcePos pos() {
    return node.pos();
  }

  /** The action's whole mapping. */
  public Node whole() {
    return node;
  }

  public boolean has(String key) {
    return node.map().containsKey(key);
  }

  public Node node(String key) {
    return node.map().get(key);
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  public Compiler compiler() {
    return compiler;
  }

  /** A scalar key as a template; null when absent. */
  public Template template(String key) {
    Node n = node(key);
    if (n == null) return null;
    if (!n.isScalar() || n.isNull()) {
      diagnostics.error(n.pos(), type.name() + "." + key + ": expected a string, found a " + n.typeName());
      return null;
    }
    return compiler.template(n);
  }

  public Condition condition(String key) {
    Node n = node(key);
    return n == null ? null : compiler.condition(n);
  }

  public Value value(String key) {
    Node n = node(key);
    return n == null ? null : compiler.value(n);
  }

  /** A list of templates; a single string is a list of one. */
  public List<Template> templates(String key) {
    Node n = node(key);
    List<Template> out = new ArrayList<>();
    if (n == null) return out;
    for (Node item : n.isList() ? n.list() : List.of(n)) {
      if (item.isScalar() && !item.isNull()) out.add(compiler.template(item));
      else diagnostics.error(item.pos(), type.name() + "." + key + ": expected strings, found a " + item.typeName());
    }
    return out;
  }

  public boolean bool(String key, boolean otherwise) {
    Node n = node(key);
    if (n == null) return otherwise;
    if (n.value() instanceof Boolean b) return b;
    diagnostics.error(n.pos(), type.name() + "." + key + ": expected true or false, found '" + n.text() + "'");
    return otherwise;
  }

  public Duration duration(String key, Duration otherwise) {
    Node n = node(key);
    return n == null ? otherwise : duration(n, type.name() + "." + key, diagnostics);
  }

  /** "30", "30s", "500ms", "5m", "1h": a number without a unit is seconds. */
  public static Duration duration(Node n, String what, Diagnostics diagnostics) {
    Duration d = n.isScalar() ? duration(n.text()) : null;
    if (d == null) {
      diagnostics.error(n.pos(), what + ": expected a duration such as 30s, 5m or 500ms, found '" + n.text() + "'");
      return Duration.ZERO;
    }
    return d;
  }

  /** A duration as written ("30", "30s", "500ms", "5m", "1h"; seconds without a unit), or null when it is not one. */
  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) return null;
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    long millis = (long) (amount * switch (unit) {
      case "ms" -> 1;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 1000;
    });
    return Duration.ofMillis(millis);
  }

  /** Reports that exactly one of the given keys must be present. */
  public void requireOneOf(String... keys) {
    long present = java.util.Arrays.stream(keys).filter(this::has).count();
    if (present == 1 || !node.isMap()) return;
    String list = "'" + String.join("' or '", keys) + "'";
    diagnostics.error(node.pos(), type.name() + ": expected " + list + (present == 0 ? ", found neither" : ", found both"));
  }
}
