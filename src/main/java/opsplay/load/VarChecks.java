package opsplay.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.SourcePos;

/**
 * Checks inventory variables as they are read: passwords only by reference ({@code env:NAME} or
 * {@code file:PATH}), {@code connection} one of ssh or local, ports whole numbers, and valid names.
 */
final class VarChecks {
  private static final List<String> CONNECTIONS = List.of("ssh", "local");
  private final Diagnostics diagnostics;

  VarChecks(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The variables of a YAML mapping as plain values; problems reported at each value. */
  Map<String, Object> vars(Node node, String what) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node.isNull()) return out;
    if (!node.isMap()) {
      diagnostics.error(node.pos(), what + ": expected a mapping of variables, found a " + node.typeName());
      return out;
    }
    node.map().forEach((name, value) -> {
      check(name, value.plain(), value.pos(), node.keyPos(name));
      out.put(name, value.plain());
    });
    return out;
  }

  /** Checks one variable; {@code pos} is where its value is written, {@code keyPos} its name. */
  void check(String name, Object value, SourcePos pos, SourcePos keyPos) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      diagnostics.error(keyPos, "'" + name + "' is not a valid variable name",
          "use letters, digits and underscores, starting with a letter or underscore");
    }
    String canonical = InventoryDraft.ALIASES.getOrDefault(name, name);
    switch (canonical) {
      case "ssh_password", "sql_password" -> password(name, value, pos);
      case "ansible_become_method" -> {
        if (!"sudo".equals(String.valueOf(value))) {
          diagnostics.error(pos, name + ": opsplay becomes another user through sudo only, found '" + value + "'",
              "remove it; become runs sudo -n, so the login user needs sudo without a password");
        }
      }
      case "ansible_become_pass", "ansible_become_password", "ansible_become_exe", "ansible_become_flags" ->
          diagnostics.error(keyPos, name + ": opsplay runs sudo -n as it is, without a password",
              "remove it; the login user needs sudo without a password (become and become_user say who to become)");
      case "ansible_ssh_common_args", "ansible_ssh_extra_args" -> diagnostics.error(keyPos, name
          + ": opsplay passes no options to ssh", "its SSH settings are ssh_known_hosts, ssh_host_key_checking and"
          + " ssh_connect_timeout; a host behind a jump host is not reachable from opsplay yet");
      case "connection" -> {
        if (!CONNECTIONS.contains(String.valueOf(value))) diagnostics.unknown(pos, "connection", String.valueOf(value), CONNECTIONS);
      }
      case "ssh_port" -> {
        if (!String.valueOf(value).matches("\\d{1,5}")) {
          diagnostics.error(pos, name + ": expected a port number, found '" + value + "'", "write the SSH port as a number, such as 22");
        }
      }
      default -> { }
    }
  }

  private void password(String name, Object value, SourcePos pos) {
    String text = value == null ? "" : String.valueOf(value);
    if (text.startsWith("env:") || text.startsWith("file:")) return;
    diagnostics.secretError(pos, name + ": a password is never written in the inventory",
        "use env:VARIABLE (read from the environment) or file:/path/to/file (its first line)", text);
  }
}
