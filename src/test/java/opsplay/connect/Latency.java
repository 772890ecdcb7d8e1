package opsplay.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;

/** Measures how long one trivial command takes on an already open connection. */
final class Latency {
  private Latency() {}

  /** Logs in and warms up first, then times {@code n} runs of {@code true}; the median. */
  static Duration median(Connection c, int n) throws ConnectionException {
    for (int i = 0; i < 10; i++) c.exec("true", Connection.ExecOptions.NONE);
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      c.exec("true", Connection.ExecOptions.NONE);
      nanos.add(System.nanoTime() - t0);
    }
    Collections.sort(nanos);
    return Duration.ofNanos(nanos.get(n / 2));
  }
}
