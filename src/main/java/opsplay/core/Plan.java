package opsplay.core;

import java.util.List;
import java.util.Map;

/**
 * What a task would do on one host. {@code alreadyDone} is non-null when a guard found the work
 * done (the task is then ok and apply is not called). {@code readOnly} plans also run in check
 * mode. {@code data} carries what apply needs beyond the steps (for example a computed value).
 */
public record Plan(List<Step> steps, String alreadyDone, boolean readOnly, Map<String, Object> data) {
  /**
   * Key of {@code data}: a {@code Map<String, Object>} that the task registers when apply does not
   * run (already done, or check mode), such as the checksum and diff of a template.
   */
  public static final String REGISTERED = "registered";

  public Plan {
    steps = List.copyOf(steps);
    data = data == null ? Map.of() : data;
  }

  /**
   * One thing the task sends. {@code kind} is "ssh", "sql", "tcp", "move", "local", "template",
   * "copy" or "pause"; {@code text} is what is sent and {@code display} what is shown (secrets
   * masked), fixed when the step is built.
   */
  public record Step(String kind, String text, String display) {}

  public static Plan done(String reason, List<Step> steps) {
    return new Plan(steps, reason, false, Map.of());
  }

  public static Plan change(List<Step> steps) {
    return new Plan(steps, null, false, Map.of());
  }

  public static Plan readOnly(List<Step> steps, Map<String, Object> data) {
    return new Plan(steps, null, true, data);
  }

  public boolean isDone() {
    return alreadyDone != null;
  }
}
