package opsplay.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.actions.Actions;
import opsplay.core.Action;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.Compiler;
import opsplay.core.Condition;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.Task;
import opsplay.core.Template;
import opsplay.core.Value;

/**
 * Reads task lists: each task has exactly one action (or is a block with rescue and always),
 * and its keywords are checked for name and type. A block's keywords are inherited by its tasks
 * the way Ansible does it: its {@code when} is added to theirs, the others are defaults.
 */
final class TaskParser {
  static final List<String> TASK_KEYS = List.of("name", "when", "register", "loop", "loop_control", "tags",
      "delegate_to", "run_once", "ignore_errors", "ignore_unreachable", "changed_when", "failed_when", "no_log",
      "check_mode", "timeout",
      "become", "become_user", "environment", "retries", "delay", "until");
  static final List<String> BLOCK_KEYS = List.of("name", "block", "rescue", "always", "when", "tags", "become",
      "become_user", "delegate_to", "ignore_errors", "ignore_unreachable", "no_log", "check_mode", "environment", "timeout");
  /** Ansible words that opsplay spells differently, with what to write instead. */
  private static final Map<String, String> ANSIBLE_WORDS = Map.ofEntries(
      Map.entry("shell", "run commands with ssh: (cmd: …)"),
      Map.entry("command", "run commands with ssh: (cmd: or argv:)"),
      Map.entry("debug", "show a message with print: \"…\""),
      Map.entry("set_fact", "set variables with set: {name: value}"),
      Map.entry("with_items", "use loop: [...]"),
      Map.entry("notify", "opsplay has no handlers; add the task where it must run"),
      Map.entry("vars", "put variables in the play's vars:, in include: {file: …, vars: …}, or set them with set:"),
      Map.entry("include_tasks", "include a task file with include: file.yml (or include: {file: …, vars: …})"),
      Map.entry("import_tasks", "include a task file with include: file.yml (or include: {file: …, vars: …})"),
      Map.entry("connection", "connection: is a play key here; run one task on the controller with delegate_to: localhost"),
      Map.entry("meta", "opsplay has no meta tasks; to end early, put the rest of the play in a block with when:"));

  /** Keywords a block passes down to its tasks. */
  record Inherited(Condition when, Boolean become, String becomeUser, Template delegateTo, Boolean ignoreErrors,
      Boolean ignoreUnreachable, Boolean noLog, Boolean checkMode, Map<String, Template> environment, Duration timeout,
      Map<String, Value> vars) {
    static final Inherited NONE = new Inherited(null, null, null, null, null, null, null, null, Map.of(), null, Map.of());

    Inherited withVars(Map<String, Value> more) {
      Map<String, Value> all = new LinkedHashMap<>(vars);
      all.putAll(more);
      return new Inherited(when, become, becomeUser, delegateTo, ignoreErrors, ignoreUnreachable, noLog, checkMode,
          environment, timeout, all);
    }
  }

  private final Diagnostics diagnostics;
  private final Compiler compiler;
  private final Actions actions;
  private final Keywords keywords;
  private final Includes includes;

  TaskParser(Diagnostics diagnostics, Compiler compiler, Actions actions, YamlLoader yaml) {
    this.diagnostics = diagnostics;
    this.compiler = compiler;
    this.actions = actions;
    this.keywords = new Keywords(diagnostics, compiler);
    this.includes = new Includes(diagnostics, compiler, yaml);
  }

  List<Task> tasks(Node list, String what, Inherited inherited) {
    List<Task> out = new ArrayList<>();
    if (list == null || list.isNull()) return out;
    if (!list.isList()) {
      diagnostics.error(list.pos(), what + ": expected a list of tasks, found a " + list.typeName(),
          "start each task with '- '");
      return out;
    }
    for (Node item : list.list()) {
      if (!item.isMap()) {
        diagnostics.error(item.pos(), "a task is a mapping (name:, an action, keywords), found a " + item.typeName(),
            "for example  - name: restart\\n    ssh: systemctl restart kaiwudb");
        continue;
      }
      if (item.map().containsKey("block")) out.add(block(item, inherited));
      else if (item.map().containsKey("include")) out.add(includes.include(item, inherited, this));
      else out.add(task(item, inherited));
    }
    return out;
  }

  private Task block(Node node, Inherited parent) {
    checkKeys(node, BLOCK_KEYS, "block key");
    return group(node, inherit(node, parent), node.get("block"));
  }

  /** A block, or an include's tasks: a group of tasks with its keywords passed down. */
  Task group(Node node, Inherited inherited, Node tasksNode) {
    List<Task> block = tasks(tasksNode, "block", inherited);
    List<Task> rescue = tasks(node.get("rescue"), "rescue", inherited);
    List<Task> always = tasks(node.get("always"), "always", inherited);
    return new Task(node.pos(), keywords.string(node, "name"), null, null, null, null, null,
        keywords.tags(node), null, false, false, false, null, null, false, null, null, null, null, Map.of(), 0, null, null,
        block, rescue, always, inherited.vars());
  }

