package opsplay.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.actions.Actions;
import opsplay.core.Compiler;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.Play;
import opsplay.core.Playbook;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Value;

/** Reads a playbook: a YAML list of plays, each with its hosts, variables, batching and tasks. */
public final class PlaybookParser {
  static final List<String> PLAY_KEYS = List.of("name", "hosts", "vars", "vars_files", "serial",
      "max_fail_percentage", "any_errors_fatal", "become", "become_user", "connection", "tags", "secrets", "tasks",
      "gather_facts");
  /** Ansible play keys that opsplay spells differently or does without, with what to write instead. */
  private static final Map<String, String> ANSIBLE_WORDS = Map.of(
      "remote_user", "set ssh_user in the inventory (or in the play's vars:)",
      "port", "set ssh_port in the inventory (or in the play's vars:)",
      "handlers", "opsplay has no handlers; add the task where it must run (with when: if it depends on a change)",
      "roles", "opsplay has no roles; include a task file with include: file.yml",
      "pre_tasks", "put these tasks first in tasks:",
      "post_tasks", "put these tasks last in tasks:",
      "strategy", "hosts run each task in lockstep (Ansible's linear strategy); serial: sets the batch size",
      "environment", "set environment: on a block or on each task",
      "vars_prompt", "opsplay never prompts for variables; pass them with -e NAME=VALUE",
      "import_playbook", "a command runs one playbook: run that one with its own command, before or after this one");
  private final Diagnostics diagnostics;
  private final Compiler compiler;
  private final Keywords keywords;
  private final TaskParser tasks;
  private final YamlLoader yaml;
  /** Each vars file read once per load, however many plays name it (and its problems said once). */
  private final Map<Path, Map<String, Value>> varsFilesRead = new HashMap<>();

  public PlaybookParser(Diagnostics diagnostics, Compiler compiler, Actions actions) {
    this.diagnostics = diagnostics;
    this.compiler = compiler;
    this.keywords = new Keywords(diagnostics, compiler);
    this.yaml = new YamlLoader(diagnostics);
    this.tasks = new TaskParser(diagnostics, compiler, actions, yaml);
  }

  /** The playbook in {@code file}; with errors reported, what could be read (maybe no plays). */
  public Playbook parse(Path file) {
    if (Files.isDirectory(file)) {
      List<String> inside = playbooksIn(file);
      diagnostics.error(SourcePos.of(file.toString()), "a folder, not a playbook", inside.isEmpty()
          ? "name a playbook file (a YAML list of plays); this folder holds none"
          : "name a playbook in it: " + String.join(", ", inside));
      return new Playbook(file.toString(), List.of());
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      diagnostics.error(SourcePos.of(file.toString()), "cannot read the playbook: " + InventoryParser.describe(e));
      return new Playbook(file.toString(), List.of());
    }
    Node root = yaml.load(text, file.toString());
    List<Play> plays = new ArrayList<>();
    if (root == null || !root.isList()) {
      SourcePos pos = root == null ? new SourcePos(file.toString(), 1, 1) : root.pos();
      if (root != null || !diagnostics.hasErrors()) {
        boolean variables = root != null && root.isMap()
            && !root.map().containsKey("hosts") && !root.map().containsKey("tasks");
        diagnostics.error(pos, "a playbook is a list of plays, found " + (root == null ? "nothing" : "a " + root.typeName()),
            variables ? "this looks like a variables file: name it in a play's vars_files:, or pass it with -e @" + file
                : "start each play with '- hosts: …'");
      }
      return new Playbook(file.toString(), plays);
    }
    for (Node play : root.list()) {
      if (play.isMap()) plays.add(play(play, file));
      else diagnostics.error(play.pos(), "a play is a mapping (hosts:, tasks:, …), found a " + play.typeName());
    }
    return new Playbook(file.toString(), plays);
  }

