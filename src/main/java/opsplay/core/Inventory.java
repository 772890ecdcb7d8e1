package opsplay.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hosts and groups a run can target, in the order they were written. Every host is also in
 * group {@code all}; hosts in no other group are in {@code ungrouped}.
 */
public record Inventory(Map<String, Host> hosts, Map<String, Group> groups, Map<String, Object> labSettings) {
  public Inventory {
    hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    labSettings = labSettings == null ? Map.of() : labSettings;
  }

  /** Every host of a group, its own first, then its children's, each once. */
  public List<String> hostsOf(String group) {
    Set<String> out = new LinkedHashSet<>();
    collect(group, out, new LinkedHashSet<>());
    return new ArrayList<>(out);
  }

  private void collect(String group, Set<String> out, Set<String> seen) {
    if (group.equals("all")) {
      out.addAll(hosts.keySet());
      return;
    }
    Group g = groups.get(group);
    if (g == null || !seen.add(group)) return;
    out.addAll(g.hosts());
    for (String child : g.children()) collect(child, out, seen);
  }

  /**
   * The variables that do not depend on a host, all that a play's {@code hosts:} and
   * {@code serial:} may use: {@code groups} and the extra vars (-e).
   */
  public Vars globalVars(Map<String, Object> extraVars) {
    return Vars.of(Map.of("groups", groupsVariable()), extraVars);
  }

  /** The {@code groups} magic variable: every group name with all of its hosts. */
  public Map<String, Object> groupsVariable() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("all", new ArrayList<>(hosts.keySet()));
    for (String name : groups.keySet()) out.put(name, hostsOf(name));
    return out;
  }
}
