package opsplay.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny cluster for the lab's own tests (kind {@code test}): hosts h1…hN in group
 * {@code members} (spares in {@code spares}); {@code PATH/echo-args} prints each argument as
 * {@code [arg]} and counts its calls; {@code opt/tool/bin/watch} prints {@code tick} forever;
 * {@code opt/tool/bin/clock} prints the cluster's time in milliseconds; every host answers SQL
 * on port {@value #SQL_PORT} while it runs.
 */
public final class EchoCluster implements LabCluster {
  static final int SQL_PORT = 15432;

  private final LabSettings settings;
  private final Set<String> down = new HashSet<>();
  private final List<Invocation> calls = new ArrayList<>();
  private Duration time = Duration.ZERO;

  public EchoCluster(LabSettings settings) {
    this.settings = settings;
  }

  @Override
  public String kind() {
    return settings.kind();
  }

  @Override
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= settings.nodes() + settings.spare(); i++) {
      String group = i <= settings.nodes() ? "members" : "spares";
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("address", "127.0.0.9"); // the lab's own address wins in the inventory
      vars.put("tool_dir", "{sandbox}/opt/tool");
      vars.put("paths", List.of("{sandbox}/a", "plain"));
      vars.put("secure", settings.secure());
      nodes.add(new Node("h" + i, List.of(group), vars, SQL_PORT));
    }
    return nodes;
  }

  @Override
  public Map<String, Program> programs() {
    return Map.of("PATH/echo-args", this::echo, "opt/tool/bin/watch", call -> Output.repeats("tick\n"),
        "opt/tool/bin/clock", call -> Output.ok(time.toMillis() + "\n"), "PATH/ask", EchoCluster::ask,
        "opt/tool/bin/hang", call -> Output.hangs("once\n", "still here\n"));
  }

  /** Reads lines of its stdin (as a script's {@code read}) and says what it got; "<none>" at end of input. */
  private static Output ask(Invocation call) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      String line = call.stdin().readLine(java.time.Duration.ofSeconds(1));
      out.append(line == null ? "<none>" : "got [" + line + "]").append('\n');
    }
    return Output.ok(out.toString());
  }

  private Output echo(Invocation call) {
    calls.add(call);
    StringBuilder out = new StringBuilder();
    for (String arg : call.args()) out.append('[').append(arg).append("]\n");
    int rc = call.args().isEmpty() || !call.args().get(0).startsWith("exit=") ? 0 : Integer.parseInt(call.args().get(0).substring(5));
    return new Output(rc, out.toString(), "call " + calls.size() + " on " + call.host() + " in " + call.cwd() + "\n");
  }

  @Override
  public Map<String, String> files(String host) {
    return Map.of("etc/tool/tool.conf", "name=" + host + "\n", "opt/tool/data/a.txt", "alpha\n", "opt/tool/data/b.txt", "beta\n");
  }

  @Override
  public SqlResponder sql(String host) {
    return (sql, params) -> new SqlResponder.Rows(List.of("host"), List.of("text"), List.of(List.of(host)));
  }

  @Override
  public boolean running(String host) {
    return !down.contains(host);
  }

  @Override
  public void advance(Duration elapsed) {
    time = time.plus(elapsed);
  }

  @Override
  public void hostDown(String host) {
    down.add(host);
  }

  @Override
  public void hostUp(String host) {
    down.remove(host);
  }

  /** The runs of echo-args so far (read under the lab's lock, through {@link Lab#inspect}). */
  List<Invocation> calls() {
    return List.copyOf(calls);
  }

  Duration time() {
    return time;
  }
}
