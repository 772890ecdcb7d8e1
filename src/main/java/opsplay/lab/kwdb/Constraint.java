package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One zone constraint: {@code +region=NODE4} (replicas must be on a matching node) or
 * {@code -region=NODE4} (must not be), with a replica count in the per-replica form
 * {@code '{"+region=NODE4": 1}'} (0 in the list form {@code '[+region=NODE4]'}, which applies to
 * every replica). KWDB documents only {@code region=NODE<id>}, the locality nodes get by default.
 */
record Constraint(boolean required, String key, String value, int count) {

  /** Reads the text of a {@code constraints = '…'} value; throws IllegalArgumentException with kwbase's message. */
  static List<Constraint> parse(String text) {
    String t = text.strip();
    boolean perReplica = t.startsWith("{");
    if (!(perReplica && t.endsWith("}")) && !(t.startsWith("[") && t.endsWith("]"))) {
      throw new IllegalArgumentException("could not parse constraints: expected a list [...] or a map {...}, found " + t);
    }
    List<Constraint> out = new ArrayList<>();
    String body = t.substring(1, t.length() - 1).strip();
    if (body.isEmpty()) {
      return out;
    }
    for (String item : body.split(",")) {
      String spec = item.strip();
      int count = 0;
      if (perReplica) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("could not parse constraints: expected \"<constraint>: <count>\", found " + spec);
        }
        count = Integer.parseInt(spec.substring(colon + 1).strip());
        if (count <= 0) {
          throw new IllegalArgumentException("constraints must apply to at least one replica");
        }
        spec = spec.substring(0, colon).strip();
      }
      out.add(one(unquote(spec), count));
    }
    return out;
  }

  private static Constraint one(String spec, int count) {
    if (spec.isEmpty() || (spec.charAt(0) != '+' && spec.charAt(0) != '-')) {
      throw new IllegalArgumentException("constraint \"" + spec
          + "\" must either be required (prefixed with a '+') or prohibited (prefixed with a '-')");
    }
    String[] kv = spec.substring(1).split("=", 2);
    return new Constraint(spec.charAt(0) == '+', kv[0], kv.length > 1 ? kv[1] : "", count);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)
        ? s.substring(1, s.length() - 1).strip()
        : s;
  }

  /** Whether a node with this locality ({@code region=NODE4}, or {@code k=v,k2=v2}) matches the key and value. */
  boolean matches(String locality) {
    return Arrays.stream(locality.split(",")).anyMatch(kv -> kv.strip().equals(key + "=" + value));
  }

  /** The canonical text kwbase shows in raw_config_sql: {@code [+region=NODE1]} or {@code {+region=NODE4: 1}}. */
  static String render(List<Constraint> constraints) {
    boolean perReplica = constraints.stream().anyMatch(c -> c.count > 0);
    List<String> items = constraints.stream()
        .map(c -> (c.required ? "+" : "-") + c.key + "=" + c.value + (perReplica ? ": " + c.count : "")).toList();
    return (perReplica ? "{" : "[") + String.join(", ", items) + (perReplica ? "}" : "]");
  }
}
