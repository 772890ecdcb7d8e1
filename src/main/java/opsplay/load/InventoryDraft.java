package opsplay.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opsplay.core.Diagnostics;
import opsplay.core.Group;
import opsplay.core.Host;
import opsplay.core.Inventory;
import opsplay.core.SourcePos;

/**
 * An inventory while it is being read from YAML, INI, group_vars/ and host_vars/: groups with
 * their hosts, children and variables, and hosts with their own variables. {@link #build} merges
 * each host's variables by precedence: group all, then groups from parents to children, then the
 * host's own. Variable names are made canonical per layer ({@code ansible_host} is also {@code address}).
 */
final class InventoryDraft {
  /** Ansible's connection variable names and ours. */
  static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("ansible_host", "address"), Map.entry("ansible_ssh_host", "address"),
      Map.entry("ansible_port", "ssh_port"), Map.entry("ansible_ssh_port", "ssh_port"),
      Map.entry("ansible_user", "ssh_user"), Map.entry("ansible_ssh_user", "ssh_user"),
      Map.entry("ansible_password", "ssh_password"), Map.entry("ansible_ssh_pass", "ssh_password"),
      Map.entry("ansible_ssh_private_key_file", "ssh_key"), Map.entry("ansible_connection", "connection"),
      Map.entry("ansible_become", "become"), Map.entry("ansible_become_user", "become_user"));

  private record GroupDraft(SourcePos pos, Set<String> hosts, Set<String> children, Map<String, Object> vars) {}

  private final Map<String, GroupDraft> groups = new LinkedHashMap<>();
  private final Map<String, SourcePos> hosts = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
  private final Map<String, Object> lab = new LinkedHashMap<>();
  private final Diagnostics diagnostics;

  InventoryDraft(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    group("all", SourcePos.of("inventory"));
  }

  /** Declares a group (again); returns nothing, so positions of the first mention are kept. */
  void group(String name, SourcePos pos) {
    groups.computeIfAbsent(name, n -> new GroupDraft(pos, new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashMap<>()));
  }

  boolean hasGroup(String name) {
    return groups.containsKey(name);
  }

  boolean hasHost(String name) {
    return hosts.containsKey(name);
  }

  Set<String> groupNames() {
    return groups.keySet();
  }

  Set<String> hostNames() {
    return hosts.keySet();
  }

  void host(String group, String name, SourcePos pos) {
    hosts.putIfAbsent(name, pos);
    hostVars.putIfAbsent(name, new LinkedHashMap<>());
    groups.get(group).hosts().add(name);
  }

  void child(String parent, String child, SourcePos pos) {
    group(child, pos);
    if (parent.equals(child) || descendants(child).contains(parent)) {
      diagnostics.error(pos, "group '" + child + "' cannot be a child of '" + parent + "': that makes a cycle");
      return;
    }
    groups.get(parent).children().add(child);
  }

  void groupVars(String group, Map<String, Object> vars) {
    groups.get(group).vars().putAll(canonical(vars));
  }

  void hostVars(String host, Map<String, Object> vars) {
    hostVars.get(host).putAll(canonical(vars));
  }

  void lab(Map<String, Object> settings) {
    lab.putAll(settings);
  }

  Map<String, Object> labSettings() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lab));
  }

  private static Map<String, Object> canonical(Map<String, Object> vars) {
    Map<String, Object> out = new LinkedHashMap<>(vars);
    vars.forEach((k, v) -> {
      String name = ALIASES.get(k);
      if (name != null && !vars.containsKey(name)) out.put(name, v);
    });
    return out;
  }

  private Set<String> descendants(String group) {
    Set<String> out = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(group));
    while (!todo.isEmpty()) {
      GroupDraft g = groups.get(todo.remove(0));
      if (g == null) continue;
      for (String c : g.children()) if (out.add(c)) todo.add(c);
    }
    return out;
  }

  /** How far a group is below {@code all}: parents' variables are applied before their children's. */
  private int depth(String group, Set<String> seen) {
    int best = 0;
    for (Map.Entry<String, GroupDraft> e : groups.entrySet()) {
      if (e.getValue().children().contains(group) && seen.add(e.getKey())) best = Math.max(best, depth(e.getKey(), seen) + 1);
    }
    return group.equals("all") ? 0 : Math.max(1, best);
  }

  Inventory build() {
    Set<String> grouped = new LinkedHashSet<>();
    groups.forEach((name, g) -> {
      if (!name.equals("all")) grouped.addAll(g.hosts());
    });
    List<String> ungrouped = hosts.keySet().stream().filter(h -> !grouped.contains(h)).toList();
    if (!ungrouped.isEmpty()) {
      group("ungrouped", SourcePos.of("inventory"));
      groups.get("ungrouped").hosts().addAll(ungrouped);
    }
    Map<String, Integer> depths = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(groups.keySet());
    for (String g : order) depths.put(g, depth(g, new LinkedHashSet<>()));
    order.sort(Comparator.comparingInt(depths::get));

    Map<String, Host> built = new LinkedHashMap<>();
    for (String h : hosts.keySet()) built.put(h, new Host(h, varsOf(h, order), hosts.get(h)));
    Map<String, Group> out = new LinkedHashMap<>();
    groups.forEach((name, g) -> {
      if (!name.equals("all")) {
        out.put(name, new Group(name, List.copyOf(g.hosts()), List.copyOf(g.children()),
            java.util.Collections.unmodifiableMap(new LinkedHashMap<>(g.vars())), g.pos()));
      }
    });
    return new Inventory(built, out, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lab)));
  }

  private Map<String, Object> varsOf(String host, List<String> groupOrder) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (String g : groupOrder) {
      if (g.equals("all") || containsHost(g, host)) vars.putAll(groups.get(g).vars());
    }
    vars.putAll(hostVars.get(host));
    return vars;
  }

  private boolean containsHost(String group, String host) {
    if (groups.get(group).hosts().contains(host)) return true;
    for (String c : descendants(group)) if (groups.get(c).hosts().contains(host)) return true;
    return false;
  }
}
