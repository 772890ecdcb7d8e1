package opsplay.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Compiler;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.Task;
import opsplay.core.Value;

/**
 * {@code include: tasks/join.yml} or {@code include: {file: tasks/join.yml, vars: {…}}}: the task
 * file's tasks, read when the playbook is loaded (so they are checked like the rest), run as a
 * group with the include's keywords and vars. Paths are relative to the including file.
 */
final class Includes {
  static final List<String> INCLUDE_KEYS = List.of("name", "include", "when", "tags", "become", "become_user",
      "delegate_to", "ignore_errors", "no_log", "check_mode", "environment", "timeout");
  private final Diagnostics diagnostics;
  private final Compiler compiler;
  private final YamlLoader yaml;
  private final Deque<Path> reading = new ArrayDeque<>();

  Includes(Diagnostics diagnostics, Compiler compiler, YamlLoader yaml) {
    this.diagnostics = diagnostics;
    this.compiler = compiler;
    this.yaml = yaml;
  }

  Task include(Node node, TaskParser.Inherited parent, TaskParser parser) {
    parser.checkKeys(node, INCLUDE_KEYS, "include key");
    Node spec = node.get("include");
    Node file = spec;
    Map<String, Value> vars = new LinkedHashMap<>();
    if (spec.isMap()) {
      for (String key : spec.map().keySet()) {
        if (!List.of("file", "vars").contains(key)) diagnostics.unknown(spec.keyPos(key), "include key", key, List.of("file", "vars"));
      }
      file = spec.get("file");
      vars = vars(spec.get("vars"));
    }
    Node tasks = file == null || !file.isScalar() || file.isNull() ? missing(spec) : read(file);
    TaskParser.Inherited inherited = parser.inherit(node, parent).withVars(vars);
    if (tasks == null) return parser.group(node, inherited, null);
    reading.push(Path.of(tasks.pos().file()));
    try {
      return parser.group(node, inherited, tasks);
    } finally {
      reading.pop();
    }
  }

  private Node missing(Node spec) {
    diagnostics.error(spec.pos(), "include: expected a task file name, found " + (spec.isNull() ? "nothing" : "a " + spec.typeName()),
        "write include: tasks/file.yml or include: {file: tasks/file.yml, vars: {name: value}}");
    return null;
  }

  /** The task file's root node (a list), or null when it cannot be read (reported). */
  private Node read(Node file) {
    Path path = Path.of(file.pos().file()).toAbsolutePath().getParent().resolve(file.text()).normalize();
    if (reading.contains(path)) {
      diagnostics.error(file.pos(), "include: " + file.text() + " includes itself (through " + reading.peek() + ")",
          "remove the include that closes the circle");
      return null;
    }
    try {
      Node root = yaml.load(Files.readString(path), path.toString());
      if (root != null && !root.isList()) {
        diagnostics.error(root.pos(), "a task file is a list of tasks, found a " + root.typeName(), "start each task with '- '");
        return null;
      }
      return root;
    } catch (IOException e) {
      diagnostics.error(file.pos(), "include: cannot read " + path + ": " + InventoryParser.describe(e),
          "the path is relative to the file that includes it");
      return null;
    }
  }

  private Map<String, Value> vars(Node n) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) return out;
    if (!n.isMap()) {
      diagnostics.error(n.pos(), "include vars: expected a mapping of variables, found a " + n.typeName());
      return out;
    }
    n.map().forEach((name, value) -> out.put(name, compiler.value(value)));
    return out;
  }
}
