package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.lab.SqlResponder;

/**
 * The few shapes of {@code SELECT … FROM kwdb_internal.<table>} that scaling procedures write, and
 * no more: a select list of columns, {@code *}, {@code count(*)},
 * {@code sum((metrics->>'<metric>')::DECIMAL)::INT} and {@code unnest(replicas)}, each with an
 * optional alias; one optional WHERE of {@code col = value} terms joined by AND, or
 * {@code N = ANY(replicas)}; GROUP BY one key; ORDER BY one key. This covers the documented
 * health check, the QA replica count {@code SELECT count(*) … WHERE 4 = ANY(replicas)}, and
 * {@code node status}'s own queries; anything else is refused by the caller.
 */
final class InternalQuery {
  static final Pattern SELECT = Pattern.compile(
      "select (.+?) from kwdb_internal\\.(\\w+)(?: where (.+?))?(?: group by (\\w+))?(?: order by (\\w+)(?: (asc|desc))?)?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ALIAS = Pattern.compile("(.+?)(?: as (\\w+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SUM = Pattern.compile(
      "sum\\(\\(metrics->>'([\\w.]+)'\\)::(?:decimal|numeric|float8?|int8?)\\)(::int8?|::integer)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern EQUALS = Pattern.compile("(\\w+) = ('[^']*'|-?\\d+|true|false)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANY = Pattern.compile("(\\d+) = any ?\\((\\w+)\\)", Pattern.CASE_INSENSITIVE);

  /** One select-list entry: what it computes ({@code column}, {@code count}, {@code sum}, {@code unnest}) and its output name. */
  private record Item(String kind, String arg, String name, String type) {}

  /** A query the lab cannot answer; the message says what it did not recognise. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  private InternalQuery() {}

  static SqlResponder.Answer answer(Cluster cluster, Matcher m) {
    InternalTables.Table table = InternalTables.of(cluster, m.group(2).toLowerCase());
    if (table == null) {
      return new SqlResponder.Failed("42P01", "relation \"kwdb_internal." + m.group(2) + "\" does not exist", null);
    }
    List<Item> items = new ArrayList<>();
    for (String text : split(m.group(1))) {
      Item item = item(text.strip(), table);
      if (item.kind().equals("star")) {
        table.columns().forEach(c -> items.add(new Item("column", c, c, table.type(c))));
      } else if (item.type() == null) {
        return new SqlResponder.Failed("42703", "column \"" + item.arg() + "\" does not exist", null);
      } else {
        items.add(item);
      }
    }
    List<Map<String, String>> rows = filter(explode(table.rows(), items), m.group(3));
    boolean aggregate = m.group(4) != null || items.stream().anyMatch(i -> i.kind().equals("count") || i.kind().equals("sum"));
    List<List<String>> out = new ArrayList<>(aggregate ? grouped(rows, items, m.group(4)) : projected(rows, items));
    if (m.group(5) != null) {
      sort(out, position(items, m.group(5)), "desc".equalsIgnoreCase(m.group(6)));
    }
    return new SqlResponder.Rows(items.stream().map(Item::name).toList(), items.stream().map(Item::type).toList(), out);
  }

  /** Splits a select list on the commas outside parentheses. */
  private static List<String> split(String list) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(list.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(list.substring(start));
    return parts;
  }

  private static Item item(String text, InternalTables.Table table) {
    Matcher a = ALIAS.matcher(text);
    a.matches();
    String expr = a.group(1).strip();
    String alias = a.group(2);
    Matcher sum = SUM.matcher(expr);
    if (expr.equals("*")) {
      return new Item("star", null, null, null);
    } else if (expr.equalsIgnoreCase("count(*)")) {
      return new Item("count", null, alias == null ? "count" : alias, "int8");
    } else if (sum.matches() && table.columns().contains("metrics")) {
      return new Item("sum", sum.group(1), alias == null ? "sum" : alias, sum.group(2) == null ? "numeric" : "int8");
    } else if (expr.equalsIgnoreCase("unnest(replicas)") && table.columns().contains("replicas")) {
      return new Item("unnest", "replicas", alias == null ? "unnest" : alias, "int8");
    } else if (expr.matches("\\w+")) {
      String column = expr.toLowerCase();
      return new Item("column", column, alias == null ? column : alias, table.type(column));
    }
    throw new Unsupported("the select list entry " + expr);
  }

  /** With unnest(replicas), one row per replica, the node id under "unnest". */
  private static List<Map<String, String>> explode(List<Map<String, String>> rows, List<Item> items) {
    if (items.stream().noneMatch(i -> i.kind().equals("unnest"))) {
      return rows;
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> row : rows) {
      for (String id : elements(row.get("replicas"))) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put("unnest", id);
        out.add(copy);
      }
    }
    return out;
  }

  private static List<String> elements(String array) {
    String body = array.substring(1, array.length() - 1);
    return body.isEmpty() ? List.of() : List.of(body.split(","));
  }

  private static List<Map<String, String>> filter(List<Map<String, String>> rows, String where) {
    if (where == null) {
      return rows;
    }
    List<Map<String, String>> out = new ArrayList<>(rows);
    for (String term : where.split("(?i) and ")) {
      Matcher eq = EQUALS.matcher(term.strip());
      Matcher any = ANY.matcher(term.strip());
      if (any.matches()) {
        out.removeIf(r -> r.get(any.group(2).toLowerCase()) == null || !elements(r.get(any.group(2).toLowerCase())).contains(any.group(1)));
      } else if (eq.matches()) {
        String want = literal(eq.group(2));
        out.removeIf(r -> !want.equals(r.get(eq.group(1).toLowerCase())));
      } else {
        throw new Unsupported("the condition " + term.strip());
      }
    }
    return out;
  }

  private static String literal(String sql) {
    return switch (sql.toLowerCase()) {
      case "true" -> "t";
      case "false" -> "f";
      default -> Zones.unquote(sql);
    };
  }

  private static List<List<String>> projected(List<Map<String, String>> rows, List<Item> items) {
    return rows.stream().map(r -> items.stream().map(i -> r.get(i.kind().equals("unnest") ? "unnest" : i.arg())).toList()).toList();
  }

  private static List<List<String>> grouped(List<Map<String, String>> rows, List<Item> items, String groupBy) {
    Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
    if (groupBy == null) {
      groups.put("", rows);
    } else {
      Item key = items.get(position(items, groupBy));
      String column = key.kind().equals("unnest") ? "unnest" : key.arg();
      rows.forEach(r -> groups.computeIfAbsent(r.get(column), k -> new ArrayList<>()).add(r));
    }
    List<List<String>> out = new ArrayList<>();
    groups.forEach((k, group) -> out.add(items.stream().map(i -> value(i, group)).toList()));
    return out;
  }

  private static String value(Item item, List<Map<String, String>> group) {
    return switch (item.kind()) {
      case "count" -> String.valueOf(group.size());
      case "sum" -> group.isEmpty() ? null : String.valueOf(group.stream().mapToLong(r -> metric(r.get("metrics"), item.arg())).sum());
      case "unnest" -> group.isEmpty() ? null : group.get(0).get("unnest");
      default -> group.isEmpty() ? null : group.get(0).get(item.arg());
    };
  }

  private static long metric(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\": (-?\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** A GROUP BY or ORDER BY key: a 1-based position, an output name, or a column of the list. */
  private static int position(List<Item> items, String key) {
    if (key.matches("\\d+")) {
      return Integer.parseInt(key) - 1;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).name().equalsIgnoreCase(key) || key.equalsIgnoreCase(items.get(i).arg())) {
        return i;
      }
    }
    throw new Unsupported("the key " + key + ", which is not in the select list");
  }

  private static void sort(List<List<String>> rows, int column, boolean descending) {
    Comparator<List<String>> order = Comparator.comparing((List<String> r) -> r.get(column) == null ? "" : r.get(column),
        (a, b) -> a.matches("-?\\d+") && b.matches("-?\\d+") ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b));
    rows.sort(descending ? order.reversed() : order);
  }
}
