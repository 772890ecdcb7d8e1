package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /etc/kaiwudb/info/MODE}, the file deploy.sh's helpers read with {@code sed -n Np}
 * (reference §1.4): line 2 the install mode, 5 the SQL port, 8 the secure mode, and the last line
 * the node's own address.
 */
record HostMode(List<String> lines) {
  static final String PATH = "/etc/kaiwudb/info/MODE";

  static HostMode of(String text) {
    return new HostMode(text == null ? List.of() : text.lines().toList());
  }

  /** The file deploy.sh install writes for a node at {@code address}. */
  static String render(boolean singleReplica, boolean secure, String address) {
    return String.join("\n", "bare", singleReplica ? "single-replication" : "multi-replication", "/usr/local/kaiwudb",
        "/var/lib/kaiwudb", "26257", "8080", "kaiwudb", secure ? "tls" : "insecure", "false", address) + "\n";
  }

  private String line(int n) {
    return lines.size() >= n ? lines.get(n - 1) : "";
  }

  String installMode() {
    return line(2);
  }

  String port() {
    return line(5);
  }

  String secureMode() {
    return line(8);
  }

  String localAddress() {
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** kwbase's security flags as deploy.sh's secure_opt builds them from line 8. */
  List<String> secureFlags() {
    return switch (secureMode()) {
      case "tls" -> List.of("--certs-dir=/etc/kaiwudb/certs");
      case "tlcp" -> List.of("--certs-dir=/etc/kaiwudb/certs", "--tlcp");
      default -> List.of("--insecure");
    };
  }

  /** The text after {@code sed -i '8c <mode>'}. */
  String withSecureMode(String mode) {
    List<String> out = new ArrayList<>(lines);
    while (out.size() < 8) {
      out.add("");
    }
    out.set(7, mode);
    return String.join("\n", out) + "\n";
  }
}
