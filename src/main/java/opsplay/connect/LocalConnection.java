package opsplay.connect;

import java.io.File;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;

/**
 * Runs commands on the controller itself ({@code connection: local}) with {@code /bin/sh -c}.
 * Output goes to temporary files rather than pipes, so no reader threads are needed, nothing
 * deadlocks on a full pipe, and a background child that keeps the output open does not make
 * the command hang; the files are deleted as soon as the command has started (both sides keep
 * them open), so none is left behind however this process ends. Safe for concurrent use.
 */
public final class LocalConnection implements Connection {
  private static final File NO_INPUT = new File("/dev/null");
  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  /** Nothing to log in to: commands run on the controller. */
  @Override
  public void connect() {}

  /**
   * Runs {@code command} and waits for the shell to exit or the timeout (null: none). On timeout
   * the shell and all its descendants are killed. Caller's thread; blocks; starts no threads.
   */
  @Override
  public ExecResult exec(String command, ExecOptions options) throws ConnectionException {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("opsplay-local-");
      Path out = Files.createFile(dir.resolve("stdout"));
      Path err = Files.createFile(dir.resolve("stderr"));
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(input(dir, options.stdin()));
      pb.environment().putAll(options.environment());
      try (FileChannel outFile = FileChannel.open(out); FileChannel errFile = FileChannel.open(err)) {
        Process p;
        try {
          p = pb.start();
        } finally {
          // the command and this process hold the files open: unnamed from here on, they leave
          // nothing behind even when this process is halted (a second Ctrl-C) while the command runs
          deleteQuietly(dir);
          dir = null; // deleted: the outer finally has nothing left to do
        }
        boolean finished = waitFor(p, options);
        if (!finished) kill(p);
        return new ExecResult(finished ? p.exitValue() : -1, read(outFile), read(errFile), !finished);
      }
    } catch (IOException e) {
      throw new ConnectionException("cannot run a local command: " + e.getMessage());
    } finally {
      deleteQuietly(dir);
    }
  }

  private static File input(Path dir, String stdin) throws IOException {
    if (stdin == null) return NO_INPUT;
    return Files.writeString(dir.resolve("stdin"), stdin, StandardCharsets.UTF_8).toFile();
  }

  private static boolean waitFor(Process p, ExecOptions options) throws ConnectionException {
    try {
      if (options.timeout() == null) {
        p.waitFor();
        return true;
      }
      return p.waitFor(Math.max(0, options.timeout().toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted while a local command ran");
    }
  }

  /** Kills the shell first (so it starts nothing new), then every process it had started. */
  private static void kill(Process p) {
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(FileChannel file) throws IOException {
    return new String(Channels.newInputStream(file).readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A temporary file left behind is harmless.
    }
  }

  /** Writes the file with permissions {@code mode} (set before the content). Caller's thread. */
  @Override
  public void upload(byte[] content, String remotePath, int mode) throws ConnectionException {
    Path path = Path.of(remotePath);
    try {
      Files.write(path, new byte[0]);
      Files.setPosixFilePermissions(path, permissions(mode));
      Files.write(path, content, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (NoSuchFileException e) {
      throw new ConnectionException("cannot write " + remotePath + " on the controller: no such directory");
    } catch (AccessDeniedException e) {
      throw new ConnectionException("cannot write " + remotePath + " on the controller: permission denied");
    } catch (IOException e) {
      throw new ConnectionException("cannot write " + remotePath + " on the controller: " + e.getMessage());
    }
  }

  /** Reads the file. Caller's thread. */
  @Override
  public byte[] download(String remotePath) throws ConnectionException {
    try {
      return Files.readAllBytes(Path.of(remotePath));
    } catch (NoSuchFileException e) {
      throw new ConnectionException("cannot read " + remotePath + " on the controller: no such file or directory");
    } catch (AccessDeniedException e) {
      throw new ConnectionException("cannot read " + remotePath + " on the controller: permission denied");
    } catch (IOException e) {
      throw new ConnectionException("cannot read " + remotePath + " on the controller: " + e.getMessage());
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) set.add(BITS[bit]);
    }
    return set;
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
