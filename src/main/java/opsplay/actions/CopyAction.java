package opsplay.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opsplay.core.Action;
import opsplay.core.ActionException;
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
 * Writes a file on the host from the controller, from text, or from another inventory host, when
 * its checksum differs.
 * <ul>
 *   <li>{@code src}: a file on the controller (a relative path starts at the playbook's folder),
 *       or with {@code from_host} an absolute path on that host (a template)</li>
 *   <li>{@code content}: the text to write (a template), instead of {@code src}</li>
 *   <li>{@code from_host}: the inventory host {@code src} is read from (a template); the controller
 *       carries the bytes, so the hosts need no access to each other</li>
 *   <li>{@code dest}, {@code mode}, {@code owner}: as for template</li>
 * </ul>
 * Already done when the checksum, mode and owner match (the source is then not even read). With
 * become, src on from_host is read and dest written through sudo. Registers {@code dest},
 * {@code checksum} (sha256), {@code size}, and {@code diff} with --diff.
 *
 * <p>A src that is not on from_host yet fails the task when it is applied, not when it is planned:
 * a preview shows the copy as a change, since an earlier task (which a preview does not run) may be
 * the one that makes it (a certificate bundle packed on one host and copied to others).
 */
public record CopyAction(Template src, Template content, Template fromHost, Path base, FileKeys file) implements Action {
  public static final ActionType TYPE = new ActionType("copy", keys(), null, CopyAction::parse);
  /** Plan data: why the copy cannot be made now (its src is missing on from_host); apply fails with it. */
  private static final String MISSING = "missing";

  private static List<String> keys() {
    List<String> keys = new ArrayList<>(List.of("src", "content", "from_host"));
    keys.addAll(FileKeys.KEYS);
    return keys;
  }

  static Action parse(Args args) {
    args.requireOneOf("src", "content");
    if (args.has("from_host") && args.has("content")) {
      args.diagnostics().error(args.node("from_host").pos(), "copy: from_host reads src on that host, so it does not go"
          + " with content", "use src: with the path of the file on " + args.node("from_host").text());
    }
    Path base = Path.of(args.pos().file()).toAbsolutePath().getParent();
    return new CopyAction(args.template("src"), args.template("content"), args.template("from_host"), base,
        FileKeys.parse(args));
  }

  @Override
  public Plan plan(TaskContext ctx) throws ActionException, ConnectionException {
    HostFile.Content bytes;
    String from = null;
    if (content != null) {
      bytes = HostFile.Content.of(ctx.render(content).getBytes(StandardCharsets.UTF_8));
    } else if (fromHost == null) {
      String written = ctx.render(src);
      Path path = base.resolve(written);
      bytes = HostFile.Content.of(readOnController(path, written));
      from = path.toString();
    } else {
      FromHost source = fromHost(ctx);
      if (source.checksum() == null) return missing(ctx, source);
      bytes = source;
      from = source.host() + ":" + source.path();
    }
    return HostFile.plan(ctx, "copy", new HostFile.Wanted(file.dest(ctx), bytes, file.mode(ctx), file.owner(ctx), from));
  }

  @Override
  public Result apply(Plan plan, TaskContext ctx) throws ActionException, ConnectionException {
    if (plan.data().get(MISSING) instanceof String why) throw new ActionException(why);
    return HostFile.apply(plan, ctx);
  }

  /** The plan of a copy whose src is not on from_host (yet): shown as a change, failing if applied. */
  private Plan missing(TaskContext ctx, FromHost source) throws ActionException {
    String display = file.dest(ctx) + " (from " + source.host() + ":" + source.path() + ", which is not there yet)";
    return new Plan(List.of(new Plan.Step("copy", display, ctx.secrets().mask(display))), null, false,
        java.util.Map.of(MISSING, "src " + source.path() + " does not exist on " + source.host()));
  }

  private byte[] readOnController(Path path, String written) throws ActionException {
    String where = Path.of(written).isAbsolute() ? "" : " (a relative src starts at the playbook's folder " + base + ")";
    if (Files.isDirectory(path)) throw new ActionException("src " + path + " is a directory: copy copies one file" + where);
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ActionException("src " + path + " does not exist on the controller" + where);
    } catch (AccessDeniedException e) {
      throw new ActionException("cannot read src " + path + " on the controller: permission denied");
    } catch (IOException e) {
      throw new ActionException("cannot read src " + path + " on the controller: " + e.getMessage());
    }
  }

  /**
   * Checks that src is a readable file on from_host and learns its checksum, without reading it
   * yet; a src that does not exist gives a FromHost without checksum.
   */
  private FromHost fromHost(TaskContext ctx) throws ActionException, ConnectionException {
    String host = ctx.render(fromHost);
    String path = ctx.render(src);
    if (!path.startsWith("/")) {
      throw new ActionException("src must be an absolute path on " + host + ", found '" + path + "'");
    }
    HostFile.State s;
    try {
      s = HostFile.probe(ctx, ctx.connectionTo(host), path);
    } catch (ConnectionException e) {
      // This host is fine; the one to copy from is not, so the task fails rather than this host being unreachable.
      throw new ActionException("cannot read src from from_host " + host + ": " + e.getMessage());
    }
    return switch (s.kind()) {
      case FILE -> new FromHost(host, path, s.sha256(), s.size());
      case ABSENT, NO_DIRECTORY -> new FromHost(host, path, null, 0);
      case DIRECTORY -> throw new ActionException("src " + path + " on " + host + " is a directory: copy copies one file");
      case UNREADABLE -> throw new ActionException("cannot read src " + path + " on " + host
          + " as the login user: add become: true, or make it readable");
    };
  }

  /** A file on another inventory host, read through the controller only when its bytes are needed. */
  private record FromHost(String host, String path, String checksum, long size) implements HostFile.Content {
    @Override
    public byte[] bytes(TaskContext ctx) throws ActionException {
      byte[] bytes;
      try {
        Connection on = ctx.connectionTo(host);
        bytes = ctx.becomeUser() == null ? on.download(path) : readAs(ctx, on);
      } catch (ConnectionException e) {
        throw new ActionException("cannot read src " + path + " from " + host + ": " + e.getMessage());
      }
      if (!HostFile.sha256(bytes).equals(checksum)) {
        throw new ActionException("src " + path + " on " + host + " changed while it was read: run the task again");
      }
      return bytes;
    }

    /** With become, sudo copies the file into a private directory of the login user, which SFTP then reads. */
    private byte[] readAs(TaskContext ctx, Connection on) throws ActionException, ConnectionException {
      String copy = "d=$(mktemp -d) && { " + SshAction.wrap("cat -- " + Shell.quote(path), ctx)
          + " > \"$d/content\" || { rm -rf \"$d\"; exit 1; }; } && echo \"$d\"";
      String dir = HostFile.run(ctx, on, copy, "read " + path + " on " + host + " as " + ctx.becomeUser()).strip();
      try {
        return on.download(dir + "/content");
      } finally {
        HostFile.removeQuietly(on, dir);
      }
    }
  }
}
