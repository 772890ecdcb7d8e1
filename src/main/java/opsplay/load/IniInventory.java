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
      else line(line, pos);
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
      diagnostics.unknown(pos, "section kind", kind, List.of("vars", "children"));
      kind = "hosts";
    }
    draft.group(group, pos);
  }

  private void line(String line, SourcePos pos) {
    List<String> words = words(line, pos);
    if (words.isEmpty()) return;
    switch (kind) {
      case "children" -> draft.child(group, words.get(0), pos);
      case "vars" -> draft.groupVars(group, assignments(words, pos));
      default -> {
        Map<String, Object> vars = assignments(words.subList(1, words.size()), pos);
        for (String host : HostRanges.expand(words.get(0), pos, diagnostics)) {
          draft.host(group, host, pos);
          draft.hostVars(host, vars);
        }
      }
    }
  }

  private Map<String, Object> assignments(List<String> words, SourcePos pos) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        diagnostics.error(pos, "expected key=value, found '" + w + "'", "write variables as name=value");
        continue;
      }
      String name = w.substring(0, eq).strip();
      Object value = typed(w.substring(eq + 1).strip());
      checks.check(name, value, pos, pos);
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

  /** Splits on spaces outside quotes; a quoted part loses its quotes; {@code #} after a space starts a comment. */
  private List<String> words(String line, SourcePos pos) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else word.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) out.add(word.toString());
        word.setLength(0);
        inWord = false;
      } else if (c == '#' && !inWord) {
        break;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) diagnostics.error(pos, "unclosed quote " + quote, "close the quoted value");
    if (inWord) out.add(word.toString());
    return out;
  }
}
