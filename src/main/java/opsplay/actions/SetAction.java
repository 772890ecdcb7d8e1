package opsplay.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.Args;
import opsplay.core.ActionType;
import opsplay.core.Node;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Value;

/**
 * Sets variables (facts) on the host for the rest of the run, like Ansible's set_fact.
 * Every key is a variable name; values are templates, or typed {@code {{ expression }}}s.
 */
public record SetAction(Map<String, Value> facts) implements Action {
  public static final ActionType TYPE = new ActionType("set", List.of(), null, SetAction::parse);

  static Action parse(Args args) {
    Node node = args.whole();
    if (!node.isMap() || node.map().isEmpty()) {
      if (node.isMap()) args.diagnostics().error(node.pos(), "set: expected at least one variable, found none",
          "for example  set: {primary: \"{{groups.kwdb.0}}\"}");
      return new SetAction(Map.of());
    }
    Map<String, Value> facts = new LinkedHashMap<>();
    node.map().forEach((name, value) -> {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        args.diagnostics().error(node.keyPos(name), "set: '" + name + "' is not a valid variable name",
            "use letters, digits and underscores, starting with a letter");
      }
      facts.put(name, args.compiler().value(value));
    });
    return new SetAction(facts);
  }

  @Override
  public Plan plan(TaskContext ctx) {
    Map<String, Object> values = new LinkedHashMap<>();
    facts.forEach((name, value) -> values.put(name, value.evaluate(ctx.vars())));
    return Plan.readOnly(List.of(), values);
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) {
    return Result.of(Result.Status.OK, "", plan.data()).withFacts(plan.data());
  }
}
