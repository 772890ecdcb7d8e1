package opsplay.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where one lab host lives: its loopback address, its SSH port, its SQL port (0: none), its
 * sandbox, and its inventory groups and variables (with {@code {sandbox}} already replaced).
 */
public record LabHost(String name, String address, int sshPort, int sqlPort, Path sandbox, List<String> groups,
    Map<String, Object> vars) {
  public LabHost {
    groups = List.copyOf(groups);
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
  }

  /** The JDBC URL of its SQL port (the lab's PostgreSQL wire server), or null when it answers no SQL. */
  public String sqlUrl() {
    return sqlPort == 0 ? null : "jdbc:postgresql://" + address + ":" + sqlPort + "/defaultdb?sslmode=disable";
  }
}
