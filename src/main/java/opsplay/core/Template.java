package opsplay.core;

import java.util.Set;

/**
 * A compiled Mustache string from a playbook, inventory or template file. Immutable and shared
 * across hosts and threads.
 */
public interface Template {
  SourcePos pos();

  /** The text as written. */
  String source();

  /**
   * Renders against {@code vars}. Throws {@link EvalException} naming the variable when a
   * reference is undefined; never renders a missing name as "".
   */
  String render(Vars vars);

  /**
   * The top-level variable names the template refers to outside sections, for the static check
   * that every name is defined somewhere. Names inside sections may refer to the section's item.
   */
  Set<String> names();
}
