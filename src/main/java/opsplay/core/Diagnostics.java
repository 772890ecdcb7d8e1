package opsplay.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems found while loading. Never prints: the CLI decides how to show them.
 * Thread-safe, so loaders may report from anywhere.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public synchronized void error(SourcePos pos, String message) {
    items.add(new Diagnostic(pos, message, "", null));
  }

  public synchronized void error(SourcePos pos, String message, String hint) {
    items.add(new Diagnostic(pos, message, hint, null));
  }

  /** An error about a value that must not be shown (a password written where it must not be). */
  public synchronized void secretError(SourcePos pos, String message, String hint, String secret) {
    items.add(new Diagnostic(pos, message, hint, secret));
  }

  /** Reports an unknown name, with "did you mean" when one of the known names is close. */
  public void unknown(SourcePos pos, String what, String name, Collection<String> known) {
    String guess = closest(name, known);
    String message = "unknown " + what + " '" + name + "'" + (guess == null ? "" : " (did you mean '" + guess + "'?)");
    error(pos, message, guess == null ? "expected one of: " + String.join(", ", known) : "");
  }

  public synchronized boolean hasErrors() {
    return !items.isEmpty();
  }

  /** The problems, in file and line order. */
  public synchronized List<Diagnostic> list() {
    List<Diagnostic> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing((Diagnostic d) -> d.pos().file())
        .thenComparingInt(d -> d.pos().line()).thenComparingInt(d -> d.pos().column()));
    return List.copyOf(sorted);
  }

  /** The known name closest to {@code name} within a small edit distance (or that it begins), or null. */
  public static String closest(String name, Collection<String> known) {
    for (String candidate : known) {
      if (name.length() >= 3 && candidate.startsWith(name)) return candidate;
    }
    String best = null;
    int bestDistance = Math.max(2, name.length() / 3) + 1;
    for (String candidate : known) {
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
