package opsplay.lab;

import static opsplay.lab.LabHosts.exec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import opsplay.core.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast a lab starts and answers, and what it costs in memory; the numbers go to the test's
 * output (target/surefire-reports/opsplay.lab.LabSpeedTest-output.txt), the bounds are loose.
 */
class LabSpeedTest {
  @TempDir Path dir;

  @Test
  void fiveHostsStartQuicklyAndAShimRoundTripCostsMilliseconds() throws Exception {
    long heapBefore = usedHeap();
    int threadsBefore = Thread.activeCount();
    long t0 = System.nanoTime();
    Lab lab = Lab.prepare(new LabSettings("test", 4, 1, false, false, 1), dir, LabTest.KINDS, SqlServers.NONE, "");
    long prepared = System.nanoTime();
    lab.start();
    long started = System.nanoTime();
    List<Connection> connections = new ArrayList<>();
    try {
      for (LabHost h : lab.layout().hosts()) {
        Connection c = LabHosts.connect(lab, h.name(), dir);
        connections.add(c);
        assertThat(exec(c, "echo-args " + h.name()).stdout()).isEqualTo("[" + h.name() + "]\n");
      }
      long heapRunning = usedHeap();
      Connection h1 = connections.get(0);
      for (int i = 0; i < 5; i++) exec(h1, "echo-args warm");
      long execTrue = median(h1, "true");
      long execShim = median(h1, "echo-args x");
      String inside = exec(h1, "s=$(date +%s%N); for i in $(seq 50); do echo-args x >/dev/null 2>&1; done; echo $(( ($(date +%s%N) - s) / 50000 ))").stdout().strip();
      System.out.printf("lab of 5 hosts: prepare %d ms, start %d ms; heap +%d MiB with 5 sessions open, threads +%d%n",
          (prepared - t0) / 1_000_000, (started - prepared) / 1_000_000, (heapRunning - heapBefore) >> 20,
          Thread.activeCount() - threadsBefore);
      System.out.printf("median exec over SSH: 'true' %.1f ms, 'echo-args x' %.1f ms; shim round trip inside the host %s us%n",
          execTrue / 1000.0, execShim / 1000.0, inside);
      assertThat((started - t0) / 1_000_000).isLessThan(5000);
      assertThat(execShim).isLessThan(200_000);
    } finally {
      connections.forEach(Connection::close);
      lab.close();
    }
  }

  /** Microseconds, the median of 21 runs. */
  private static long median(Connection c, String command) throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      long t = System.nanoTime();
      exec(c, command);
      times.add((System.nanoTime() - t) / 1000);
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
