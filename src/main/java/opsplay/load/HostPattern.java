package opsplay.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.core.Diagnostics;
import opsplay.core.Inventory;

/**
 * Ansible host patterns: names and groups, {@code all} or {@code *}, wildcards ({@code n*}),
 * {@code a:b} or {@code a,b} (union), {@code a:&b} (intersection), {@code a:!b} (exclusion), and
 * {@code group[0]}, {@code group[-1]}, {@code group[0:2]} (indexes; slices include both ends).
 * As in Ansible, unions are taken first, then intersections, then exclusions; a pattern of only
 * exclusions starts from all hosts.
 */
public final class HostPattern {
  private static final Pattern INDEXED = Pattern.compile("(.+)\\[(-?\\d+)(?::(-?\\d*))?]");

  private HostPattern() {}

  /** The hosts a pattern names, in inventory order; IllegalArgumentException names an unknown term. */
  public static List<String> select(String pattern, Inventory inventory) {
    Set<String> union = new LinkedHashSet<>();
    List<Set<String>> intersections = new ArrayList<>();
    Set<String> excluded = new LinkedHashSet<>();
    boolean positive = false;
    for (String term : terms(pattern)) {
      if (term.startsWith("&")) intersections.add(hosts(term.substring(1), inventory));
      else if (term.startsWith("!")) excluded.addAll(hosts(term.substring(1), inventory));
      else {
        union.addAll(hosts(term, inventory));
        positive = true;
      }
    }
    if (!positive) union.addAll(inventory.hosts().keySet());
    List<String> out = new ArrayList<>();
    for (String h : inventory.hosts().keySet()) {
      if (union.contains(h) && !excluded.contains(h) && intersections.stream().allMatch(s -> s.contains(h))) out.add(h);
    }
    return out;
  }

  /** Reports an invalid pattern to diagnostics instead of throwing. */
  public static void check(String pattern, Inventory inventory, opsplay.core.SourcePos pos, Diagnostics diagnostics) {
    try {
      select(pattern, inventory);
    } catch (IllegalArgumentException e) {
      diagnostics.error(pos, e.getMessage(), hint(inventory));
    }
  }

  private static String hint(Inventory inventory) {
    List<String> names = new ArrayList<>(inventory.groups().keySet());
    names.add(0, "all");
    return "groups in the inventory: " + String.join(", ", names);
  }

  /** Splits on ':' and ',' outside brackets. */
  private static List<String> terms(String pattern) {
    List<String> out = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    int depth = 0;
    for (char c : pattern.toCharArray()) {
      if (c == '[') depth++;
      if (c == ']') depth--;
      if ((c == ':' || c == ',') && depth == 0) {
        if (!term.toString().isBlank()) out.add(term.toString().strip());
        term.setLength(0);
      } else {
        term.append(c);
      }
    }
    if (!term.toString().isBlank()) out.add(term.toString().strip());
    if (out.isEmpty()) throw new IllegalArgumentException("empty host pattern");
    return out;
  }

  private static Set<String> hosts(String term, Inventory inventory) {
    if (term.startsWith("~")) return matching(term, inventory);
    Matcher m = INDEXED.matcher(term);
    if (m.matches()) return indexed(m, inventory);
    if (term.equals("all") || term.equals("*")) return new LinkedHashSet<>(inventory.hosts().keySet());
    if (inventory.groups().containsKey(term)) return new LinkedHashSet<>(inventory.hostsOf(term));
    if (inventory.hosts().containsKey(term)) return Set.of(term);
    if (term.contains("*")) return matching(term, inventory);
    List<String> known = new ArrayList<>(inventory.groups().keySet());
    known.addAll(inventory.hosts().keySet());
    String guess = Diagnostics.closest(term, known);
    throw new IllegalArgumentException("no host or group named '" + term + "' in the inventory"
        + (guess == null ? "" : " (did you mean '" + guess + "'?)"));
  }

  private static Set<String> indexed(Matcher m, Inventory inventory) {
    List<String> members = List.copyOf(hosts(m.group(1), inventory));
    int from = index(Integer.parseInt(m.group(2)), members.size());
    int to = m.group(3) == null ? from
        : m.group(3).isEmpty() ? members.size() - 1 : index(Integer.parseInt(m.group(3)), members.size());
    if (from < 0 || from >= members.size() || to >= members.size()) {
      throw new IllegalArgumentException("'" + m.group() + "': " + m.group(1) + " has " + members.size()
          + " hosts (indexes 0 to " + (members.size() - 1) + ")");
    }
    return new LinkedHashSet<>(members.subList(from, Math.max(from, to) + 1));
  }

  private static int index(int i, int size) {
    return i < 0 ? size + i : i;
  }

  private static Set<String> matching(String term, Inventory inventory) {
    Pattern p = term.startsWith("~") ? Pattern.compile(term.substring(1))
        : Pattern.compile(Pattern.quote(term).replace("*", "\\E.*\\Q"));
    Set<String> out = new LinkedHashSet<>();
    for (String g : inventory.groups().keySet()) if (p.matcher(g).matches()) out.addAll(inventory.hostsOf(g));
    for (String h : inventory.hosts().keySet()) if (p.matcher(h).matches()) out.add(h);
    return out;
  }
}
