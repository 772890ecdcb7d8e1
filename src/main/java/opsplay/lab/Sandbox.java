package opsplay.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A lab host's file system: a folder that stands for its root and home. It starts with the
 * cluster's files for the host, a {@code tmp/}, and in {@code .lab/bin/} (first on the PATH) the
 * shims of the programs found on the PATH plus {@code sudo} and {@code chown}; programs installed
 * at a path get their shim there.
 */
final class Sandbox {
  /** Where {@code PATH/name} programs go, relative to the sandbox. */
  static final String BIN = ".lab/bin";
  static final String ON_PATH = "PATH/";

  private Sandbox() {}

  /** Fills {@code host}'s sandbox; {@code gatePort} is where its shims call the lab. */
  static void seed(LabHost host, Map<String, String> files, Iterable<String> programs, int gatePort) throws IOException {
    Path root = host.sandbox();
    Files.createDirectories(root.resolve(BIN));
    Files.createDirectories(root.resolve("tmp"));
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = inside(root, file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
    for (String program : programs) {
      executable(location(root, program), Shims.program(host.name(), program, gatePort));
    }
    executable(root.resolve(BIN).resolve("sudo"), Shims.sudo());
    executable(root.resolve(BIN).resolve("chown"), Shims.chown());
  }

  /** Where a program is installed: {@code PATH/x} in {@code .lab/bin/x}, others at their path. */
  static Path location(Path root, String program) {
    if (program.startsWith(ON_PATH)) return inside(root, BIN + "/" + program.substring(ON_PATH.length()));
    return inside(root, program);
  }

  /** {@code relative} under {@code root}; IllegalArgumentException when it is absolute or leaves the sandbox. */
  static Path inside(Path root, String relative) {
    Path path = root.resolve(relative).normalize();
    if (Path.of(relative).isAbsolute() || !path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("'" + relative + "' is not a path inside a lab host's sandbox");
    }
    return path;
  }

  private static void executable(Path path, String script) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
