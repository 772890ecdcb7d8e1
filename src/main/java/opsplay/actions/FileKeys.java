package opsplay.actions;

import java.util.List;
import opsplay.core.ActionException;
import opsplay.core.Args;
import opsplay.core.Node;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * The keys template and copy share: {@code dest} (a template), {@code mode} (fixed at load, or a
 * template checked when rendered) and {@code owner} ({@code user} or {@code user:group}).
 */
record FileKeys(Template dest, FileMode mode, Template modeTemplate, Template owner) {
  static final List<String> KEYS = List.of("dest", "mode", "owner");

  static FileKeys parse(Args args) {
    if (!args.has("dest") && args.whole().isMap()) {
      args.diagnostics().error(args.pos(), args.actionName() + ": expected 'dest', found none",
          "add dest: with the absolute path of the file on the host");
    }
    FileMode mode = null;
    Template modeTemplate = null;
    Node n = args.node("mode");
    if (n != null && n.value() instanceof Number number) {
      mode = FileMode.ofNumber(number.longValue());
      if (mode == null) {
        args.diagnostics().error(n.pos(), args.actionName() + ".mode: " + number + " is not a mode (YAML reads a number"
            + " as octal only with a leading 0)", FileMode.HINT);
      }
    } else if (n != null && n.isScalar() && !n.isNull() && n.text().contains("{{")) {
      modeTemplate = args.template("mode");
    } else if (n != null) {
      mode = n.isScalar() && !n.isNull() ? FileMode.parse(n.text()) : null;
      if (mode == null) {
        args.diagnostics().error(n.pos(), args.actionName() + ".mode: expected a mode such as \"0644\", found '"
            + n.text() + "'", FileMode.HINT);
      }
    }
    return new FileKeys(args.template("dest"), mode, modeTemplate, args.template("owner"));
  }

  /** The rendered path, which must be absolute: a relative one would depend on the login's home. */
  String dest(TaskContext ctx) throws ActionException {
    String path = ctx.render(dest);
    if (!path.startsWith("/")) {
      throw new ActionException("dest must be an absolute path, found '" + path + "': write the file's full path (/etc/...)");
    }
    if (path.endsWith("/")) {
      throw new ActionException("dest '" + path + "' names a directory: write the file's full path (" + path + "NAME)");
    }
    return path;
  }

  /** The wanted mode, or null to keep the file's own (0644 for a new file). */
  FileMode mode(TaskContext ctx) throws ActionException {
    if (modeTemplate == null) return mode;
    String text = ctx.render(modeTemplate);
    FileMode m = FileMode.parse(text);
    if (m == null) throw new ActionException("mode: expected a mode such as 0644 or u=rw,go=r, found '" + text + "'");
    return m;
  }

  /** The wanted owner, or null to keep the file's own. */
  HostFile.Owner owner(TaskContext ctx) throws ActionException {
    return owner == null ? null : HostFile.Owner.parse(ctx.render(owner));
  }
}
