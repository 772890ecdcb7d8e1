package opsplay.expr;

import java.util.Set;

/**
 * Reads an expression's text outside its string literals, before JEXL sees it: {@code x in list}
 * and {@code x not in list} become JEXL's {@code =~} and {@code !~} (same length, so error columns
 * still match), and what JEXL would take but a playbook never means is refused.
 */
final class ExpressionText {
  /** Words that are operators, so the word after them starts an operand. */
  private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "div", "mod");

  /** The text for JEXL, or (when {@code problem} is set) why there is none and at which 1-based column. */
  record Prepared(String text, String problem, String hint, int column) {
    boolean ok() {
      return problem == null;
    }
  }

  private ExpressionText() {}

  /** The text JEXL gets, or why the expression is refused before parsing. */
  static Prepared prepare(String source) {
    StringBuilder out = new StringBuilder(source);
    boolean afterOperand = false;
    char quote = 0; // the open string literal's quote, or 0
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') i++;
        else if (c == quote) quote = 0;
        i++;
        continue;
      }
      if (c == '`') {
        // JEXL parses ${...} inside these only when evaluating: a second language, checked late
        return refused("`", "template strings are not allowed in conditions", "join strings with +, as in 'node-' + n", i);
      }
      if (c == '\'' || c == '"') {
        quote = c;
        afterOperand = true;
        i++;
        continue;
      }
      if (c == ';') {
        return refused(";", "ends a statement: a condition is one expression", "remove the ';'", i);
      }
      if (c == '{' && source.startsWith("{{", i)) {
        return refused("{{", "in an expression: a condition is already an expression",
            "write result.rc == 0, not {{ result.rc == 0 }}", i);
      }
      if (Character.isJavaIdentifierStart(c)) {
        int end = wordEnd(source, i);
        String word = source.substring(i, end);
        if (afterOperand && word.equals("in")) {
          out.replace(i, end, "=~");
          afterOperand = false;
        } else if (afterOperand && word.equals("not") && followedByIn(source, end)) {
          end = wordEnd(source, skipSpaces(source, end));
          out.replace(i, end, "!~" + " ".repeat(end - i - 2));
          afterOperand = false;
        } else {
          afterOperand = !OPERATOR_WORDS.contains(word);
        }
        i = end;
        continue;
      }
      if (!Character.isWhitespace(c)) afterOperand = Character.isLetterOrDigit(c) || c == ')' || c == ']' || c == '}' || c == '_';
      i++;
    }
    return new Prepared(out.toString(), null, null, 0);
  }

  private static Prepared refused(String token, String problem, String hint, int index) {
    return new Prepared(null, "'" + token + "' " + problem, hint, index + 1);
  }

  private static boolean followedByIn(String s, int from) {
    int start = skipSpaces(s, from);
    return start > from && wordEnd(s, start) - start == 2 && s.startsWith("in", start);
  }

  private static int skipSpaces(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  private static int wordEnd(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) i++;
    return i;
  }
}
