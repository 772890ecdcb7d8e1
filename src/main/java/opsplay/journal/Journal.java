package opsplay.journal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Plan;
import opsplay.core.Play;
import opsplay.core.Reporter;
import opsplay.core.Result;
import opsplay.core.Task;
import opsplay.core.TaskIds;
import opsplay.json.Json;

/**
 * The run's journal: JSON Lines in {@code .opsplay/runs/RUN_ID.jsonl}, written as results arrive
 * and flushed per line (the Runner has masked secrets in everything it reports). The first line
 * says which playbook, inventories and tasks the run had; each result line says whether the task is finished on that host (ok,
 * changed, skipped, or failed under ignore_errors) and what it registered, which is what
 * --resume reads back.
 */
public final class Journal implements Reporter, AutoCloseable {
  /**
   * What the first line records about the run. {@code extraVars}: the -e values, those a play
   * names in {@code secrets:} already masked; the journal keeps a digest of each (see
   * {@link ExtraVars}), so --resume can tell when they changed.
   */
  public record Header(String runId, String playbook, List<String> inventories, Map<String, Object> extraVars,
      boolean check) {}

  private final Path file;
  private final BufferedWriter out;
  private final Header header;
  private final TaskIds ids;
  private final Json json = new Json();
  private IOException problem;

  private Journal(Path file, BufferedWriter out, Header header, TaskIds ids) {
    this.file = file;
    this.out = out;
    this.header = header;
    this.ids = ids;
  }

  /** Creates {@code dir/RUN_ID.jsonl} (and the folder); fails if it exists. */
  public static Journal create(Path dir, Header header, TaskIds ids) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(header.runId() + ".jsonl");
    BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return new Journal(file, out, header, ids);
  }

  public Path file() {
    return file;
  }

  /** The first write error, or null: a journal that could not be written is reported after the run. */
  public IOException problem() {
    return problem;
  }

  @Override
  public void runStart(String runId, String playbook, boolean check) {
    Map<String, Object> e = event("run_start", "run_id", header.runId(), "playbook", header.playbook(),
        "inventories", header.inventories(), "extra_vars", ExtraVars.digests(header.runId(), header.extraVars()),
        "check", header.check(), "pid", ProcessHandle.current().pid());
    e.put("tasks", ids.entries().stream().map(t -> Map.of("id", t.id(), "name", t.name(), "action", t.action(),
        "pos", t.pos())).toList());
    write(e);
  }

  @Override
  public void playStart(Play play, List<String> hosts) {
    write(event("play_start", "play", play.name(), "hosts", hosts));
  }

  @Override
  public void hostResult(Task task, String name, String host, Result result, Plan plan) {
    boolean finished = switch (result.status()) {
      case OK, CHANGED, SKIPPED -> true;
      case FAILED -> task.ignoreErrors();
      case UNREACHABLE -> false;
    };
    write(event("host_result", "task_id", ids.id(task), "task", name, "host", host, "status", result.status().word(),
        "finished", finished, "msg", result.msg(), "registered", result.registered(), "facts", result.facts(),
        "duration_ms", result.duration().toMillis()));
  }

  @Override
  public void warning(String message) {
    write(event("warning", "msg", message));
  }

  @Override
  public void recap(Map<String, Recap> hosts, int exitCode) {
    write(event("recap", "exit_code", exitCode));
  }

  private static Map<String, Object> event(String name, Object... pairs) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", name);
    for (int i = 0; i < pairs.length; i += 2) e.put((String) pairs[i], pairs[i + 1]);
    return e;
  }

  private void write(Map<String, Object> event) {
    if (problem != null) return;
    try {
      out.write(json.write(event));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      problem = e;
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
