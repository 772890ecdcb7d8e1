package opsplay.actions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import opsplay.core.ActionException;
import opsplay.core.Plan;
import opsplay.core.Secrets;
import opsplay.core.SqlSession;
import opsplay.core.SqlText;

/**
 * The statements of one sql task, ready to send: each with the SQL as sent (JDBC {@code ?}
 * placeholders) and its values, how it is shown, and how to point at a character of the text as
 * the user wrote it. Values are always bound, never spliced into the SQL.
 */
record SqlBatch(List<Bound> bound) {
  /** One statement: as written, as sent, where :name placeholders were rewritten, and as shown (masked). */
  record Bound(String written, SqlSession.Statement statement, List<SqlText.Edit> edits, String display) {}

  SqlBatch {
    bound = List.copyOf(bound);
  }

  /**
   * Binds {@code params}: null (none), a list (for {@code ?}, in order across the statements) or
   * a mapping (for {@code :name}). With {@code guard}, names the statements do not use are fine
   * (the unless query uses some of the task's names).
   */
  static SqlBatch of(List<String> texts, Object params, Secrets secrets, boolean guard) throws ActionException {
    if (params == null) {
      List<Bound> out = new ArrayList<>();
      for (String t : texts) out.add(new Bound(t, new SqlSession.Statement(t, List.of()), List.of(), secrets.mask(t)));
      return new SqlBatch(out);
    }
    if (params instanceof List<?> values) return positional(texts, values, secrets);
    if (params instanceof Map<?, ?> values) return named(texts, values, secrets, guard);
    throw new ActionException("params: expected a list (for ? placeholders) or a mapping (for :name ones), found "
        + (params instanceof String ? "a string" : "a " + params.getClass().getSimpleName().toLowerCase()));
  }

  private static SqlBatch positional(List<String> texts, List<?> values, Secrets secrets) throws ActionException {
    List<Integer> counts = new ArrayList<>();
    for (String t : texts) counts.add(SqlText.placeholders(t).size());
    int total = counts.stream().mapToInt(Integer::intValue).sum();
    if (total != values.size()) {
      throw new ActionException("params: " + (texts.size() == 1 ? "the statement has " : "the statements have ")
          + total + " placeholder" + (total == 1 ? "" : "s") + " (?) but params has " + values.size() + " value"
          + (values.size() == 1 ? "" : "s") + "; give one value per ?, in order");
    }
    List<Bound> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < texts.size(); i++) {
      List<Object> mine = new ArrayList<>(values.subList(next, next + counts.get(i)));
      next += counts.get(i);
      String shown = mine.isEmpty() ? texts.get(i) : texts.get(i) + "  -- params: "
          + mine.stream().map(SqlBatch::literal).collect(Collectors.joining(", "));
      out.add(new Bound(texts.get(i), new SqlSession.Statement(texts.get(i), mine), List.of(), secrets.mask(shown)));
    }
    return new SqlBatch(out);
  }

  private static SqlBatch named(List<String> texts, Map<?, ?> values, Secrets secrets, boolean guard) throws ActionException {
    List<Bound> out = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (String t : texts) {
      SqlText.Named n = SqlText.named(t);
      List<Object> bound = new ArrayList<>();
      for (String name : n.names()) {
        if (!values.containsKey(name)) {
          throw new ActionException("params: the statement uses :" + name + " but params has no '" + name + "'"
              + (values.isEmpty() ? "" : " (it has " + values.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
        }
        bound.add(values.get(name));
        used.add(name);
      }
      String shown = n.names().isEmpty() ? t : t + "  -- params: " + new LinkedHashSet<>(n.names()).stream()
          .map(name -> name + " = " + literal(values.get(name))).collect(Collectors.joining(", "));
      out.add(new Bound(t, new SqlSession.Statement(n.sql(), bound), n.edits(), secrets.mask(shown)));
    }
    for (Object name : values.keySet()) {
      if (!guard && !used.contains(String.valueOf(name))) {
        throw new ActionException("params: '" + name + "' is not used by any statement; write :" + name
            + " where its value goes, or remove it");
      }
    }
    return new SqlBatch(out);
  }

  /** A value as a reader of SQL expects it: 'text' (quotes doubled), NULL, 42, true. Only for showing. */
  private static String literal(Object v) {
    if (v == null) return "NULL";
    if (v instanceof String s) return "'" + s.replace("'", "''") + "'";
    return String.valueOf(v);
  }

  List<SqlSession.Statement> statements() {
    return bound.stream().map(Bound::statement).toList();
  }

  List<Plan.Step> steps() {
    return bound.stream().map(b -> new Plan.Step("sql", b.statement().sql(), b.display())).toList();
  }

  /**
   * What the database refused, in words: SQLSTATE, message, the statement as written with a caret
   * under the character the server pointed at, then the server's detail and hint and {@code hints}.
   */
  String explain(SqlSession.Refused e, List<String> hints) {
    StringBuilder m = new StringBuilder("ERROR ").append(e.sqlState()).append(' ').append(e.reason());
    Bound b = e.statement() >= 0 && e.statement() < bound.size() ? bound.get(e.statement()) : null;
    String which = bound.size() > 1 && b != null ? " in statement " + (e.statement() + 1) + " of " + bound.size() : "";
    if (b != null && e.position() > 0) {
      String text = b.written();
      int at = Math.min(SqlText.original(e.position() - 1, b.edits()), text.length());
      int start = at == 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
      int end = text.indexOf('\n', at) < 0 ? text.length() : text.indexOf('\n', at);
      long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
      m.append(" (at character ").append(at + 1).append(line > 1 ? ", line " + line : "").append(')').append(which);
      String shown = text.substring(start, end);
      m.append("\n    ").append(shown).append("\n    ").append(caret(shown, at - start));
    } else if (b != null) {
      m.append(which).append("\n    ").append(firstLine(b.written()));
    }
    if (e.detail() != null) m.append("\n  detail: ").append(e.detail());
    if (e.hint() != null) m.append("\n  hint: ").append(e.hint());
    for (String h : hints) m.append("\n  hint: ").append(h);
    return m.toString();
  }

  /** Spaces up to the column (tabs kept, so the caret lines up), then {@code ^}. */
  private static String caret(String line, int column) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < column && i < line.length(); i++) out.append(line.charAt(i) == '\t' ? '\t' : ' ');
    return out.append('^').toString();
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }
}
