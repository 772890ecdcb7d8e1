package opsplay.expr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Why an expression does not parse, in the words of someone writing a playbook rather than in
 * the parser's; {@link SandboxConditions} sorts the parser's exceptions into {@link Kind}s.
 */
final class SyntaxErrors {
  static final String EXAMPLE = "expected an expression such as: result.rc == 0 && result.stdout =~ '.*done.*'";
  private static final Set<String> STATEMENTS = Set.of("return", "if", "else", "throw", "while", "for", "do", "var", "let",
      "const", "function", "break", "continue", "import", "switch", "try");
  private static final Set<String> OPERATOR_WORDS = Set.of("in", "not in", "and", "or", "not", "eq", "ne", "lt", "le",
      "gt", "ge", "div", "mod");

  /** What the parser refused. */
  enum Kind { REFUSED_FEATURE, ASSIGNMENT, BAD_TOKEN, TWO_EXPRESSIONS, UNEXPECTED }

  /** The message, the hint and the 1-based column (within the expression's line) to report. */
  record Problem(String message, String hint, int column) {}

  private SyntaxErrors() {}

  /**
   * Explains a parser error. {@code detail} is the token the parser stopped at, {@code message}
   * its whole message, {@code line} and {@code column} where it stopped.
   */
  static Problem explain(Kind kind, String detail, String message, String expression, int line, int column) {
    String token = asWritten(detail == null ? "" : detail, expression, line, column);
    Problem problem = switch (kind) {
      case REFUSED_FEATURE -> refused(message);
      case ASSIGNMENT -> new Problem("assignment is not allowed in a condition", "to compare, write == instead of =", 0);
      case BAD_TOKEN -> token.startsWith("'") || token.startsWith("\"")
          // the parser points past the end of an unclosed string; the opening quote is more useful
          ? new Problem("unclosed string " + token, "close it with " + token.charAt(0), expression.lastIndexOf(token) + 1)
          : new Problem("unexpected character in expression", EXAMPLE, 0);
      default -> unexpected(kind, token, expression);
    };
    return problem.column() > 0 ? problem : new Problem(problem.message(), problem.hint(), Math.max(column, 1));
  }

  private static Problem unexpected(Kind kind, String token, String expression) {
    long opens = expression.chars().filter(c -> c == '(').count();
    long closes = expression.chars().filter(c -> c == ')').count();
    if (opens > closes) return new Problem("unclosed '('", "expected a ')'", unmatchedOpen(expression) + 1);
    if (opens < closes) return new Problem("')' without a matching '('", "remove it or add a '('", 0);
    if (STATEMENTS.contains(token)) return new Problem("'" + token + "' starts a statement; a condition is one expression", EXAMPLE, 0);
    boolean operand = token.matches("[\\p{L}\\p{N}_'\"].*") && !OPERATOR_WORDS.contains(token);
    if (!operand && expression.stripTrailing().endsWith(token)) {
      return new Problem("expression ends too early, after '" + token + "'", "expected a value after it", 0);
    }
    if (kind == Kind.TWO_EXPRESSIONS || operand) {
      String word = kind == Kind.TWO_EXPRESSIONS ? token.replaceFirst("^\\S+\\s+", "").split("\\s")[0] : token;
      return new Problem("missing operator before '" + word + "'", word.equals("is")
          ? "tests such as 'is defined' do not exist here: write x ?? 'default' for a value that may be undefined"
          : "put an operator such as ==, !=, &&, ||, =~ or 'in' between the two parts", 0);
    }
    return new Problem("syntax error at '" + token + "'", EXAMPLE, 0);
  }

  private static Problem refused(String message) {
    if (message.contains("create instance")) return new Problem("'new' is not allowed in a condition", "a condition only reads variables", 0);
    if (message.contains("assign")) return new Problem("assignment is not allowed in a condition", "to compare, write == instead of =", 0);
    if (message.contains("loop")) return new Problem("loops are not allowed in a condition", "use size(), empty(), =~ or 'in'", 0);
    if (message.contains("local variable")) return new Problem("'var' is not allowed in a condition", "a condition only reads variables", 0);
    String what = message.replaceFirst("^\\S*@\\d+:\\d+ ", "");
    return new Problem("not allowed in a condition: " + what, "a condition is one expression that reads variables", 0);
  }

  /**
   * The parser saw the prepared text; on one line the same columns hold what the user wrote
   * ('in' where the parser saw '=~').
   */
  private static String asWritten(String detail, String expression, int line, int column) {
    if (line != 1 || expression.contains("\n")) return detail;
    int start = column - 1;
    int end = start + detail.length();
    if (start >= 0 && (detail.equals("=~") || detail.equals("!~")) && !expression.startsWith(detail, start)) {
      end = expression.indexOf("in", start) + 2;
    }
    return start >= 0 && end <= expression.length() ? expression.substring(start, end) : detail;
  }

  /** The index of the last '(' that no ')' closes. */
  private static int unmatchedOpen(String expression) {
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < expression.length(); i++) {
      if (expression.charAt(i) == '(') open.push(i);
      else if (expression.charAt(i) == ')' && !open.isEmpty()) open.pop();
    }
    return open.isEmpty() ? 0 : open.peek();
  }
}
