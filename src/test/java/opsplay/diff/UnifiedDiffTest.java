package opsplay.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unified diffs as diff -u prints them: hunks with context, empty sides, a missing last newline. */
class UnifiedDiffTest {
  @Test
  void equalTextsHaveNoDiff() {
    assertThat(UnifiedDiff.between("a\nb\n", "a\nb\n", "x", "y")).isEmpty();
  }

  @Test
  void aChangedLineComesWithThreeLinesOfContext() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    String after = "1\n2\n3\n4\nfive\n6\n7\n8\n";
    assertThat(UnifiedDiff.between(before, after, "f (before)", "f (after)")).isEqualTo("""
        --- f (before)
        +++ f (after)
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8
        """);
  }

  @Test
  void anEmptySideIsNumberedZero() {
    assertThat(UnifiedDiff.between("", "a\nb\n", "/dev/null", "f")).isEqualTo("--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    assertThat(UnifiedDiff.between("a\n", "", "f", "g")).isEqualTo("--- f\n+++ g\n@@ -1,1 +0,0 @@\n-a\n");
  }

  @Test
  void aMissingLastNewlineIsADifferenceAndIsMarked() {
    assertThat(UnifiedDiff.between("a\nb", "a\nb\n", "f", "g")).isEqualTo("""
        --- f
        +++ g
        @@ -1,2 +1,2 @@
         a
        -b
        \\ No newline at end of file
        +b
        """);
  }
}
