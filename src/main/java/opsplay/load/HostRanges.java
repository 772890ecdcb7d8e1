package opsplay.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.core.Diagnostics;
import opsplay.core.SourcePos;

/** Ansible's host ranges in inventories: {@code db[01:03]} is db01, db02, db03; {@code n[a:c]} is na, nb, nc. */
final class HostRanges {
  private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?]");

  private HostRanges() {}

  static List<String> expand(String pattern, SourcePos pos, Diagnostics diagnostics) {
    Matcher m = RANGE.matcher(pattern);
    if (!m.find()) return List.of(pattern);
    String head = pattern.substring(0, m.start());
    List<String> out = new ArrayList<>();
    for (String tail : expand(pattern.substring(m.end()), pos, diagnostics)) {
      for (String middle : values(m, pos, diagnostics)) out.add(head + middle + tail);
    }
    return out;
  }

  private static List<String> values(Matcher m, SourcePos pos, Diagnostics diagnostics) {
    String from = m.group(1);
    String to = m.group(2);
    int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    List<String> out = new ArrayList<>();
    boolean numeric = Character.isDigit(from.charAt(0));
    if (numeric != Character.isDigit(to.charAt(0)) || step < 1) {
      diagnostics.error(pos, "host range " + m.group() + ": expected [first:last] with two numbers or two letters");
      return out;
    }
    int a = numeric ? Integer.parseInt(from) : from.charAt(0);
    int b = numeric ? Integer.parseInt(to) : to.charAt(0);
    if (b < a) {
      diagnostics.error(pos, "host range " + m.group() + ": the last value is before the first");
      return out;
    }
    for (int i = a; i <= b; i += step) {
      out.add(numeric ? String.format("%0" + (from.length() > 1 && from.startsWith("0") ? from.length() : 1) + "d", i)
          : String.valueOf((char) i));
    }
    return out;
  }
}
