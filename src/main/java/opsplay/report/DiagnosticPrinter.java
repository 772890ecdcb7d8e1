package opsplay.report;

import java.io.PrintWriter;
import java.util.List;
import opsplay.core.Diagnostic;
import opsplay.core.SourceLines;

/**
 * Shows load errors the way compilers do: {@code file:line:col: error: message}, the source line,
 * a caret under the column, and the hint.
 */
public final class DiagnosticPrinter {
  private final PrintWriter err;
  private final Style style;
  private final SourceLines sources = new SourceLines();

  public DiagnosticPrinter(PrintWriter err, Style style) {
    this.err = err;
    this.style = style;
  }

  public void print(List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) print(d);
    int n = diagnostics.size();
    err.println(style.red(n + (n == 1 ? " error" : " errors")) + "; nothing was run");
    err.flush();
  }

  private void print(Diagnostic d) {
    err.println(style.bold(d.pos() + ":") + " " + style.red("error:") + " " + d.message());
    String line = sources.line(d.pos());
    if (line != null && d.secret() != null && !d.secret().isEmpty()) {
      line = line.replace(d.secret(), opsplay.core.Secrets.MASK);
    }
    if (line != null) {
      err.println("  " + line);
      int col = Math.max(1, Math.min(d.pos().column(), line.length() + 1));
      err.println("  " + caretPad(line, col - 1) + style.green("^"));
    }
    if (!d.hint().isEmpty()) err.println("  " + style.cyan("hint:") + " " + d.hint());
  }

  /** Keeps tabs so that the caret lines up under the source. */
  private static String caretPad(String line, int width) {
    StringBuilder pad = new StringBuilder();
    for (int i = 0; i < width && i < line.length(); i++) pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
    while (pad.length() < width) pad.append(' ');
    return pad.toString();
  }
}
