package opsplay.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opsplay.json.Json;

/**
 * The inventory a lab writes for its hosts, in Ansible's YAML shape: groups in the order the
 * cluster lists them, each host's connection and cluster variables (written once, with the first
 * group that lists it), the login settings in {@code all.vars}. Values are written in YAML's flow
 * style with JSON strings (YAML's double-quoted style), so any text survives.
 */
final class LabInventory {
  private final Json json = new Json();

  /**
   * @param header comment lines (without {@code #}): which lab, since when, how to stop it
   * @param user the login name the lab accepts (any name works; this one is written)
   */
  String text(LabLayout layout, List<String> header, String user) {
    StringBuilder out = new StringBuilder();
    for (String line : header) out.append("# ").append(line).append('\n');
    out.append("all:\n  vars:\n");
    Map<String, Object> login = new LinkedHashMap<>();
    login.put("ssh_user", user);
    login.put("ssh_key", layout.clientKey().toString());
    login.put("ssh_known_hosts", layout.knownHosts().toString());
    login.forEach((k, v) -> out.append("    ").append(k).append(": ").append(flow(v)).append('\n'));
    out.append("  children:\n");
    Set<String> written = new LinkedHashSet<>();
    for (String group : groups(layout)) {
      out.append("    ").append(key(group)).append(":\n      hosts:\n");
      for (LabHost host : layout.hosts()) {
        if (!host.groups().contains(group)) continue;
        out.append("        ").append(key(host.name())).append(':');
        if (written.add(host.name())) out.append(' ').append(flow(vars(host)));
        out.append('\n');
      }
    }
    List<LabHost> ungrouped = layout.hosts().stream().filter(h -> h.groups().isEmpty()).toList();
    if (!ungrouped.isEmpty()) {
      out.append("    ungrouped:\n      hosts:\n");
      for (LabHost host : ungrouped) {
        out.append("        ").append(key(host.name())).append(": ").append(flow(vars(host))).append('\n');
      }
    }
    return out.toString();
  }

  /** A plain value in flow style: {@code {address: "127.77.1.1", ssh_port: 40123, paths: ["/a", "b"]}}. */
  private String flow(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      map.forEach((k, v) -> entries.add(key(String.valueOf(k)) + ": " + flow(v)));
      return "{" + String.join(", ", entries) + "}";
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object v : list) items.add(flow(v));
      return "[" + String.join(", ", items) + "]";
    }
    return json.write(value);
  }

  /** A key as written: bare when it is a plain name, else quoted. */
  private String key(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_-]*") && !List.of("true", "false", "yes", "no", "on", "off", "null").contains(name.toLowerCase(java.util.Locale.ROOT))
        ? name : json.write(name);
  }

  private static List<String> groups(LabLayout layout) {
    Set<String> groups = new LinkedHashSet<>();
    for (LabHost host : layout.hosts()) groups.addAll(host.groups());
    return new ArrayList<>(groups);
  }

  /** A host's inventory variables: where to log in and its SQL URL (the lab's say), then the cluster's own. */
  static Map<String, Object> vars(LabHost host) {
    Map<String, Object> lab = new LinkedHashMap<>();
    lab.put("address", host.address());
    lab.put("ssh_port", host.sshPort());
    if (host.sqlUrl() != null) {
      lab.put("sql_url", host.sqlUrl());
      lab.put("sql_user", "root");
    }
    Map<String, Object> vars = new LinkedHashMap<>(lab);
    vars.putAll(host.vars());
    vars.putAll(lab); // the model may name an address too; where the lab listens wins (keys keep their place)
    return vars;
  }
}
