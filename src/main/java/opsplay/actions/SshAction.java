package opsplay.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.Shell;
import opsplay.core.TaskContext;
import opsplay.core.Template;

/**
 * Runs a shell command on the host (or on the controller with {@code connection: local}).
 * <ul>
 *   <li>{@code cmd}: a shell command line (a template), or</li>
 *   <li>{@code argv}: a list of words, each quoted by the engine</li>
 *   <li>{@code chdir}: run in this directory</li>
 *   <li>{@code stdin}: text written to the command's standard input</li>
 *   <li>{@code creates}: a path; when it exists the task is already done</li>
 *   <li>{@code removes}: a path; when it does not exist the task is already done</li>
 *   <li>{@code unless}: a command; exit 0 means already done</li>
 * </ul>
 * Registers {@code rc}, {@code stdout}, {@code stderr}, {@code stdout_lines}. A non-zero exit
 * fails the task unless {@code failed_when} says otherwise.
 */
public record SshAction(Template cmd, List<Template> argv, Template chdir, Template stdin,
    Template creates, Template removes, Template unless) implements Action {
  public static final ActionType TYPE = new ActionType("ssh",
      List.of("cmd", "argv", "chdir", "stdin", "creates", "removes", "unless"), "cmd", SshAction::parse);
  /** The ssh probe of wait-until: a command without guards. */
  static final ActionType PROBE = new ActionType("wait-until.ssh", List.of("cmd", "argv", "chdir"), "cmd", SshAction::parse);

  static Action parse(Args args) {
    args.requireOneOf("cmd", "argv");
    List<Template> argv = args.has("argv") ? args.templates("argv") : null;
    return new SshAction(args.template("cmd"), argv, args.template("chdir"), args.template("stdin"),
        args.template("creates"), args.template("removes"), args.template("unless"));
  }

  @Override
  public Plan plan(TaskContext ctx) throws ConnectionException {
    // logging in reads nothing and changes nothing, and so a preview finds an unreachable host
    // (or a changed host key) here as the run would; the run was to log in next anyway
    ctx.connection().connect();
    String command = command(ctx);
    List<Plan.Step> steps = List.of(new Plan.Step("ssh", command, ctx.secrets().mask(command)));
    String done = guard(ctx);
    return done == null ? Plan.change(steps) : Plan.done(done, steps);
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) throws ConnectionException {
    Instant start = ctx.clock().instant();
    String sent = wrap(plan.steps().get(0).text(), ctx);
    String input = stdin == null ? null : ctx.render(stdin);
    Connection.ExecResult r = ctx.connection().exec(sent, new Connection.ExecOptions(input, ctx.timeout(), Map.of()));
    Map<String, Object> registered = registered(r);
    Duration took = Duration.between(start, ctx.clock().instant());
    if (r.timedOut()) {
      return new Result(Result.Status.FAILED, "command timed out after " + ctx.timeout().toSeconds() + "s",
          registered, Map.of(), took);
    }
    Result.Status status = r.rc() == 0 ? Result.Status.CHANGED : Result.Status.FAILED;
    String msg = r.rc() == 0 ? "" : "non-zero exit code " + r.rc() + lastLine(r.stderr());
    return new Result(status, msg, registered, Map.of(), took);
  }

  /** The command line as the user wrote it, with chdir and environment applied. */
  private String command(TaskContext ctx) {
    String line;
    if (cmd != null) {
      line = ctx.render(cmd);
    } else {
      List<String> words = new ArrayList<>();
      for (Template t : argv) words.add(ctx.render(t));
      line = Shell.join(words);
    }
    StringBuilder out = new StringBuilder();
    ctx.environment().forEach((k, v) -> out.append("export ").append(k).append('=').append(Shell.quote(v)).append("; "));
    if (chdir != null) out.append("cd ").append(Shell.quote(ctx.render(chdir))).append(" && ");
    return out.append(line).toString();
  }

  /** The reason the work is already done, or null. Guards are read-only, so they run in check mode. */
  private String guard(TaskContext ctx) throws ConnectionException {
    if (creates != null) {
      String path = ctx.render(creates);
      if (probe(ctx, "test -e " + Shell.quote(path))) return path + " exists";
    }
    if (removes != null) {
      String path = ctx.render(removes);
      if (!probe(ctx, "test -e " + Shell.quote(path))) return path + " does not exist";
    }
    if (unless != null) {
      String check = ctx.render(unless);
      if (probe(ctx, check)) return "'" + ctx.secrets().mask(check) + "' succeeded";
    }
    return null;
  }

  private static boolean probe(TaskContext ctx, String command) throws ConnectionException {
    return ctx.connection().exec(wrap(command, ctx), new Connection.ExecOptions(null, ctx.timeout(), Map.of())).rc() == 0;
  }

  /** With become, the command runs through sudo as the become user. */
  static String wrap(String command, TaskContext ctx) {
    String user = ctx.becomeUser();
    if (user == null) return command;
    return "sudo -n -H -u " + Shell.quote(user) + " -- /bin/sh -c " + Shell.quote(command);
  }

  static Map<String, Object> registered(Connection.ExecResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rc", r.rc());
    out.put("stdout", stripNewline(r.stdout()));
    out.put("stderr", stripNewline(r.stderr()));
    out.put("stdout_lines", r.stdout().isEmpty() ? List.of() : List.of(stripNewline(r.stdout()).split("\n", -1)));
    return out;
  }

  private static String stripNewline(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  private static String lastLine(String stderr) {
    String s = stripNewline(stderr).strip();
    if (s.isEmpty()) return "";
    return ": " + s.substring(s.lastIndexOf('\n') + 1);
  }
}
