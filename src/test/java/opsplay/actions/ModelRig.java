package opsplay.actions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.ActionException;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Diagnostics;
import opsplay.core.Host;
import opsplay.core.Secrets;
import opsplay.core.SqlSession;
import opsplay.core.TaskContext;
import opsplay.core.Args;
import opsplay.core.Vars;
import opsplay.expr.Expressions;
import opsplay.lab.Invocation;
import opsplay.lab.LabCluster;
import opsplay.lab.Output;
import opsplay.lab.openmldb.OpenMldbCluster;
import opsplay.load.YamlLoader;

/**
 * The migrate action against an OpenMLDB model in-process, without SSH: a command line runs the
 * model's program it names, and sleeping moves the model's time by exactly that much, so waits and
 * timeouts are exact and take no real time. The task runs on n1, as on a first name server.
 */
final class ModelRig implements TaskContext {
  static final String SANDBOX = "/lab/n1/";
  final OpenMldbCluster cluster;
  final List<String> commands = new ArrayList<>();
  final List<String> progress = new ArrayList<>();
  private final Map<String, Object> vars = new LinkedHashMap<>();
  private Instant now = Instant.parse("2025-02-14T10:00:00Z");

  ModelRig(int tablets, int spare) {
    cluster = new OpenMldbCluster(OpenMldbCluster.Options.of(tablets, spare).at(now, ZoneOffset.UTC));
    Map<String, Object> hostvars = new LinkedHashMap<>();
    for (LabCluster.Node n : cluster.nodes()) hostvars.put(n.name(), n.vars());
    vars.putAll(cluster.nodes().get(0).vars());
    vars.put("openmldb_home", SANDBOX + "opt/openmldb");
    vars.put("hostvars", hostvars);
  }

  /** A migrate task as written in a playbook (the mapping under {@code migrate:}). */
  static MigrateAction action(String yaml) {
    Diagnostics d = new Diagnostics();
    MigrateAction a = (MigrateAction) MigrateAction.TYPE.parser()
        .apply(new Args(MigrateAction.TYPE, new YamlLoader(d).load(yaml, "task.yml"), new Expressions(d, null), d));
    if (d.hasErrors()) throw new AssertionError(d.list());
    return a;
  }

  /** Runs a program on a host of the model directly (a path under the sandbox, as installed). */
  String program(String host, String program, String... args) {
    return cluster.programs().get(program).run(new Invocation(host, program, List.of(args), "/", Map.of(), java.nio.file.Path.of("/lab", host)))
        .stdout();
  }

  String ns(String db, String command) {
    List<String> args = new ArrayList<>(List.of("--zk_cluster=127.0.0.1:2181", "--zk_root_path=/openmldb", "--role=ns_client",
        "--interactive=false"));
    if (db != null) args.add("--database=" + db);
    args.add("--cmd=" + command);
    return program("n1", "opt/openmldb/bin/openmldb", args.toArray(String[]::new));
  }

  String endpoint(String host) {
    return "127.0.0.1:" + (10920 + Integer.parseInt(host.substring(1)));
  }

  /** Plans, then applies unless the plan is done, as the Runner does outside check mode. */
  opsplay.core.Result run(MigrateAction action) throws ActionException, ConnectionException {
    opsplay.core.Plan plan = action.plan(this);
    if (plan.isDone()) return opsplay.core.Result.of(opsplay.core.Result.Status.OK, "already done: " + plan.alreadyDone(), Map.of());
    return action.apply(plan, this);
  }

  @Override
  public Host host() {
    return new Host("n1", vars, null);
  }

  @Override
  public Vars vars() {
    return Vars.of(vars);
  }

  @Override
  public Connection connection() {
    return new Connection() {
      @Override
      public void connect() {}

      @Override
      public ExecResult exec(String command, ExecOptions options) {
        List<String> words = words(command);
        String program = words.get(0).substring(SANDBOX.length());
        String cmd = words.get(words.size() - 1);
        if (cmd.startsWith("--cmd=")) commands.add(cmd.substring("--cmd=".length()));
        Output out = cluster.programs().get(program).run(new Invocation("n1", program, words.subList(1, words.size()), "/",
            Map.of(), java.nio.file.Path.of("/lab/n1")));
        return out.forever() ? new ExecResult(-1, out.stdout(), out.stderr(), true) : new ExecResult(out.rc(), out.stdout(), out.stderr());
      }

      @Override
      public void upload(byte[] content, String remotePath, int mode) {
        throw new UnsupportedOperationException();
      }

      @Override
      public byte[] download(String remotePath) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }

  /** Shell words as Shell.quote writes them: plain, or in single quotes. */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) out.add(word.toString());
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) out.add(word.toString());
    return out;
  }

  @Override
  public Secrets secrets() {
    return Secrets.none();
  }

  @Override
  public Duration timeout() {
    return null;
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public String becomeUser() {
    return null;
  }

  @Override
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  /** Moves the model's time on by exactly {@code d}. */
  @Override
  public void sleep(Duration d) {
    now = now.plus(d);
    cluster.advance(d);
  }

  @Override
  public void progress(String message) {
    progress.add(message);
  }

  @Override
  public SqlSession sql(SqlSession.Target target) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Connection connectionTo(String host) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean diff() {
    return false;
  }

  @Override
  public String pause(String prompt, Duration wait) {
    throw new UnsupportedOperationException();
  }
}
