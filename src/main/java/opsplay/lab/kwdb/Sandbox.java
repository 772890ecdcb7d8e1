package opsplay.lab.kwdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host's file system as the simulated tools see it. The tools were written for {@code /}: an
 * absolute path such as {@code /etc/kaiwudb/certs} means that path under the sandbox root, unless
 * it already points into the sandbox (as the inventory's {@code {sandbox}/…} variables do); a
 * relative path is taken from the working directory.
 */
record Sandbox(Path root, String cwd) {
  Path resolve(String path) {
    if (path.startsWith(root.toString())) {
      return Path.of(path);
    }
    if (path.startsWith("/")) {
      return root.resolve(path.substring(1));
    }
    Path base = cwd == null || cwd.isEmpty() ? root : resolve(cwd.startsWith("/") ? cwd : "/" + cwd);
    return base.resolve(path).normalize();
  }

  /** The file's text, or null when it does not exist. */
  static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void append(Path file, String text) {
    write(file, (read(file) == null ? "" : read(file)) + text);
  }
}
