package opsplay.core;

import java.util.List;
import java.util.Map;

/** An inventory group: its own hosts, its child groups and its variables. */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Object> vars, SourcePos pos) {
  public Group {
    hosts = List.copyOf(hosts);
    children = List.copyOf(children);
    vars = vars == null ? Map.of() : vars;
  }
}
