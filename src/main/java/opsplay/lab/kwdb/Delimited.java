package opsplay.lab.kwdb;

import java.util.List;

/**
 * kwbase's {@code tsv} and {@code csv} output: Go's CSV writer with the given separator, a header
 * line and one line per row, no footer. A field is quoted only when it holds the separator, a
 * quote or a line break, or starts with a blank (so the timestamps, which contain a blank in the
 * middle, stay bare).
 */
final class Delimited {
  private Delimited() {}

  static String render(ResultTable table, char separator) {
    StringBuilder out = new StringBuilder();
    line(out, table.columns(), separator);
    table.rows().forEach(row -> line(out, row, separator));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> fields, char separator) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      out.append(field(fields.get(i), separator));
    }
    out.append('\n');
  }

  private static String field(String value, char separator) {
    boolean quote = !value.isEmpty() && (value.equals("\\.") || value.indexOf(separator) >= 0
        || value.contains("\"") || value.contains("\r") || value.contains("\n") || Character.isWhitespace(value.charAt(0)));
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