  Inherited inherit(Node node, Inherited parent) {
    Map<String, Template> env = new LinkedHashMap<>(parent.environment());
    env.putAll(keywords.environment(node));
    return new Inherited(AllOf.of(java.util.Arrays.asList(parent.when(), keywords.condition(node, "when"))),
        or(keywords.bool(node, "become"), parent.become()), or(keywords.string(node, "become_user"), parent.becomeUser()),
        or(keywords.template(node, "delegate_to"), parent.delegateTo()),
        or(keywords.bool(node, "ignore_errors"), parent.ignoreErrors()),
        or(keywords.bool(node, "ignore_unreachable"), parent.ignoreUnreachable()),
        or(keywords.bool(node, "no_log"), parent.noLog()),
        or(keywords.bool(node, "check_mode"), parent.checkMode()), env,
        or(keywords.duration(node, "timeout"), parent.timeout()), parent.vars());
  }

  private Task task(Node node, Inherited inherited) {
    String actionName = actionName(node);
    Action action = actionName == null ? null : action(actionName, node);
    checkKeys(node, TASK_KEYS, "task key");
    Inherited own = inherit(node, inherited);
    return new Task(node.pos(), keywords.string(node, "name"), actionName, action == null ? NO_ACTION : action,
        own.when(), keywords.register(node), keywords.loop(node), keywords.tags(node),
        own.delegateTo(), Boolean.TRUE.equals(keywords.bool(node, "run_once")), Boolean.TRUE.equals(own.ignoreErrors()),
        Boolean.TRUE.equals(own.ignoreUnreachable()),
        keywords.condition(node, "changed_when"), keywords.condition(node, "failed_when"),
        Boolean.TRUE.equals(own.noLog()), own.checkMode(), own.timeout(), own.become(), own.becomeUser(),
        own.environment(), keywords.integer(node, "retries", 0), keywords.duration(node, "delay"),
        keywords.condition(node, "until"), null, null, null, own.vars());
  }

  /** Stands in for the action of a task whose action could not be read; never runs (loading failed). */
  private static final Action NO_ACTION = new Action() {
    @Override public opsplay.core.Plan plan(opsplay.core.TaskContext ctx) {
      throw new IllegalStateException("a task without a valid action was run");
    }

    @Override public opsplay.core.Result apply(opsplay.core.Plan plan, opsplay.core.TaskContext ctx) {
      throw new IllegalStateException("a task without a valid action was run");
    }
  };

  /** The one action key of a task, or null (reported) when there is none or more than one. */
  private String actionName(Node node) {
    List<String> found = node.map().keySet().stream().filter(k -> actions.type(k) != null).toList();
    if (found.size() == 1) return found.get(0);
    // with a key that is neither an action nor a task keyword, checkKeys's error about it (an
    // Ansible module's opsplay spelling, or did-you-mean) already says what the action should be
    if (found.isEmpty()) {
      if (node.map().keySet().stream().allMatch(TASK_KEYS::contains)) {
        diagnostics.error(node.pos(), "task" + name(node) + " has no action",
            "add one of: " + String.join(", ", actions.all().keySet()));
      }
    } else {
      diagnostics.error(node.keyPos(found.get(1)), "task" + name(node) + " has two actions, '" + found.get(0)
          + "' and '" + found.get(1) + "'", "split it into two tasks");
    }
    return null;
  }

  private static String name(Node node) {
    Node n = node.get("name");
    return n == null ? "" : " '" + n.text() + "'";
  }

  private Action action(String name, Node node) {
    ActionType type = actions.type(name);
    Args args = new Args(type, node.get(name) == null ? Node.scalar(node.keyPos(name), null) : node.get(name),
        compiler, diagnostics);
    return type.parser().apply(args);
  }

  void checkKeys(Node node, List<String> allowed, String what) {
    for (String key : node.map().keySet()) {
      if (allowed.contains(key) || actions.type(key) != null) continue;
      if (ANSIBLE_WORDS.containsKey(key)) {
        diagnostics.error(node.keyPos(key), "unknown " + what + " '" + key + "'", ANSIBLE_WORDS.get(key));
        continue;
      }
      List<String> known = new ArrayList<>(allowed);
      if (allowed == TASK_KEYS) known.addAll(actions.all().keySet());
      if (allowed == BLOCK_KEYS && TASK_KEYS.contains(key)) {
        diagnostics.error(node.keyPos(key), "'" + key + "' is not allowed on a block", "put it on the tasks inside");
      } else {
        diagnostics.unknown(node.keyPos(key), what, key, known);
      }
    }
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }
}
