package opsplay.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Diagnostics;
import opsplay.core.SourcePos;

/**
 * Reads Ansible's INI inventory shape: {@code [group]} with host lines ({@code n1 address=10.0.0.1}),
 * {@code [group:vars]} with {@code key=value} lines, {@code [group:children]} with group names.
 * Numbers and true/false become numbers and booleans; quotes are removed.
 */
final class IniInventory {
  private final InventoryDraft draft;
  private final VarChecks checks;
  private final Diagnostics diagnostics;
  private String group = "all";
  private String kind = "hosts";

  IniInventory(InventoryDraft draft, VarChecks checks, Diagnostics diagnostics) {
    this.draft = draft;
    this.checks = checks;
    this.diagnostics = diagnostics;
  }

  void read(String text, String file) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
      SourcePos pos = new SourcePos(file, i + 1, lines[i].indexOf(line.charAt(0)) + 1);
      if (line.startsWith("[")) section(line, pos);
      else line(words(lines[i], pos));
    }
  }

  /** One word of a line, quotes removed, with where it starts; errors about it point there. */
  private record Word(String text, SourcePos pos) {
    /** The position {@code offset} characters into the word (for the value after {@code name=}). */
    SourcePos at(int offset) {
      return pos.atColumn(pos.column() + offset);
    }
  }

  private void section(String line, SourcePos pos) {
    if (!line.endsWith("]")) {
      diagnostics.error(pos, "a section header must end with ']'", "write [group], [group:vars] or [group:children]");
      return;
    }
    String[] parts = line.substring(1, line.length() - 1).strip().split(":", 2);
    group = parts[0];
    kind = parts.length == 1 ? "hosts" : parts[1];
    if (!List.of("hosts", "vars", "children").contains(kind)) {
      diagnostics.unknown(pos.atColumn(pos.column() + line.indexOf(':') + 1), "section kind", kind, List.of("vars", "children"));
      kind = "hosts";
    }
    draft.group(group, pos);
  }

  private void line(List<Word> words) {
    if (words.isEmpty()) return;
    Word first = words.get(0);
    switch (kind) {
      case "children" -> draft.child(group, first.text(), first.pos());
      case "vars" -> draft.groupVars(group, assignments(words));
      default -> {
        Map<String, Object> vars = assignments(words.subList(1, words.size()));
        for (String host : HostRanges.expand(first.text(), first.pos(), diagnostics)) {
          draft.host(group, host, first.pos());
          draft.hostVars(host, vars);
        }
      }
    }
  }

  private Map<String, Object> assignments(List<Word> words) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Word w : words) {
      int eq = w.text().indexOf('=');
      if (eq <= 0) {
        diagnostics.error(w.pos(), "expected key=value, found '" + w.text() + "'", "write variables as name=value");
        continue;
      }
      String name = w.text().substring(0, eq).strip();
      Object value = typed(w.text().substring(eq + 1).strip());
      checks.check(name, value, w.at(eq + 1), w.pos());
      vars.put(name, value);
    }
    return vars;
  }

  private static Object typed(String v) {
    if (v.matches("-?\\d{1,18}")) return Long.parseLong(v);
    if (v.equalsIgnoreCase("true")) return Boolean.TRUE;
    if (v.equalsIgnoreCase("false")) return Boolean.FALSE;
    return v;
  }

  /**
   * Splits a line (as written, {@code pos} at its first word) on spaces outside quotes; a quoted
   * part loses its quotes; {@code #} after a space starts a comment.
   */
  private List<Word> words(String line, SourcePos pos) {
    List<Word> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    int start = -1;
    int quoteAt = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else word.append(c);
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (start >= 0) out.add(new Word(word.toString(), pos.atColumn(start + 1)));
        word.setLength(0);
        start = -1;
        continue;
      }
      if (c == '#' && start < 0) break;
      if (start < 0) start = i;
      if (c == '\'' || c == '"') {
        quote = c;
        quoteAt = i;
      } else {
        word.append(c);
      }
    }
    if (quote != 0) diagnostics.error(pos.atColumn(quoteAt + 1), "unclosed quote " + quote, "close the quoted value");
    if (start >= 0) out.add(new Word(word.toString(), pos.atColumn(start + 1)));
    return out;
  }

}
