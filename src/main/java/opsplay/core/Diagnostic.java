package opsplay.core;

/**
 * One problem found before anything ran: where, what is wrong, and (when known) what to do instead.
 * {@code secret}, when set, is a value that must not be shown, even in the quoted source line.
 */
public record Diagnostic(SourcePos pos, String message, String hint, String secret) {
  public Diagnostic {
    hint = hint == null ? "" : hint;
  }
}
