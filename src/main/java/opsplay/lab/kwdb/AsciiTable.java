package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * kwbase's {@code --format=table} layout: the olekukonko/tablewriter settings its client uses
 * (no border, centred headers, {@code |} between columns, a {@code -}/{@code +} line under the
 * header, trailing blanks trimmed) followed by the {@code (N rows)} footer.
 *
 * <p>Two tablewriter details decide the exact bytes and are easy to miss. Without a border the
 * left and right edge positions print a blank on text lines and a dash on the header line, which
 * is why the real sample's first column has one dash more than its width suggests. And when the
 * alignment string is shorter than the number of columns, tablewriter replaces it entirely by
 * its default, which right-aligns cells that look like numbers and left-aligns the rest (this
 * happens for every {@code node status} variant except {@code --all}).
 */
final class AsciiTable {
  private static final Pattern DECIMAL = Pattern.compile("^-?(?:\\d{1,3}(?:,\\d{3})*|\\d+)(?:\\.\\d+)?$");

  private AsciiTable() {}

  static String render(ResultTable table) {
    List<String> columns = table.columns();
    int[] widths = widths(table);
    StringBuilder out = new StringBuilder();
    line(out, centred(columns, widths));
    out.append(separator(widths)).append('\n');
    String align = table.align().length() < columns.size() ? "" : table.align();
    for (List<String> row : table.rows()) {
      List<List<String>> cells = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        cells.add(row.get(i).lines().toList());
      }
      int height = Math.max(1, cells.stream().mapToInt(List::size).max().orElse(1));
      for (int l = 0; l < height; l++) {
        List<String> padded = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
          String text = l < cells.get(i).size() ? cells.get(i).get(l) : "";
          padded.add(aligned(text, i < align.length() ? align.charAt(i) : 'd', widths[i]));
        }
        line(out, padded);
      }
    }
    int n = table.rows().size();
    return out.append('(').append(n).append(n == 1 ? " row)" : " rows)").append('\n').toString();
  }

  private static int[] widths(ResultTable table) {
    int[] widths = new int[table.columns().size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = widest(table.columns().get(i));
    }
    for (List<String> row : table.rows()) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], widest(row.get(i)));
      }
    }
    return widths;
  }

  private static int widest(String text) {
    return text.lines().mapToInt(String::length).max().orElse(0);
  }

  private static List<String> centred(List<String> columns, int[] widths) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      out.add(aligned(columns.get(i), 'c', widths[i]));
    }
    return out;
  }

  /** One text line: the blank left edge, each cell between single blanks, {@code |} between cells. */
  private static void line(StringBuilder out, List<String> cells) {
    StringBuilder line = new StringBuilder(" ");
    for (int i = 0; i < cells.size(); i++) {
      line.append(' ').append(cells.get(i)).append(' ').append(i < cells.size() - 1 ? "|" : " ");
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String separator(int[] widths) {
    StringBuilder line = new StringBuilder("-");
    for (int i = 0; i < widths.length; i++) {
      line.append("-".repeat(widths[i] + 2)).append(i < widths.length - 1 ? "+" : "-");
    }
    return line.toString();
  }

  private static String aligned(String text, char align, int width) {
    int gap = width - text.length();
    if (gap <= 0) {
      return text;
    }
    char how = align == 'd' ? (DECIMAL.matcher(text.strip()).matches() ? 'r' : 'l') : align;
    return switch (how) {
      case 'r' -> " ".repeat(gap) + text;
      case 'c' -> " ".repeat(gap / 2) + text + " ".repeat(gap - gap / 2);
      default -> text + " ".repeat(gap);
    };
  }
}
