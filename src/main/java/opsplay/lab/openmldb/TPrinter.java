package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.List;

/**
 * The table printer behind every ns_client table ({@code TPrinter} of 4paradigm/common), byte for
 * byte: a column is as wide as its longest cell (cut to {@code --max_col_display_length}, measured
 * before an empty cell becomes {@code -}); every cell is two spaces then the text padded to the
 * width, the last one too; a dash line of the total width plus two follows the header; nothing
 * follows the last row.
 */
final class TPrinter {
  private final int maxWidth;
  private final int[] widths;
  private final List<List<String>> rows = new ArrayList<>();

  TPrinter(List<String> header, int maxWidth) {
    this.maxWidth = maxWidth;
    this.widths = new int[header.size()];
    add(header);
  }

  TPrinter add(List<String> cells) {
    if (cells.size() != widths.length) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, the table " + widths.length);
    }
    List<String> line = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      String item = cells.get(i);
      if (item.length() > maxWidth) item = item.substring(0, maxWidth);
      widths[i] = Math.max(widths[i], item.length());
      line.add(item.isEmpty() ? "-" : item);
    }
    rows.add(line);
    return this;
  }

  String print() {
    StringBuilder out = new StringBuilder();
    line(out, rows.get(0));
    int total = 0;
    for (int w : widths) total += w + 2;
    out.append("-".repeat(total + 2)).append('\n');
    for (int r = 1; r < rows.size(); r++) line(out, rows.get(r));
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      out.append("  ").append(cell);
      if (cell.length() < widths[i]) out.append(" ".repeat(widths[i] - cell.length()));
    }
    out.append('\n');
  }
}
