package opsplay.core;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting, so that templated values stay one word whatever they contain. */
public final class Shell {
  private Shell() {}

  /** {@code it's} becomes {@code 'it'\''s'}; plain words are left alone. */
  public static String quote(String s) {
    if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "@%+=:,./_-".indexOf(c) >= 0)) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> argv) {
    return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
