package opsplay.actions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionException;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * Waits for the person at the terminal before going on (for example before a scale-in).
 * <ul>
 *   <li>{@code prompt}: what to ask (a template); Enter goes on, Ctrl-C stops the run</li>
 *   <li>{@code seconds}: instead of asking, wait this long (30s, 5m)</li>
 * </ul>
 * One prompt per task, however many hosts run it. {@code --yes} skips pauses; without a terminal
 * (and without {@code --yes}) a prompt fails instead of hanging; a preview does not pause.
 * Registers {@code msg}.
 */
public record PauseAction(Template prompt, Duration seconds) implements Action {
  public static final ActionType TYPE =
      new ActionType("pause", List.of("prompt", "seconds"), "prompt", PauseAction::parse);

  static Action parse(Args args) {
    return new PauseAction(args.template("prompt"), args.duration("seconds", null));
  }

  @Override
  public Plan plan(TaskContext ctx) {
    String text = prompt == null ? "Press Enter to go on" : ctx.render(prompt);
    String shown = ctx.secrets().mask(text);
    return Plan.change(List.of(new Plan.Step("pause", text, seconds == null ? shown : "wait " + seconds.toSeconds() + "s")));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) throws ActionException {
    try {
      String what = ctx.pause(plan.steps().get(0).text(), seconds);
      return Result.of(Result.Status.OK, what, Map.of("msg", what));
    } catch (InterruptedException e) {
      throw new ActionException("interrupted while paused");
    }
  }
}
