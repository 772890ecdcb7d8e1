package opsplay.core;

import java.util.Set;

/**
 * A compiled YAML value whose strings are templates: lists and maps are evaluated element by
 * element; a string that is exactly one {@code {{ expression }}} evaluates to the expression's
 * value with its type (a list stays a list); any other string renders as a template.
 */
public interface Value {
  SourcePos pos();

  Object evaluate(Vars vars);

  Set<String> names();
}
