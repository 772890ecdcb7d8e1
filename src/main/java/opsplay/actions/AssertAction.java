package opsplay.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.Condition;
import opsplay.core.Node;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * Fails the host unless every condition holds. Runs in check mode too (it only reads).
 * <ul>
 *   <li>{@code that}: an expression or a list of them</li>
 *   <li>{@code msg}: the message when one does not hold (a template)</li>
 *   <li>{@code success_msg}: the message when all hold</li>
 * </ul>
 */
public record AssertAction(List<Condition> that, Template msg, Template successMsg) implements Action {
  public static final ActionType TYPE =
      new ActionType("assert", List.of("that", "msg", "success_msg"), "that", AssertAction::parse);

  static Action parse(Args args) {
    args.requireOneOf("that");
    List<Condition> conditions = new ArrayList<>();
    Node that = args.node("that");
    if (that != null) {
      for (Node n : that.isList() ? that.list() : List.of(that)) conditions.add(args.compiler().condition(n));
    }
    return new AssertAction(conditions, args.template("msg"), args.template("success_msg"));
  }

  @Override
  public Plan plan(TaskContext ctx) {
    for (Condition c : that) {
      if (!c.test(ctx.vars())) {
        String text = msg != null ? ctx.render(msg) : "assertion failed: " + c.source() + " (" + c.pos() + ")";
        return Plan.readOnly(List.of(), Map.of("failed", true, "msg", text));
      }
    }
    String text = successMsg != null ? ctx.render(successMsg) : "all assertions passed";
    return Plan.readOnly(List.of(), Map.of("failed", false, "msg", text));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) {
    boolean failed = (Boolean) plan.data().get("failed");
    String text = (String) plan.data().get("msg");
    return Result.of(failed ? Result.Status.FAILED : Result.Status.OK, text, Map.of("msg", text, "failed", failed));
  }
}
