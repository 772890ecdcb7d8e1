package opsplay.core;

import java.util.Map;

/**
 * One inventory host: its name and its inventory variables already merged
 * (all &lt; groups, parents before children &lt; host_vars).
 */
public record Host(String name, Map<String, Object> vars, SourcePos pos) {
  public Host {
    vars = Map.copyOf(vars == null ? Map.of() : withoutNulls(vars));
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> vars) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    vars.forEach((k, v) -> copy.put(k, v == null ? "" : v));
    return copy;
  }

  @Override
  public String toString() {
    return name;
  }
}
