package opsplay.load;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.SourcePos;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The only class that touches SnakeYAML: YAML text to {@link Node}s that keep the file, line and
 * column of every value and key. Scalars are typed as YAML 1.1 (and Ansible) types them: yes/no
 * are booleans, 0644 is octal. Problems go to Diagnostics, with hints for the common mistakes.
 */
public final class YamlLoader {
  private final Diagnostics diagnostics;

  public YamlLoader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The document in {@code text}, or null when it is empty or not valid YAML (reported). */
  public Node load(String text, String file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(100);
    try {
      org.yaml.snakeyaml.nodes.Node root = new Yaml(options).compose(new StringReader(text));
      return root == null ? null : convert(root, file);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      SourcePos pos = mark == null ? SourcePos.of(file) : new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1);
      diagnostics.error(pos, "invalid YAML: " + problem(e), hint(text, mark));
      return null;
    } catch (YAMLException e) {
      diagnostics.error(SourcePos.of(file), "invalid YAML: " + e.getMessage());
      return null;
    }
  }

  private static String problem(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    return (context.isEmpty() ? problem : context + ": " + problem).replace('\n', ' ');
  }

  /** A hint for the mistakes people make most: tabs, and an unquoted value that starts with {{. */
  private static String hint(String text, Mark mark) {
    if (mark == null) return "";
    String[] lines = text.split("\n", -1);
    String line = mark.getLine() < lines.length ? lines[mark.getLine()] : "";
    if (line.contains("\t")) return "YAML does not allow tabs for indentation; use spaces";
    if (line.matches(".*:\\s+\\{\\{.*")) return "a value that starts with {{ must be quoted: key: \"{{name}} ...\"";
    if (line.matches("\\s*-?\\s*[\\w.-]+:\\s+[^\"'].*:\\s.*")) {
      return "quote a value that contains ': ' (key: \"a: b\")";
    }
    return "";
  }

  private Node convert(org.yaml.snakeyaml.nodes.Node node, String file) {
    SourcePos pos = pos(node, file);
    if (node instanceof ScalarNode scalar) return Node.scalar(pos, scalar(scalar));
    if (node instanceof SequenceNode seq) {
      List<Node> items = new ArrayList<>();
      for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) items.add(convert(item, file));
      return new Node(pos, items, Map.of());
    }
    MappingNode map = (MappingNode) node;
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, SourcePos> keys = new LinkedHashMap<>();
    java.util.Set<String> merged = new java.util.HashSet<>();
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
        merged.addAll(merge(convert(tuple.getValueNode(), file), values, keys));
        continue;
      }
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        diagnostics.error(pos(tuple.getKeyNode(), file), "a mapping key must be a plain word, found a "
            + (tuple.getKeyNode() instanceof MappingNode ? "mapping" : "list"),
            "a value that starts with {{ must be quoted: key: \"{{name}}\"");
        continue;
      }
      String name = key.getValue();
      if (keys.containsKey(name) && !merged.remove(name)) {
        diagnostics.error(pos(key, file), "duplicate key '" + name + "' (first written at line " + keys.get(name).line() + ")",
            "remove one of them");
      }
      keys.put(name, pos(key, file));
      values.put(name, convert(tuple.getValueNode(), file));
    }
    return new Node(pos, values, keys);
  }

  /** {@code <<: *defaults}: keys of the merged mapping(s) that the mapping does not set itself. */
  private List<String> merge(Node merged, Map<String, Node> values, Map<String, SourcePos> keys) {
    List<String> added = new ArrayList<>();
    for (Node m : merged.isList() ? merged.list() : List.of(merged)) {
      if (!m.isMap()) {
        diagnostics.error(m.pos(), "'<<' merges a mapping or a list of mappings, found a " + m.typeName());
        continue;
      }
      m.map().forEach((k, v) -> {
        if (!values.containsKey(k)) {
          values.put(k, v);
          keys.put(k, m.keyPos(k));
          added.add(k);
        }
      });
    }
    return added;
  }

  private static SourcePos pos(org.yaml.snakeyaml.nodes.Node node, String file) {
    Mark m = node.getStartMark();
    return new SourcePos(file, m.getLine() + 1, m.getColumn() + 1);
  }

  /** A plain scalar typed as YAML 1.1 resolves it; quoted scalars stay strings. */
  private static Object scalar(ScalarNode node) {
    String text = node.getValue();
    Tag tag = node.getTag();
    if (tag.equals(Tag.NULL)) return null;
    if (tag.equals(Tag.BOOL)) return List.of("yes", "true", "on", "y").contains(text.toLowerCase());
    if (tag.equals(Tag.INT)) return integer(text);
    if (tag.equals(Tag.FLOAT)) return floating(text);
    return text;
  }

  private static Object integer(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) t = t.substring(1);
    try {
      long v;
      if (t.startsWith("0x")) v = Long.parseLong(t.substring(2), 16);
      else if (t.startsWith("0b")) v = Long.parseLong(t.substring(2), 2);
      else if (t.startsWith("0o")) v = Long.parseLong(t.substring(2), 8);
      else if (t.length() > 1 && t.startsWith("0")) v = Long.parseLong(t.substring(1), 8);
      else if (t.contains(":")) v = sexagesimal(t);
      else v = Long.parseLong(t);
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static long sexagesimal(String t) {
    long v = 0;
    for (String part : t.split(":")) v = v * 60 + Long.parseLong(part);
    return v;
  }

  private static Object floating(String text) {
    String t = text.replace("_", "").toLowerCase();
    if (t.endsWith(".inf")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    if (t.equals(".nan")) return Double.NaN;
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
