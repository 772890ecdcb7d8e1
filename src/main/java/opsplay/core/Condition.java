package opsplay.core;

import java.util.Set;

/** A compiled expression (when, until, changed_when, failed_when, assert). Immutable, thread-safe. */
public interface Condition {
  SourcePos pos();

  String source();

  /** The expression's value; {@link EvalException} on an undefined variable or a type error. */
  Object evaluate(Vars vars);

  /** The value as a truth value: false, null, 0, "" and empty collections are false. */
  boolean test(Vars vars);

  /** Top-level variable names the expression refers to. */
  Set<String> names();
}
