package opsplay.exec;

import java.util.ArrayList;
import java.util.List;
import opsplay.core.EvalException;
import opsplay.core.Value;
import opsplay.core.Vars;

/** Splits a play's hosts into {@code serial} batches: sizes or percentages, the last one repeating. */
final class Batches {
  private Batches() {}

  static List<List<String>> of(List<String> hosts, List<Value> serial, Vars vars) {
    List<List<String>> out = new ArrayList<>();
    if (serial.isEmpty() || hosts.isEmpty()) {
      out.add(hosts);
      return out;
    }
    int at = 0;
    int step = 0;
    while (at < hosts.size()) {
      Value spec = serial.get(Math.min(step++, serial.size() - 1));
      int size = Math.max(1, size(spec, vars, hosts.size()));
      out.add(hosts.subList(at, Math.min(hosts.size(), at + size)));
      at += size;
    }
    return out;
  }

  private static int size(Value spec, Vars vars, int total) {
    Object v = spec.evaluate(vars);
    String text = String.valueOf(v).trim();
    try {
      if (text.endsWith("%")) {
        double pct = Double.parseDouble(text.substring(0, text.length() - 1));
        return (int) Math.floor(total * pct / 100.0);
      }
      return (int) Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new EvalException(spec.pos(), "serial: expected a number or a percentage, found '" + text + "'");
    }
  }
}