  /** The YAML files directly in {@code folder} that hold a list (a playbook's shape), sorted. */
  private static List<String> playbooksIn(Path folder) {
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.toString().matches(".*\\.ya?ml") && startsAList(f)).map(Path::toString).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Whether the file's first line that is not blank, a comment or a document start is a list item. */
  private static boolean startsAList(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.equals("---"))
          .findFirst().map(l -> l.startsWith("- ") || l.equals("-")).orElse(false);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  private Play play(Node node, Path file) {
    for (String key : node.map().keySet()) {
      if (ANSIBLE_WORDS.containsKey(key)) {
        diagnostics.error(node.keyPos(key), "unknown play key '" + key + "'", ANSIBLE_WORDS.get(key));
      } else if (!PLAY_KEYS.contains(key)) {
        diagnostics.unknown(node.keyPos(key), "play key", key, PLAY_KEYS);
      }
    }
    if (Boolean.TRUE.equals(keywords.bool(node, "gather_facts"))) {
      diagnostics.error(node.get("gather_facts").pos(), "gather_facts: opsplay gathers no facts",
          "remove it (false is accepted, as it changes nothing); read what a task needs with an ssh task and register:");
    }
    Template hosts = hosts(node);
    String name = keywords.string(node, "name");
    String connection = keywords.string(node, "connection");
    if (connection != null && !List.of("ssh", "local").contains(connection)) {
      diagnostics.unknown(node.get("connection").pos(), "connection", connection, List.of("ssh", "local"));
    }
    Map<String, Value> vars = vars(node.get("vars"), "vars");
    vars.putAll(varsFiles(node.get("vars_files"), file.toAbsolutePath().getParent()));
    return new Play(node.pos(), name != null ? name : hosts == null ? "" : hosts.source(), hosts, vars,
        serial(node.get("serial")), percentage(node), Boolean.TRUE.equals(keywords.bool(node, "any_errors_fatal")),
        keywords.bool(node, "become"), keywords.string(node, "become_user"), connection, keywords.tags(node),
        names(node.get("secrets")), tasks.tasks(node.get("tasks"), "tasks", TaskParser.Inherited.NONE));
  }

  private Template hosts(Node play) {
    Node n = play.get("hosts");
    if (n == null || n.isNull()) {
      // an import_playbook item is reported as such (an unknown play key), not as a play without hosts
      if (!play.map().containsKey("import_playbook")) {
        diagnostics.error(play.pos(), "play has no hosts", "add hosts: with a group, host or pattern (all, kwdb, kwdb:!n1)");
      }
      return null;
    }
    if (n.isList()) {
      List<String> parts = n.list().stream().map(Node::text).toList();
      return compiler.template(Node.scalar(n.pos(), String.join(":", parts)));
    }
    return keywords.template(play, "hosts");
  }

  private Map<String, Value> vars(Node n, String what) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) return out;
    if (!n.isMap()) {
      diagnostics.error(n.pos(), what + ": expected a mapping of variables, found a " + n.typeName());
      return out;
    }
    n.map().forEach((name, value) -> {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        diagnostics.error(n.keyPos(name), "'" + name + "' is not a valid variable name",
            "use letters, digits and underscores, starting with a letter");
      }
      out.put(name, compiler.value(value));
    });
    return out;
  }

  private Map<String, Value> varsFiles(Node n, Path dir) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) return out;
    for (Node item : n.isList() ? n.list() : List.of(n)) {
      Path path = dir.resolve(item.text()).normalize();
      Map<String, Value> vars = varsFilesRead.get(path);
      if (vars == null) {
        vars = varsFile(path, item);
        varsFilesRead.put(path, vars);
      }
      out.putAll(vars);
    }
    return out;
  }

  private Map<String, Value> varsFile(Path path, Node item) {
    try {
      Node root = yaml.load(Files.readString(path), path.toString());
      return root == null ? Map.of() : Collections.unmodifiableMap(vars(root, path.getFileName().toString()));
    } catch (IOException e) {
      diagnostics.error(item.pos(), "vars_files: cannot read " + path + ": " + InventoryParser.describe(e),
          "paths are relative to the playbook's folder");
      return Map.of();
    }
  }

  private List<Value> serial(Node n) {
    List<Value> out = new ArrayList<>();
    if (n == null || n.isNull()) return out;
    for (Node item : n.isList() ? n.list() : List.of(n)) {
      boolean ok = item.value() instanceof Long l ? l > 0 : item.text().matches("\\d+(\\.\\d+)?%|.*\\{\\{.*");
      if (!ok) diagnostics.error(item.pos(), "serial: expected a number of hosts, a percentage or a list of them, found '"
          + item.text() + "'", "for example  serial: 1,  serial: 30%  or  serial: [1, 5, 100%]");
      out.add(compiler.value(item));
    }
    return out;
  }

  private Integer percentage(Node play) {
    Node n = play.get("max_fail_percentage");
    if (n == null || n.isNull()) return null;
    Object v = n.value();
    if (v instanceof Number num && num.doubleValue() >= 0 && num.doubleValue() <= 100) return num.intValue();
    diagnostics.error(n.pos(), "max_fail_percentage: expected a number from 0 to 100, found '" + n.text() + "'");
    return null;
  }

  private List<String> names(Node n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) return out;
    for (Node item : n.isList() ? n.list() : List.of(n)) {
      if (item.isScalar() && item.text().matches("[A-Za-z_][A-Za-z0-9_]*")) out.add(item.text());
      else diagnostics.error(item.pos(), "secrets: expected variable names, found '" + item.text() + "'");
    }
    return out;
  }
}
