package opsplay.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import opsplay.core.Connection;
import opsplay.core.EvalException;
import opsplay.core.Host;
import opsplay.core.Inventory;
import opsplay.core.Play;
import opsplay.core.Reporter;
import opsplay.core.Result;
import opsplay.core.Result.Status;
import opsplay.core.Task;
import opsplay.core.TaskIds;
import opsplay.core.Template;
import opsplay.core.Value;
import opsplay.core.Vars;

/** One play being run: its variables per host, and how one task fans out over the hosts. */
final class PlayScope {
  private final Play play;
  private final TaskIds ids;
  private final Inventory inventory;
  private final RunOptions options;
  private final RunState state;
  private final Shared shared;
  private final Reporter reporter;
  private final ExecutorService workers;
  private final Map<String, Map<String, Object>> playVars = new ConcurrentHashMap<>();
  private final Map<String, Object> groups;
  private List<String> playHosts = List.of();

  PlayScope(Play play, TaskIds ids, RunOptions options, Shared shared, Reporter reporter, ExecutorService workers) {
    this.play = play;
    this.ids = ids;
    this.inventory = shared.inventory();
    this.options = options;
    this.state = shared.state();
    this.shared = shared;
    this.reporter = reporter;
    this.workers = workers;
    this.groups = inventory.groupsVariable();
  }

  Play play() {
    return play;
  }

  /** Variables that do not depend on a host: extra vars and groups (for serial and hosts). */
  Vars globalVars() {
    return inventory.globalVars(options.extraVars());
  }

  /**
   * Values of the play's {@code secrets:} variables on each host, and the passwords behind its
   * connection settings, are masked from now on.
   */
  void addSecrets(List<String> hosts) {
    List<String> values = new ArrayList<>();
    for (String h : hosts) {
      Vars vars = vars(h);
      values.addAll(shared.secrets(vars.asMap()));
      for (String name : play.secrets()) {
        if (vars.contains(name)) values.add(String.valueOf(vars.get(name, play.pos())));
      }
    }
    state.addSecrets(values);
  }

  /** Runs one task on every host (in parallel up to --forks); returns the hosts that failed. */
  Set<String> runOnAll(Task task, List<String> hosts) {
    playHosts = hosts;
    reporter.taskStart(play, task, task.displayName());
    List<String> targets = task.runOnce() ? hosts.subList(0, 1) : hosts;
    Map<String, Future<TaskRun.Outcome>> running = new LinkedHashMap<>();
    for (String h : targets) running.put(h, workers.submit(() -> runOne(task, h)));
    Set<String> failed = new LinkedHashSet<>();
    for (Map.Entry<String, Future<TaskRun.Outcome>> e : running.entrySet()) {
      TaskRun.Outcome out = await(e.getValue());
      if (record(task, e.getKey(), out, true)) failed.add(e.getKey());
      if (task.runOnce()) {
        // run_once: every host gets the first host's result (registered values, failure), reported once
        for (String h : hosts.subList(1, hosts.size())) if (record(task, h, out, false)) failed.add(h);
      }
    }
    return failed;
  }

  private TaskRun.Outcome runOne(Task task, String hostName) {
    Result done = options.resumed().finished(ids.id(task), hostName);
    if (done != null) return new TaskRun.Outcome(done, null, true);
    Host host = inventory.hosts().get(hostName);
    Vars vars = task.vars().isEmpty() ? vars(hostName) : vars(hostName, taskVars(task, vars(hostName)));
    TaskRun run = new TaskRun(task, options.check(), v -> context(task, host, v));
    return run.run(vars);
  }

