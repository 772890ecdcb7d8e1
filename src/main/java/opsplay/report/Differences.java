package opsplay.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opsplay.core.Result;

/** The --diff text of a result: its registered {@code diff}, or those of its loop items one after another. */
final class Differences {
  private Differences() {}

  /** The diff to show, or null when there is none. */
  static String of(Result result) {
    List<String> diffs = new ArrayList<>();
    if (result.registered().get("diff") instanceof String d) diffs.add(d);
    if (result.registered().get("results") instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m && m.get("diff") instanceof String d) diffs.add(d);
      }
    }
    diffs.removeIf(String::isEmpty);
    return diffs.isEmpty() ? null : String.join("", diffs);
  }
}
