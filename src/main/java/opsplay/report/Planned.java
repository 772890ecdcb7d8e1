package opsplay.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Plan;

/** A plan's steps as shown to users: {"ssh": "cmd"}, or {"ssh": ["cmd1", "cmd2"]} for several. */
final class Planned {
  private Planned() {}

  static Map<String, Object> of(Plan plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (plan == null) return out;
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (Plan.Step s : plan.steps()) byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.display());
    byKind.forEach((kind, texts) -> out.put(kind, texts.size() == 1 ? texts.get(0) : texts));
    return out;
  }
}
