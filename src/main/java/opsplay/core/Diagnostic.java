package opsplay.core;

/** One problem found before anything ran: where, what is wrong, and (when known) what to do instead. */
public record Diagnostic(SourcePos pos, String message, String hint) {
  public Diagnostic {
    hint = hint == null ? "" : hint;
  }
}
