package opsplay.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.Result;
import opsplay.core.TaskIds;
import opsplay.json.Json;

/**
 * Reads a journal back for --resume: which run it was, what it ran, and the finished task-host
 * pairs with what they registered. A journal cut off mid-line (the process was killed while
 * writing) is read up to its last whole line.
 */
public final class JournalReader {
  /** What a journal says about its run ({@code extraVars}: digests by name, null in a journal from before they were kept). */
  public record Run(Path file, String runId, String playbook, List<String> inventories, Map<String, String> extraVars,
      boolean check, List<TaskIds.Entry> tasks, Map<String, Map<String, Result>> finished) {}

  private final Json json = new Json();

  /**
   * The journal {@code which} names in {@code dir}: a run id, or {@code last} (the newest real run
   * of {@code playbook}: the journal written last; run ids order runs only to the second).
   */
  public Path find(Path dir, String which, String playbook) throws IOException {
    if (!which.equals("last")) {
      Path file = dir.resolve(which + ".jsonl");
      if (!Files.isRegularFile(file)) throw new IOException("no journal for run " + which + " in " + dir);
      return file;
    }
    if (!Files.isDirectory(dir)) throw new IOException("no runs recorded in " + dir + " yet");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".jsonl")).toList();
    }
    Map<Path, FileTime> written = new HashMap<>();
    for (Path f : files) written.put(f, Files.getLastModifiedTime(f));
    Comparator<Path> newestFirst = Comparator.comparing((Path f) -> written.get(f)).thenComparing(Comparator.naturalOrder());
    files = files.stream().sorted(newestFirst.reversed()).toList();
    for (Path f : files) {
      Map<String, Object> head = header(f);
      if (Boolean.FALSE.equals(head.get("check")) && playbook.equals(head.get("playbook"))) return f;
    }
    throw new IOException("no earlier run of " + playbook + " in " + dir);
  }

  /** The first line only: enough to pick a run without reading every result of every run. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> header(Path file) throws IOException {
    try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
      String line = in.readLine();
      return line == null ? Map.of() : (Map<String, Object>) json.read(line);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  @SuppressWarnings("unchecked")
  public Run read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) throw new IOException(file + " is empty");
    Map<String, Object> head = (Map<String, Object>) json.read(lines.get(0));
    Map<String, Map<String, Result>> finished = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      Map<String, Object> e;
      try {
        e = (Map<String, Object>) json.read(line);
      } catch (IllegalArgumentException cutOff) {
        break;
      }
      if ("host_result".equals(e.get("event")) && Boolean.TRUE.equals(e.get("finished"))) {
        finished.computeIfAbsent((String) e.get("task_id"), k -> new LinkedHashMap<>()).put((String) e.get("host"), result(e));
      }
    }
    List<TaskIds.Entry> tasks = new ArrayList<>();
    for (Map<String, Object> t : (List<Map<String, Object>>) head.get("tasks")) {
      tasks.add(new TaskIds.Entry((String) t.get("id"), (String) t.get("name"), (String) t.get("action"), (String) t.get("pos")));
    }
    return new Run(file, (String) head.get("run_id"), (String) head.get("playbook"),
        (List<String>) head.get("inventories"), (Map<String, String>) head.get("extra_vars"), Boolean.TRUE.equals(head.get("check")),
        tasks, finished);
  }

  @SuppressWarnings("unchecked")
  private static Result result(Map<String, Object> e) {
    return new Result(Result.Status.valueOf(((String) e.get("status")).toUpperCase()), (String) e.get("msg"),
        (Map<String, Object>) e.get("registered"), (Map<String, Object>) e.get("facts"), Duration.ZERO);
  }

  /**
   * The finished tasks of {@code run} that the playbook no longer has at the same place (by id,
   * name and action), each described; empty when resuming is safe.
   */
  public static List<String> moved(Run run, TaskIds now) {
    Map<String, TaskIds.Entry> current = new LinkedHashMap<>();
    for (TaskIds.Entry e : now.entries()) current.put(e.id(), e);
    List<String> out = new ArrayList<>();
    for (TaskIds.Entry then : run.tasks()) {
      if (!run.finished().containsKey(then.id())) continue;
      TaskIds.Entry e = current.get(then.id());
      if (e == null) out.add("task " + then.id() + " '" + then.name() + "' is gone");
      else if (!e.name().equals(then.name()) || !e.action().equals(then.action())) {
        out.add("task " + then.id() + " was '" + then.name() + "' (" + then.action() + ") and is now '" + e.name()
            + "' (" + e.action() + ")");
      }
    }
    return out;
  }
}