  private HostTask context(Task task, Host host, Vars vars) {
    String target = task.delegateTo() == null ? host.name() : task.delegateTo().render(vars);
    Host on = inventory.hosts().getOrDefault(target, new Host(target, unlisted(target), task.pos()));
    Map<String, Object> connVars = new LinkedHashMap<>(on == host ? vars.asMap() : on.vars());
    if (play.connection() != null && on == host) connVars.put("connection", play.connection());
    Connection connection = shared.connection(on.name(), connVars);
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, Template> e : task.environment().entrySet()) env.put(e.getKey(), e.getValue().render(vars));
    HostTask.Settings settings = new HostTask.Settings(task.timeout(), env, becomeUser(task, vars));
    return new HostTask(task, host, vars, connection, settings, shared, m -> reporter.progress(task, host.name(), m));
  }

  /**
   * A delegate_to target the inventory does not list: localhost is the controller (as Ansible's
   * implicit localhost), any other name an address to log in to.
   */
  private static Map<String, Object> unlisted(String target) {
    return target.equals("localhost") ? Map.of("connection", "local") : Map.of("address", target);
  }

  private String becomeUser(Task task, Vars vars) {
    Boolean become = task.become() != null ? task.become() : play.become();
    if (become == null && vars.contains("become")) become = Boolean.TRUE.equals(vars.get("become", task.pos()));
    if (!Boolean.TRUE.equals(become)) return null;
    String user = task.becomeUser() != null ? task.becomeUser() : play.becomeUser();
    if (user == null && vars.contains("become_user")) user = String.valueOf(vars.get("become_user", task.pos()));
    return user == null ? "root" : user;
  }

  /** Stores, counts and reports one host's result; true when the host is now out of the play. */
  private boolean record(Task task, String host, TaskRun.Outcome out, boolean report) {
    Result result = out.result();
    if (task.register() != null) {
      Map<String, Object> reg = new LinkedHashMap<>(result.registered());
      reg.put("changed", result.status() == Status.CHANGED);
      reg.put("failed", result.status() == Status.FAILED);
      reg.put("skipped", result.status() == Status.SKIPPED);
      reg.put("msg", result.msg());
      state.addFacts(host, Map.of(task.register(), reg));
    }
    state.addFacts(host, result.facts());
    if (task.noLog()) state.addSecrets(stringsIn(result.registered()));
    boolean ignored = task.ignoreErrors() && result.status() == Status.FAILED
        || task.ignoreUnreachable() && result.status() == Status.UNREACHABLE;
    boolean outOfPlay = result.failed() && !ignored;
    if (!report) return outOfPlay;
    Result shown = shown(task, out, ignored);
    if (ignored && !out.resumed()) state.ignored(host);
    else state.count(host, shown.status());
    reporter.hostResult(task, task.displayName(), host, shown, out.plan());
    return outOfPlay;
  }

  /** The result as reported: masked for no_log, marked when ignored, and "done" when an earlier run did it. */
  private Result shown(Task task, TaskRun.Outcome out, boolean ignored) {
    Result r = out.result();
    if (out.resumed()) return masked(task, r).withStatus(Status.OK, "done in run " + options.resumed().runId()
        + " (" + r.status().word() + (ignored ? ", ignored" : "") + ")");
    return masked(task, ignored ? r.withStatus(r.status(), r.msg() + " (ignored)") : r);
  }

  private Result masked(Task task, Result r) {
    if (task.noLog()) {
      return new Result(r.status(), r.msg().isEmpty() ? "" : opsplay.core.Secrets.MASK, Map.of("censored",
          "the output has been hidden due to the fact that 'no_log: true' was specified"), Map.of(), r.duration());
    }
    return r;
  }

  private static List<String> stringsIn(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof Map<?, ?> m) m.values().forEach(v -> out.addAll(stringsIn(v)));
    else if (o instanceof List<?> l) l.forEach(v -> out.addAll(stringsIn(v)));
    else if (o instanceof String s) out.add(s);
    return out;
  }

  private TaskRun.Outcome await(Future<TaskRun.Outcome> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.interrupt();
      return new TaskRun.Outcome(Result.of(Status.FAILED, "interrupted", Map.of()), null);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      String msg = c instanceof EvalException ee ? ee.describe() : "internal error: " + c;
      return new TaskRun.Outcome(Result.of(Status.FAILED, msg, Map.of()), null);
    }
  }

  /** An include's vars for one host, evaluated in order, each seeing the ones before it. */
  private static Map<String, Object> taskVars(Task task, Vars scope) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : task.vars().entrySet()) {
      Object v = e.getValue().evaluate(scope);
      values.put(e.getKey(), v);
      scope = scope.with(e.getKey(), v);
    }
    return values;
  }

  Vars vars(String host) {
    return vars(host, Map.of());
  }

  /** The variables of one host: inventory, play vars, facts, include vars, extra vars, then the magic ones. */
  private Vars vars(String host, Map<String, Object> taskVars) {
    Map<String, Object> magic = new LinkedHashMap<>();
    magic.put("inventory_hostname", host);
    magic.put("groups", groups);
    magic.put("play_hosts", playHosts);
    magic.put("check_mode", options.check());
    magic.put("hostvars", new HostVars(inventory, this::hostVars));
    Host h = inventory.hosts().get(host);
    return Vars.of(h == null ? Map.of() : h.vars(), playVars(host), state.facts(host), taskVars, options.extraVars(), magic);
  }

  private Map<String, Object> hostVars(String host) {
    Host h = inventory.hosts().get(host);
    return Vars.of(h.vars(), playVars(host), state.facts(host)).asMap();
  }

  /** Play vars, evaluated once per host in the order written, each seeing the ones before it. */
  private Map<String, Object> playVars(String host) {
    Map<String, Object> done = playVars.get(host);
    if (done != null) return done;
    Host h = inventory.hosts().get(host);
    Vars scope = Vars.of(h == null ? Map.of() : h.vars(), options.extraVars(),
        Map.of("inventory_hostname", host, "groups", groups));
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : play.vars().entrySet()) {
      Object v = e.getValue().evaluate(scope);
      values.put(e.getKey(), v);
      scope = scope.with(e.getKey(), v);
    }
    playVars.put(host, values);
    return values;
  }

}
