package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opsplay.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wait-until's tcp probe against a real listening socket and a closed port, through the CLI. */
class WaitUntilTcpTest {
  static final String INVENTORY = "src/test/resources/cases/run/inventory.yml";

  @Test
  void anOpenPortIsAlreadyTrue(@TempDir Path dir) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Map<String, Object> r = run(dir, "tcp: \"127.0.0.1:" + server.getLocalPort() + "\"", "");
      assertThat(r.get("status")).isEqualTo("ok");
      assertThat((String) r.get("msg")).isEqualTo("already done: until is already true: result.open");
    }
  }

  @Test
  void aClosedPortTimesOutSayingSo(@TempDir Path dir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Map<String, Object> r = run(dir, "tcp: \"127.0.0.1:" + port + "\"\n        until: result.open\n"
        + "        interval: 50ms\n        timeout: 250ms", "");
    assertThat(r.get("status")).isEqualTo("failed");
    assertThat((String) r.get("msg")).startsWith("timed out after 250ms (").contains("until is still false: result.open")
        .contains("last probe: 127.0.0.1:" + port + " is closed (Connection refused)");
  }

  @Test
  void aPortThatOpensLaterEndsTheWait(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Thread later = new Thread(() -> {
      try {
        Thread.sleep(300);
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
          server.setSoTimeout(5000);
          server.accept().close();
        }
      } catch (IOException | InterruptedException e) {
        // the test below then fails with the probe's last answer
      }
    });
    later.start();
    Map<String, Object> r = run(dir, "tcp: \"127.0.0.1:" + port + "\"\n        interval: 50ms\n        timeout: 10s",
        "      register: w\n    - name: attempts\n      assert: {that: w.attempts > 1 && w.open}\n");
    later.join();
    assertThat(r.get("status")).as(String.valueOf(r)).isEqualTo("changed");
    assertThat((String) r.get("msg")).startsWith("true after ");
  }

  /** Runs one wait-until task with {@code probe} on h1 and returns its host_result; later tasks must pass. */
  private static Map<String, Object> run(Path dir, String probe, String more) throws IOException {
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: h1\n  tasks:\n    - name: wait\n      wait-until:\n        " + probe + "\n" + more);
    Cli.Outcome out = Cli.run("run", pb.toString(), "-i", INVENTORY, "-o", "json");
    List<Map<String, Object>> results = out.events("host_result");
    assertThat(results.stream().skip(1)).as(out.out() + out.err()).allMatch(r -> "ok".equals(r.get("status")));
    return results.get(0);
  }
}
