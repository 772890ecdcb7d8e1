package opsplay.lab.kwdb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --format} values of kwbase's client commands and how each prints a {@link
 * ResultTable} (the reporters of kwbase's {@code cli/format_table.go}). TSV and CSV have no
 * footer; {@code table} ends with {@code (N rows)}; {@code raw} with {@code # N rows}.
 */
enum TableFormat {
  TSV, CSV, TABLE, RECORDS, SQL, HTML, RAW;

  /** The error text kwbase's flag parser gives for an unknown value. */
  static String invalid(String value) {
    return "invalid argument \"" + value + "\" for \"--format\" flag: invalid table display format: " + value
        + " (possible values: tsv, csv, table, records, sql, html, raw)";
  }

  static Optional<TableFormat> parse(String value) {
    for (TableFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  String render(ResultTable table) {
    return switch (this) {
      case TSV -> Delimited.render(table, '\t');
      case CSV -> Delimited.render(table, ',');
      case TABLE -> AsciiTable.render(table);
      case RECORDS -> records(table);
      case SQL -> sql(table);
      case HTML -> html(table);
      case RAW -> raw(table);
    };
  }

  private static String records(ResultTable table) {
    int width = table.columns().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (List<String> row : table.rows()) {
      out.append("-[ RECORD ").append(++n).append(" ]\n");
      for (int i = 0; i < row.size(); i++) {
        List<String> lines = row.get(i).isEmpty() ? List.of("") : row.get(i).lines().toList();
        for (int l = 0; l < lines.size(); l++) {
          String label = l == 0 ? table.columns().get(i) : "";
          out.append(String.format("%-" + Math.max(width, 1) + "s", label)).append(" | ").append(lines.get(l))
              .append(l < lines.size() - 1 ? "+" : "").append('\n');
        }
      }
    }
    if (table.columns().isEmpty()) {
      out.append(footer("(", n, ")"));
    }
    return out.toString();
  }

  private static String raw(ResultTable table) {
    int columns = table.columns().size();
    StringBuilder out = new StringBuilder("# " + columns + (columns == 1 ? " column\n" : " columns\n"));
    int n = 0;
    for (List<String> row : table.rows()) {
      out.append("# row ").append(++n).append('\n');
      for (String value : row) {
        out.append("## ").append(value.getBytes(StandardCharsets.UTF_8).length).append('\n').append(value).append('\n');
      }
    }
    return out.append(footer("# ", n, "")).toString();
  }

  private static String html(ResultTable table) {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr><th>row</th>");
    table.columns().forEach(c -> out.append("<th>").append(escapeHtml(c)).append("</th>"));
    out.append("</tr></thead>\n");
    if (!table.rows().isEmpty()) {
      out.append("<tbody>\n");
    }
    int n = 0;
    for (List<String> row : table.rows()) {
      out.append("<tr><td>").append(++n).append("</td>");
      row.forEach(v -> out.append("<td>").append(escapeHtml(v)).append("</td>"));
      out.append("</tr>\n");
    }
    // kwbase closes a tbody it never opened when there are no rows; kept as it prints.
    out.append("</tbody>\n<tfoot><tr><td colspan=").append(table.columns().size() + 1).append('>')
        .append(n).append(n == 1 ? " row" : " rows").append("</td></tr></tfoot>");
    return out.append("</table>\n").toString();
  }

  private static String sql(ResultTable table) {
    StringBuilder out = new StringBuilder("CREATE TABLE results (\n");
    for (int i = 0; i < table.columns().size(); i++) {
      out.append("  ").append(identifier(table.columns().get(i))).append(" STRING")
          .append(i < table.columns().size() - 1 ? "," : "").append('\n');
    }
    out.append(");\n\n");
    for (List<String> row : table.rows()) {
      out.append("INSERT INTO results VALUES (");
      for (int i = 0; i < row.size(); i++) {
        out.append(i > 0 ? ", " : "").append(literal(row.get(i)));
      }
      out.append(");\n");
    }
    return out.append(footer("-- ", table.rows().size(), "")).toString();
  }

  private static String footer(String before, int n, String after) {
    return before + n + (n == 1 ? " row" : " rows") + after + "\n";
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
        .replace("'", "&#39;").replace("\n", "<br/>");
  }

  private static String identifier(String name) {
    return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A string literal as kwbase's SQL encoder writes it: plain quotes, or {@code e'…'} when escapes are needed. */
  private static String literal(String value) {
    boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\'' && c != '\\');
    if (plain) {
      return "'" + value + "'";
    }
    StringBuilder out = new StringBuilder("e'");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('\'').toString();
  }
}
