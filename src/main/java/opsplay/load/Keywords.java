package opsplay.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opsplay.core.Args;
import opsplay.core.Compiler;
import opsplay.core.Condition;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.Task;
import opsplay.core.Template;

/** Reads play and task keywords with their types; a wrong type is reported where it is written. */
final class Keywords {
  private static final List<String> LOOP_CONTROL = List.of("loop_var", "index_var", "label");
  private static final Set<String> RESERVED = Set.of("inventory_hostname", "hostvars", "groups", "play_hosts",
      "check_mode", "item");
  private final Diagnostics diagnostics;
  private final Compiler compiler;

  Keywords(Diagnostics diagnostics, Compiler compiler) {
    this.diagnostics = diagnostics;
    this.compiler = compiler;
  }

  String string(Node map, String key) {
    Node n = map.get(key);
    if (n == null || n.isNull()) return null;
    if (!n.isScalar()) {
      diagnostics.error(n.pos(), key + ": expected a string, found a " + n.typeName());
      return null;
    }
    return n.text();
  }

  Boolean bool(Node map, String key) {
    Node n = map.get(key);
    if (n == null || n.isNull()) return null;
    if (n.value() instanceof Boolean b) return b;
    diagnostics.error(n.pos(), key + ": expected true or false, found '" + n.text() + "'");
    return null;
  }

  int integer(Node map, String key, int otherwise) {
    Node n = map.get(key);
    if (n == null || n.isNull()) return otherwise;
    if (n.value() instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) return l.intValue();
    diagnostics.error(n.pos(), key + ": expected a whole number, found '" + n.text() + "'");
    return otherwise;
  }

  Duration duration(Node map, String key) {
    Node n = map.get(key);
    return n == null || n.isNull() ? null : Args.duration(n, key, diagnostics);
  }

  Template template(Node map, String key) {
    Node n = map.get(key);
    if (n == null || n.isNull()) return null;
    if (!n.isScalar()) {
      diagnostics.error(n.pos(), key + ": expected a string, found a " + n.typeName());
      return null;
    }
    return compiler.template(n);
  }

  /** One condition, or a list of them that must all hold (as Ansible's when: lists). */
  Condition condition(Node map, String key) {
    Node n = map.get(key);
    if (n == null || n.isNull()) return null;
    if (n.isMap()) {
      diagnostics.error(n.pos(), key + ": expected an expression or a list of them, found a mapping",
          "quote an expression that contains ': '");
      return null;
    }
    return compiler.condition(n);
  }

  Set<String> tags(Node map) {
    Node n = map.get("tags");
    Set<String> out = new LinkedHashSet<>();
    if (n == null || n.isNull()) return out;
    for (Node item : n.isList() ? n.list() : List.of(n)) {
      if (!item.isScalar()) diagnostics.error(item.pos(), "tags: expected names, found a " + item.typeName());
      else for (String t : item.text().split(",")) if (!t.isBlank()) out.add(t.strip());
    }
    return out;
  }

  Map<String, Template> environment(Node map) {
    Node n = map.get("environment");
    Map<String, Template> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) return out;
    if (!n.isMap()) {
      diagnostics.error(n.pos(), "environment: expected a mapping of NAME: value, found a " + n.typeName());
      return out;
    }
    n.map().forEach((name, value) -> {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) diagnostics.error(n.keyPos(name), "environment: '" + name
          + "' is not a valid environment variable name");
      if (value.isScalar() && !value.isNull()) out.put(name, compiler.template(value));
      else diagnostics.error(value.pos(), "environment." + name + ": expected a string, found a " + value.typeName());
    });
    return out;
  }

  String register(Node map) {
    String name = variableName(map, "register");
    if (name != null && RESERVED.contains(name)) {
      diagnostics.error(map.get("register").pos(), "register: '" + name + "' is a name opsplay sets itself",
          "choose another name");
    }
    return name;
  }

  /** The task's loop with its loop_control (loop_var, index_var, label), or null without a loop. */
  Task.Loop loop(Node task) {
    Node items = task.get("loop");
    Node control = task.get("loop_control");
    if (control == null || control.isNull()) return items == null ? null : new Task.Loop(compiler.value(items), null, null, null);
    if (!control.isMap()) {
      diagnostics.error(control.pos(), "loop_control: expected a mapping (loop_var:, index_var:, label:), found a "
          + control.typeName());
      return null;
    }
    for (String key : control.map().keySet()) {
      if (!LOOP_CONTROL.contains(key)) diagnostics.unknown(control.keyPos(key), "loop_control key", key, LOOP_CONTROL);
    }
    if (items == null) {
      diagnostics.error(task.keyPos("loop_control"), "loop_control without a loop", "add loop: [...] or remove loop_control");
      return null;
    }
    return new Task.Loop(compiler.value(items), variableName(control, "loop_var"), variableName(control, "index_var"),
        template(control, "label"));
  }

  String variableName(Node map, String key) {
    String name = string(map, key);
    if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      diagnostics.error(map.get(key).pos(), key + ": '" + name + "' is not a valid variable name",
          "use letters, digits and underscores, starting with a letter");
    }
    return name;
  }
}
