package opsplay.connect;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Collects a remote command's stdout and stderr. The SSH library writes into the two streams on
 * its own thread and closes them when the command's output ends and when the channel closes;
 * {@link #await} wakes on that, so there is no polling.
 */
final class CommandOutput {
  private final CountDownLatch open = new CountDownLatch(2);
  private final Capture stdout = new Capture();
  private final Capture stderr = new Capture();

  OutputStream stdout() {
    return stdout;
  }

  OutputStream stderr() {
    return stderr;
  }

  /** Waits until both streams are closed; false when the timeout (null: none) passed first. */
  boolean await(Duration timeout) throws InterruptedException {
    if (timeout == null) {
      open.await();
      return true;
    }
    return open.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
  }

  String stdoutText() {
    return stdout.text();
  }

  String stderrText() {
    return stderr.text();
  }

  /** One stream: a byte buffer that counts down the latch once when closed. */
  private final class Capture extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean closed;

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) return;
        closed = true;
      }
      open.countDown();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
