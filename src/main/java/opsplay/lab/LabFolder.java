package opsplay.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import opsplay.json.Json;

/**
 * A running lab's folder as other processes see it: {@code lab.json} says which process serves it,
 * since when, and where its hosts listen ({@code opsplay lab status} and {@code lab down} read it).
 */
public final class LabFolder {
  static final String RECORD = "lab.json";

  private LabFolder() {}

  /** One host of a running lab, as {@code lab status} shows it. */
  public record HostEntry(String name, String address, int sshPort, int sqlPort, List<String> groups) {}

  /** What {@code lab.json} says about a lab. */
  public record Entry(Path dir, String id, String kind, long pid, String processStart, Instant started, Path inventory,
      List<HostEntry> hosts) {
    /** The process that serves the lab, when it still runs (the same process: its start time matches). */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(processStart));
    }
  }

  static void writeRecord(Lab lab) throws IOException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", lab.id());
    record.put("kind", lab.settings().kind());
    record.put("pid", ProcessHandle.current().pid());
    record.put("process_start", ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(""));
    record.put("started", lab.started().toString());
    record.put("inventory", lab.inventory().toString());
    List<Map<String, Object>> hosts = new ArrayList<>();
    for (LabHost h : lab.layout().hosts()) {
      hosts.add(Map.of("name", h.name(), "address", h.address(), "ssh_port", h.sshPort(), "sql_port", h.sqlPort(),
          "groups", h.groups()));
    }
    record.put("hosts", hosts);
    Path file = lab.layout().dir().resolve(RECORD);
    Path temp = lab.layout().dir().resolve(RECORD + ".new");
    Files.writeString(temp, new Json().write(record) + "\n");
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The labs in {@code dir}: the lab it is, or the labs in its subfolders (oldest first). */
  public static List<Entry> list(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve(RECORD))) return List.of(read(dir));
    if (!Files.isDirectory(dir)) return List.of();
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> folders = Files.list(dir)) {
      for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve(RECORD))).toList()) {
        try {
          out.add(read(folder));
        } catch (NoSuchFileException e) {
          // stopped while we looked
        }
      }
    }
    out.sort(Comparator.comparing(Entry::started));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Entry read(Path dir) throws IOException {
    Map<String, Object> r;
    try {
      r = (Map<String, Object>) new Json().read(Files.readString(dir.resolve(RECORD)));
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(RECORD) + " is damaged: " + e.getMessage());
    }
    List<HostEntry> hosts = new ArrayList<>();
    for (Map<String, Object> h : (List<Map<String, Object>>) r.get("hosts")) {
      hosts.add(new HostEntry((String) h.get("name"), (String) h.get("address"), ((Number) h.get("ssh_port")).intValue(),
          ((Number) h.get("sql_port")).intValue(), (List<String>) h.get("groups")));
    }
    return new Entry(dir, (String) r.get("id"), (String) r.get("kind"), ((Number) r.get("pid")).longValue(),
        (String) r.get("process_start"), Instant.parse((String) r.get("started")), Path.of((String) r.get("inventory")), hosts);
  }

  /** Deletes a lab's folder and everything in it; a missing folder is fine. */
  public static void remove(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (NoSuchFileException e) {
      // removed by someone else meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the lab folder " + dir, e);
    }
  }
}
