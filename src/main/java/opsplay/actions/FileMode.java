package opsplay.actions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's permission bits as the {@code mode} key of template and copy gives them: {@code "0644"},
 * {@code "644"}, {@code 0644} (YAML reads a number with a leading 0 as octal) or {@code "u=rw,go=r"}.
 */
record FileMode(int bits) {
  static final String HINT = "write the mode quoted, in octal (\"0644\") or as u=rw,go=r";
  private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3,4}");
  private static final Pattern CLAUSE = Pattern.compile("([ugoa]+)=([rwx]*)");

  /** The mode written as {@code text}, or null when it is not a mode. */
  static FileMode parse(String text) {
    String t = text.strip();
    if (OCTAL.matcher(t).matches()) return new FileMode(Integer.parseInt(t, 8));
    int bits = 0;
    for (String clause : t.split(",", -1)) {
      Matcher m = CLAUSE.matcher(clause.strip());
      if (!m.matches()) return null;
      int perm = (m.group(2).contains("r") ? 4 : 0) | (m.group(2).contains("w") ? 2 : 0) | (m.group(2).contains("x") ? 1 : 0);
      String who = m.group(1).contains("a") ? "ugo" : m.group(1);
      if (who.contains("u")) bits = bits & ~0700 | perm << 6;
      if (who.contains("g")) bits = bits & ~0070 | perm << 3;
      if (who.contains("o")) bits = bits & ~0007 | perm;
    }
    return new FileMode(bits);
  }

  /**
   * The mode a YAML number stands for. YAML has already read 0644 as octal (420); a number above
   * 0777 is almost always an octal mode written without its leading 0 (644 read as decimal),
   * so it is refused (null) rather than applied as nonsense bits.
   */
  static FileMode ofNumber(long n) {
    return n >= 0 && n <= 0777 ? new FileMode((int) n) : null;
  }

  /** Four octal digits, as chmod and stat show them: 0644. */
  String octal() {
    return String.format("%04o", bits);
  }
}
