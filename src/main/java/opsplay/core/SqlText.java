package opsplay.core;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text read the way PostgreSQL reads it: quoted strings ({@code '…'}, {@code E'…'},
 * {@code "…"}), dollar quotes ({@code $$…$$}, {@code $tag$…$tag$}) and comments ({@code --} and
 * nested {@code /* *}{@code /}) are opaque, so that splitting a script on {@code ;} and finding
 * placeholders never looks inside them.
 */
public final class SqlText {
  private SqlText() {}

  /** Where a rewrite replaced text: at offset {@code at} of the original, {@code removed} characters became {@code added}. */
  public record Edit(int at, int removed, int added) {}

  /** A statement whose {@code :name} placeholders became {@code ?}, the names in order, and where they were. */
  public record Named(String sql, List<String> names, List<Edit> edits) {}

  /** The statements of a script split on {@code ;}, stripped; empty and comment-only pieces are dropped. */
  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < script.length()) {
      int after = skip(script, i);
      if (after > i) {
        i = after;
        continue;
      }
      if (script.charAt(i) == ';') {
        keep(out, script.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    keep(out, script.substring(start));
    return out;
  }

  private static void keep(List<String> out, String piece) {
    String s = piece.strip();
    int i = 0;
    while (i < s.length()) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else if (s.startsWith("--", i) || s.startsWith("/*", i)) {
        i = skip(s, i);
      } else {
        out.add(s);
        return;
      }
    }
  }

  /** Offsets of the JDBC placeholders ({@code ?}) outside quotes and comments; {@code ??} is an escaped {@code ?}. */
  public static List<Integer> placeholders(String sql) {
    List<Integer> out = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      int after = skip(sql, i);
      if (after > i) {
        i = after;
      } else if (sql.startsWith("??", i)) {
        i += 2;
      } else {
        if (sql.charAt(i) == '?') out.add(i);
        i++;
      }
    }
    return out;
  }

  /**
   * Rewrites {@code :name} placeholders to {@code ?}. Casts ({@code ::int}), slices
   * ({@code a[lo:hi]}), quotes and comments are left alone.
   */
  public static Named named(String sql) {
    StringBuilder out = new StringBuilder();
    List<String> names = new ArrayList<>();
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      int after = skip(sql, i);
      if (after > i) {
        out.append(sql, i, after);
        i = after;
        continue;
      }
      char c = sql.charAt(i);
      if (c == ':' && sql.startsWith("::", i)) {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length() && nameStart(sql.charAt(i + 1)) && (i == 0 || !nameChar(sql.charAt(i - 1)))) {
        int end = i + 1;
        while (end < sql.length() && nameChar(sql.charAt(end))) end++;
        names.add(sql.substring(i + 1, end));
        edits.add(new Edit(i, end - i, 1));
        out.append('?');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return new Named(out.toString(), names, edits);
  }

  /** Maps a 0-based offset in rewritten text back to the original; inside a replacement, to its start. */
  public static int original(int offset, List<Edit> edits) {
    int shift = 0;
    for (Edit e : edits) {
      int start = e.at() + shift;
      if (offset < start) break;
      if (offset < start + e.added()) return e.at();
      shift += e.added() - e.removed();
    }
    return offset - shift;
  }

  /**
   * The offset just after the quoted string, dollar quote or comment that starts at {@code i}, or
   * {@code i} when none starts there. An unterminated one runs to the end.
   */
  public static int skip(String sql, int i) {
    char c = sql.charAt(i);
    if (sql.startsWith("--", i)) {
      int nl = sql.indexOf('\n', i);
      return nl < 0 ? sql.length() : nl + 1;
    }
    if (sql.startsWith("/*", i)) return blockComment(sql, i);
    if (c == '\'') return quoted(sql, i, '\'', escapeString(sql, i));
    if (c == '"') return quoted(sql, i, '"', false);
    if (c == '$') return dollarQuoted(sql, i);
    return i;
  }

  /** E'…' strings take backslash escapes; 'E' must be a word of its own (not the end of "some'…"). */
  private static boolean escapeString(String sql, int quote) {
    if (quote == 0 || (sql.charAt(quote - 1) != 'E' && sql.charAt(quote - 1) != 'e')) return false;
    return quote == 1 || !nameChar(sql.charAt(quote - 2));
  }

  private static int quoted(String sql, int i, char quote, boolean backslash) {
    int j = i + 1;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
      } else if (c == quote && j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
        j += 2;
      } else if (c == quote) {
        return j + 1;
      } else {
        j++;
      }
    }
    return sql.length();
  }

  /** Comments nest in PostgreSQL: {@code /* a /* b *}{@code / c *}{@code /} is one comment. */
  private static int blockComment(String sql, int i) {
    int depth = 0;
    int j = i;
    while (j < sql.length()) {
      if (sql.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (sql.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) return j;
      } else {
        j++;
      }
    }
    return sql.length();
  }

  /** {@code $$…$$} or {@code $tag$…$tag$}; {@code $1} (a parameter) and {@code a$b} (a name) are not quotes. */
  private static int dollarQuoted(String sql, int i) {
    if (i > 0 && (nameChar(sql.charAt(i - 1)) || sql.charAt(i - 1) == '$')) return i;
    int j = i + 1;
    if (j < sql.length() && nameStart(sql.charAt(j))) {
      while (j < sql.length() && nameChar(sql.charAt(j))) j++;
    }
    if (j >= sql.length() || sql.charAt(j) != '$') return i;
    String tag = sql.substring(i, j + 1);
    int end = sql.indexOf(tag, j + 1);
    return end < 0 ? sql.length() : end + tag.length();
  }

  private static boolean nameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean nameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
