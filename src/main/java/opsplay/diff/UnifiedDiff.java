package opsplay.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/** The line differences between two texts as a unified diff (the only class that uses java-diff-utils). */
public final class UnifiedDiff {
  /** Lines of unchanged text shown around each change, as diff -u and git show. */
  private static final int CONTEXT = 3;
  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private UnifiedDiff() {}

  /**
   * The unified diff from {@code before} to {@code after} with {@code ---}/{@code +++} headers
   * naming them, ending with a newline; "" when the texts are equal. A last line without a
   * newline is marked as diff -u marks it.
   */
  public static String between(String before, String after, String beforeName, String afterName) {
    if (before.equals(after)) return "";
    List<String> old = lines(before);
    List<String> now = lines(after);
    StringBuilder out = new StringBuilder();
    if (old.isEmpty() || now.isEmpty()) {
      // diff -u numbers an empty side 0,0; java-diff-utils (4.17) says 1,0 there.
      out.append("--- ").append(beforeName).append("\n+++ ").append(afterName).append('\n')
          .append(old.isEmpty() ? "@@ -0,0 +1," + now.size() + " @@\n" : "@@ -1," + old.size() + " +0,0 @@\n");
      for (String line : old) out.append('-').append(line).append('\n');
      for (String line : now) out.append('+').append(line).append('\n');
      return out.toString();
    }
    Patch<String> patch = DiffUtils.diff(old, now);
    for (String line : UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, old, patch, CONTEXT)) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * The text's lines without their newlines. A last line that lacks one carries the marker as a
   * second line of the same element, so "a" and "a\n" differ and print as diff -u prints them.
   */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    if (text.isEmpty()) return out;
    String[] parts = text.split("\n", -1);
    for (int i = 0; i < parts.length - 1; i++) out.add(parts[i]);
    String last = parts[parts.length - 1];
    if (!last.isEmpty()) out.add(last + "\n" + NO_NEWLINE);
    return out;
  }
}
