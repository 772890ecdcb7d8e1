package opsplay.actions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import opsplay.core.Action;
import opsplay.core.ActionException;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.ConnectionException;
import opsplay.core.Node;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * Renders a file from the playbook's {@code templates/} folder and writes it on the host when it
 * differs.
 * <ul>
 *   <li>{@code src}: a path under {@code templates/} ({@code kwdb/kaiwudb.service.mustache}),
 *       compiled when the playbook loads</li>
 *   <li>{@code dest}: the absolute path on the host (a template)</li>
 *   <li>{@code mode}: {@code "0644"}, {@code 0644} or {@code "u=rw,go=r"}; without it an existing
 *       file keeps its mode and a new one gets 0644</li>
 *   <li>{@code owner}: {@code user} or {@code user:group} (a template); without it the owner is kept</li>
 * </ul>
 * Already done when the content, mode and owner match. With become the file is written through
 * sudo. Registers {@code dest}, {@code checksum} (sha256), {@code size}, and {@code diff} with --diff.
 */
public record TemplateAction(Template src, FileKeys file) implements Action {
  public static final ActionType TYPE = new ActionType("template", keys(), null, TemplateAction::parse);

  private static List<String> keys() {
    List<String> keys = new ArrayList<>(List.of("src"));
    keys.addAll(FileKeys.KEYS);
    return keys;
  }

  static Action parse(Args args) {
    Template src = null;
    Node n = args.node("src");
    if (n != null && (!n.isScalar() || n.isNull())) {
      args.diagnostics().error(n.pos(), "template.src: expected a file name under templates/, found a " + n.typeName());
    } else if (n != null) {
      String path = n.text();
      if (path.contains("{{")) {
        args.diagnostics().error(n.pos(), "template.src: the template file is read when the playbook"
            + " loads, so its name cannot hold {{ }}", "name the file literally; put the varying parts inside it");
      } else {
        src = args.compiler().file(path, n.pos());
      }
    } else if (args.whole().isMap()) {
      args.diagnostics().error(args.pos(), "template: expected 'src', found none",
          "add src: with a file under the playbook's templates/ folder");
    }
    return new TemplateAction(src, FileKeys.parse(args));
  }

  @Override
  public Plan plan(TaskContext ctx) throws ActionException, ConnectionException {
    HostFile.Content content = HostFile.Content.of(ctx.render(src).getBytes(StandardCharsets.UTF_8));
    return HostFile.plan(ctx, "template", new HostFile.Wanted(file.dest(ctx), content, file.mode(ctx), file.owner(ctx), null));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) throws ActionException, ConnectionException {
    return HostFile.apply(plan, ctx);
  }
}
