package opsplay.report;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Plan;
import opsplay.core.Play;
import opsplay.core.Reporter;
import opsplay.core.Result;
import opsplay.core.Task;
import opsplay.json.Json;

/** SPEC §2's JSON Lines: one object per event on stdout, nothing else, flushed per line. */
public final class JsonReporter implements Reporter {
  private final PrintWriter out;
  private final Json json = new Json();

  public JsonReporter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void runStart(String runId, String playbook, boolean check) {
    emit(event("run_start", "run_id", runId, "playbook", playbook, "check", check));
  }

  @Override
  public void playStart(Play play, List<String> hosts) {
    emit(event("play_start", "play", play.name(), "hosts", hosts));
  }

  @Override
  public void taskStart(Play play, Task task, String name) {
    emit(event("task_start", "play", play.name(), "task", name));
  }

  @Override
  public void progress(Task task, String host, String message) {
    emit(event("progress", "task", task.displayName(), "host", host, "msg", message));
  }

  @Override
  public void hostResult(Task task, String name, String host, Result result, Plan plan) {
    Map<String, Object> e = event("host_result", "task", name, "host", host, "status", result.status().word(),
        "changed", result.status() == Result.Status.CHANGED, "msg", result.msg());
    for (String key : List.of("rc", "stdout", "stderr", "rows")) {
      if (result.registered().containsKey(key)) e.put(key, result.registered().get(key));
    }
    String diff = Differences.of(result);
    if (diff != null) e.put("diff", diff);
    e.put("duration_ms", result.duration().toMillis());
    Map<String, Object> planned = Planned.of(plan);
    if (!planned.isEmpty()) e.put("planned", planned);
    emit(e);
  }

  @Override
  public void warning(String message) {
    emit(event("warning", "msg", message));
  }

  @Override
  public void recap(Map<String, Recap> hosts, int exitCode) {
    Map<String, Object> counts = new LinkedHashMap<>();
    hosts.forEach((h, r) -> counts.put(h, fields("ok", r.ok(), "changed", r.changed(), "skipped", r.skipped(),
        "failed", r.failed(), "unreachable", r.unreachable(), "rescued", r.rescued(), "ignored", r.ignored())));
    emit(event("recap", "hosts", counts, "exit_code", exitCode));
  }

  private static Map<String, Object> event(String name, Object... pairs) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", name);
    e.putAll(fields(pairs));
    return e;
  }

  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> e = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) e.put((String) pairs[i], pairs[i + 1]);
    return e;
  }

  private void emit(Map<String, Object> event) {
    out.println(json.write(event));
    out.flush();
  }
}
