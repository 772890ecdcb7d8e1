package opsplay.core;

/**
 * A template or expression could not be evaluated at run time (an undefined variable, a type error).
 * The message names the variable or the problem; {@link #pos()} says where the template was written.
 */
public final class EvalException extends RuntimeException {
  private final SourcePos pos;

  public EvalException(SourcePos pos, String message) {
    super(message);
    this.pos = pos;
  }

  public SourcePos pos() {
    return pos;
  }

  /** "undefined variable 'x' at file:line:col" style text. */
  public String describe() {
    return getMessage() + (pos == null ? "" : " at " + pos);
  }
}
