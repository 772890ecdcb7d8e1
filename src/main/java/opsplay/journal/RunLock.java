package opsplay.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One run at a time per playbook and inventory on this controller: an operating-system lock on
 * a file named after them. The system drops the lock when its process dies, so a lock left by a
 * dead run is taken over; the file says who holds it, for the message the second run prints.
 */
public final class RunLock implements AutoCloseable {
  /** Another live run holds the lock. */
  public static final class Held extends Exception {
    Held(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;
  private final String takenOver;

  private RunLock(FileChannel channel, FileLock lock, String takenOver) {
    this.channel = channel;
    this.lock = lock;
    this.takenOver = takenOver;
  }

  /** Locks {@code playbook} with {@code inventories} in {@code dir}; {@code holder} says who we are (run id, pid). */
  public static RunLock acquire(Path dir, String playbook, List<String> inventories, String holder)
      throws Held, IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(key(playbook, inventories) + ".lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    String before = read(channel);
    if (lock == null) {
      channel.close();
      throw new Held("another run of " + playbook + " with the same inventory is in progress ("
          + (before.isBlank() ? "lock file " + file : before.strip()) + "); wait for it to end, or stop it first");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    return new RunLock(channel, lock, before.isBlank() ? null : before.strip());
  }

  /** Who held the lock before us and ended without releasing it (a killed run), or null. */
  public String takenOver() {
    return takenOver;
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  private static String key(String playbook, List<String> inventories) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(playbook.getBytes(StandardCharsets.UTF_8));
      for (String i : inventories.stream().sorted().toList()) sha.update(("\n" + i).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Releases the lock and empties the file, so the next run does not think it took over from us. */
  @Override
  public void close() throws IOException {
    channel.truncate(0);
    lock.release();
    channel.close();
  }
}
