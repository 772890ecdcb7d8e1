package opsplay.actions;

import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * Shows a message.
 * <ul><li>{@code msg}: the text (a template)</li></ul>
 * Registers {@code msg}.
 */
public record PrintAction(Template msg) implements Action {
  public static final ActionType TYPE = new ActionType("print", List.of("msg"), "msg", PrintAction::parse);

  static Action parse(Args args) {
    args.requireOneOf("msg");
    return new PrintAction(args.template("msg"));
  }

  @Override
  public Plan plan(TaskContext ctx) {
    String text = msg == null ? "" : ctx.render(msg);
    return Plan.readOnly(List.of(), Map.of("msg", text));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) {
    String text = (String) plan.data().get("msg");
    return Result.of(Result.Status.OK, text, Map.of("msg", text));
  }
}
