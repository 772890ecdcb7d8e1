package opsplay.lab.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One-dimensional PostgreSQL array literals ({@code {1,2,NULL}}, {@code {"a b",c}}) to and from their elements. */
final class ArrayLiteral {
  private ArrayLiteral() {}

  /** The elements of {@code {…}}, null for an unquoted NULL; nested arrays are not supported. */
  static List<String> parse(String text) {
    String s = text.strip();
    if (s.startsWith("[")) s = s.substring(s.indexOf('=') + 1).strip();
    if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
      throw new IllegalArgumentException("malformed array literal: \"" + text + "\"");
    }
    List<String> out = new ArrayList<>();
    String body = s.substring(1, s.length() - 1);
    if (body.isBlank()) return out;
    int i = 0;
    while (i <= body.length()) {
      i = element(body, i, out, text);
    }
    return out;
  }

  /** Reads one element starting at {@code i} and returns the offset after its comma. */
  private static int element(String body, int i, List<String> out, String text) {
    while (i < body.length() && Character.isWhitespace(body.charAt(i))) i++;
    if (i < body.length() && body.charAt(i) == '{') throw new IllegalArgumentException("multidimensional arrays are not supported: \"" + text + "\"");
    StringBuilder value = new StringBuilder();
    boolean quoted = i < body.length() && body.charAt(i) == '"';
    if (quoted) {
      i++;
      while (i < body.length() && body.charAt(i) != '"') {
        if (body.charAt(i) == '\\') i++;
        if (i < body.length()) value.append(body.charAt(i++));
      }
      i++;
      while (i < body.length() && body.charAt(i) != ',') i++;
    } else {
      while (i < body.length() && body.charAt(i) != ',') value.append(body.charAt(i++));
    }
    String v = quoted ? value.toString() : value.toString().strip();
    out.add(!quoted && v.equalsIgnoreCase("NULL") ? null : v);
    return i + 1;
  }

  /** {@code {…}} with elements quoted where PostgreSQL quotes them. */
  static String format(List<String> elements) {
    StringBuilder out = new StringBuilder("{");
    for (int k = 0; k < elements.size(); k++) {
      if (k > 0) out.append(',');
      String e = elements.get(k);
      out.append(e == null ? "NULL" : quoted(e) ? quote(e) : e);
    }
    return out.append('}').toString();
  }

  private static boolean quoted(String e) {
    if (e.isEmpty() || e.toUpperCase(Locale.ROOT).equals("NULL")) return true;
    for (char c : e.toCharArray()) {
      if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
    }
    return false;
  }

  private static String quote(String e) {
    return "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
