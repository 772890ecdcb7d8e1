package opsplay.lab.kwdb;

import java.util.List;

/**
 * Rows as kwbase's client commands print them: column names, the per-column alignment string
 * the command passes to its table writer ({@code l}, {@code r}, {@code c}, one letter per column
 * from the left; may be shorter than the columns, see {@link AsciiTable}), and the values as text.
 */
record ResultTable(List<String> columns, String align, List<List<String>> rows) {
  ResultTable {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
