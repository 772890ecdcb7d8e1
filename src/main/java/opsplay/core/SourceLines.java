package opsplay.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lines of the files positions point into, each file read once; for showing and refining positions. Not thread-safe. */
public final class SourceLines {
  private final Map<String, List<String>> files = new HashMap<>();

  /** The line {@code pos} is on, or null when it has no line or the file cannot be read. */
  public String line(SourcePos pos) {
    if (pos.line() <= 0) return null;
    List<String> lines = files.computeIfAbsent(pos.file(), f -> {
      try {
        return Files.readAllLines(Path.of(f));
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    });
    return pos.line() <= lines.size() ? lines.get(pos.line() - 1) : null;
  }
}
