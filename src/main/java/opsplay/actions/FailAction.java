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
 * Fails the host with a message (usually under a {@code when}).
 * <ul><li>{@code msg}: why (a template)</li></ul>
 */
public record FailAction(Template msg) implements Action {
  public static final ActionType TYPE = new ActionType("fail", List.of("msg"), "msg", FailAction::parse);

  static Action parse(Args args) {
    return new FailAction(args.template("msg"));
  }

  @Override
  public Plan plan(TaskContext ctx) {
    String text = msg == null ? "failed as requested" : ctx.render(msg);
    return Plan.readOnly(List.of(), Map.of("msg", text));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) {
    String text = (String) plan.data().get("msg");
    return Result.of(Result.Status.FAILED, text, Map.of("msg", text));
  }
}
