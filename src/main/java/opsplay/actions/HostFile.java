package opsplay.actions;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.ActionException;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.Shell;
import opsplay.core.TaskContext;
import opsplay.diff.UnifiedDiff;

/**
 * A file on the task's host as template and copy manage it: what is there now (one command that
 * also answers when nothing is), the plan that makes it hold the wanted bytes, mode and owner
 * (with a diff under --diff), and putting it in place: over SFTP, or with become through a
 * private temporary file that sudo moves into place.
 */
final class HostFile {
  /** Plan data: the {@link Change} apply carries out. */
  static final String CHANGE = "file";
  /** The mode of a new file when the task gives none. */
  static final int NEW_FILE_MODE = 0644;
  /** Larger files are not fetched for a diff: it would be unreadable anyway. */
  static final long LARGEST_SHOWN = 1 << 20;

  /**
   * Prints one line: {@code file MODE UID GID USER GROUP SIZE SHA256 WRITABLE}, {@code absent
   * WRITABLE} (the directory exists), {@code no-directory}, {@code directory} or
   * {@code unreadable} (also when the directory cannot be searched, so "absent" is never a
   * guess). Exits 0 in every case, so a missing file is an answer, not an error.
   */
  private static final String PROBE = """
      p=PATH; d=$(dirname -- "$p")
      if [ -d "$p" ]; then echo directory
      elif [ -e "$p" ]; then
        if [ -r "$p" ]; then w=no; [ -w "$p" ] && w=yes
          echo "file $(stat -L -c '%a %u %g %U %G %s' -- "$p") $(sha256sum < "$p" | cut -d' ' -f1) $w"
        else echo unreadable; fi
      elif [ -d "$d" ] && [ ! -x "$d" ]; then echo unreadable
      elif [ -d "$d" ]; then w=no; [ -w "$d" ] && w=yes; echo "absent $w"
      else echo no-directory; fi""";

  private HostFile() {}

  /** What the action wants at {@code dest}; {@code from} says where the bytes come from, for the plan (or null). */
  record Wanted(String dest, Content content, FileMode mode, Owner owner, String from) {}

  /** The bytes to write: known at once, or read from another host only when they are needed. */
  interface Content {
    String checksum();

    long size();

    byte[] bytes(TaskContext ctx) throws ActionException, ConnectionException;

    static Content of(byte[] bytes) {
      return new Known(bytes.clone(), sha256(bytes));
    }
  }

  /** Bytes already in memory (rendered, or read on the controller). */
  private record Known(byte[] data, String checksum) implements Content {
    @Override
    public long size() {
      return data.length;
    }

    @Override
    public byte[] bytes(TaskContext ctx) {
      return data;
    }
  }

  /** An owner as the owner key gives it: {@code user} or {@code user:group}; names or numeric ids. */
  record Owner(String user, String group) {
    static Owner parse(String text) throws ActionException {
      String[] parts = text.strip().split(":", -1);
      boolean ok = parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(p -> p.matches("[A-Za-z0-9_][A-Za-z0-9._-]*"));
      if (!ok) throw new ActionException("owner: expected user or user:group, found '" + text + "'");
      return new Owner(parts[0], parts.length == 2 ? parts[1] : null);
    }

    String spec() {
      return group == null ? user : user + ":" + group;
    }

    boolean matches(State s) {
      return (user.equals(s.user()) || user.equals(s.uid()))
          && (group == null || group.equals(s.group()) || group.equals(s.gid()));
    }
  }

  enum Kind { FILE, ABSENT, NO_DIRECTORY, DIRECTORY, UNREADABLE }

  /** What is at a path now; the attributes are those of a FILE, {@code writable} also of the directory of an ABSENT one. */
  record State(Kind kind, int mode, String uid, String gid, String user, String group, long size, String sha256,
      boolean writable) {
    static State of(Kind kind, boolean writable) {
      return new State(kind, 0, "", "", "", "", 0, "", writable);
    }
  }

  /** What apply does: write the content and/or fix the mode and owner of {@code wanted.dest()}. */
  record Change(Wanted wanted, State before, int mode, boolean content, boolean modeChanges, boolean ownerChanges) {}

  /** The state of {@code path} on {@code on}, read with one command (through sudo with become). */
  static State probe(TaskContext ctx, Connection on, String path) throws ActionException, ConnectionException {
    Connection.ExecResult r = on.exec(SshAction.wrap(PROBE.replace("PATH", Shell.quote(path)), ctx),
        new Connection.ExecOptions(null, ctx.timeout(), Map.of()));
    String[] f = r.stdout().strip().split("\\s+");
    if (r.rc() == 0 && f.length == 9 && f[0].equals("file") && f[7].length() == 64) {
      return new State(Kind.FILE, Integer.parseInt(f[1], 8), f[2], f[3], f[4], f[5], Long.parseLong(f[6]), f[7],
          f[8].equals("yes"));
    }
    if (r.rc() == 0 && f.length == 2 && f[0].equals("absent")) return State.of(Kind.ABSENT, f[1].equals("yes"));
    if (r.rc() == 0 && f.length == 1) {
      switch (f[0]) {
        case "no-directory": return State.of(Kind.NO_DIRECTORY, false);
        case "directory": return State.of(Kind.DIRECTORY, false);
        case "unreadable": return State.of(Kind.UNREADABLE, false);
        default: break;
      }
    }
    String why = r.timedOut() ? "timed out"
        : r.stderr().isBlank() ? "unexpected answer '" + r.stdout().strip() + "'" : r.stderr().strip();
    throw new ActionException("cannot read the state of " + path + ": " + why
        + " (the host needs a POSIX shell with stat and sha256sum)");
  }

  /** Compares the file on the host with what is wanted: already done, or a change (with its diff under --diff). */
  static Plan plan(TaskContext ctx, String kind, Wanted w) throws ActionException, ConnectionException {
    State s = probe(ctx, ctx.connection(), w.dest());
    if (s.kind() == Kind.DIRECTORY) {
      throw new ActionException(w.dest() + " is a directory on " + ctx.host().name() + ": give dest the file's full path ("
          + w.dest() + "/NAME)");
    }
    if (s.kind() == Kind.UNREADABLE) {
      throw new ActionException("cannot read " + w.dest() + " on " + ctx.host().name() + " as " + who(ctx)
          + ": add become: true, or make the file readable");
    }
    boolean exists = s.kind() == Kind.FILE;
    int mode = w.mode() != null ? w.mode().bits() : exists ? s.mode() : NEW_FILE_MODE;
    Change c = new Change(w, s, mode, !exists || !s.sha256().equals(w.content().checksum()), exists && s.mode() != mode,
        w.owner() != null && (!exists || !w.owner().matches(s)));
    String display = w.dest() + " (" + bytes(w.content().size()) + ", mode " + new FileMode(mode).octal()
        + (w.owner() == null ? "" : ", owner " + w.owner().spec()) + (w.from() == null ? "" : ", from " + w.from()) + ")";
    List<Plan.Step> steps = List.of(new Plan.Step(kind, display, ctx.secrets().mask(display)));
    Map<String, Object> registered = new LinkedHashMap<>();
    registered.put("dest", w.dest());
    registered.put("checksum", w.content().checksum());
    registered.put("size", w.content().size());
    if (!c.content() && !c.modeChanges() && !c.ownerChanges()) {
      return new Plan(steps, w.dest() + " is up to date", false, Map.of(Plan.REGISTERED, frozen(registered)));
    }
    if (ctx.diff() && c.content()) {
      // The diff needs the bytes now; keep them so that apply does not read them a second time.
      c = new Change(new Wanted(w.dest(), Content.of(w.content().bytes(ctx)), w.mode(), w.owner(), w.from()), s, mode,
          true, c.modeChanges(), c.ownerChanges());
    }
    if (ctx.diff()) registered.put("diff", diff(ctx, c));
    return new Plan(steps, null, false, Map.of(CHANGE, c, Plan.REGISTERED, frozen(registered)));
  }

  /** Carries out a change that {@link #plan} returned. */
  static Result apply(Plan plan, TaskContext ctx) throws ActionException, ConnectionException {
    Change c = (Change) plan.data().get(CHANGE);
    String dest = c.wanted().dest();
    if (c.before().kind() == Kind.NO_DIRECTORY) {
      throw new ActionException("cannot write " + dest + " on " + ctx.host().name() + ": the directory " + directory(dest)
          + " does not exist (create it first, for example with ssh: mkdir -p " + Shell.quote(directory(dest)) + ")");
    }
    if (ctx.becomeUser() == null) placeDirectly(ctx, c);
    else placeAs(ctx, c);
    @SuppressWarnings("unchecked")
    Map<String, Object> registered = (Map<String, Object>) plan.data().get(Plan.REGISTERED);
    return Result.of(Result.Status.CHANGED, "", registered);
  }

  /** As the login user: SFTP writes the file (its mode set before the bytes), then chmod/chown as needed. */
  private static void placeDirectly(TaskContext ctx, Change c) throws ActionException, ConnectionException {
    String dest = Shell.quote(c.wanted().dest());
    List<String> commands = new ArrayList<>();
    if (c.content()) {
      if (!c.before().writable()) {
        throw new ActionException("cannot write " + c.wanted().dest() + " on " + ctx.host().name()
            + " as the login user: permission denied (add become: true)");
      }
      // A mode without owner write (0400) would forbid writing the bytes after it is set: write as 0600 first.
      int first = (c.mode() & 0200) != 0 ? c.mode() : 0600;
      ctx.connection().upload(c.wanted().content().bytes(ctx), c.wanted().dest(), first);
      if (first != c.mode()) commands.add("chmod " + new FileMode(c.mode()).octal() + " -- " + dest);
    } else if (c.modeChanges()) {
      commands.add("chmod " + new FileMode(c.mode()).octal() + " -- " + dest);
    }
    if (c.ownerChanges()) commands.add("chown " + Shell.quote(c.wanted().owner().spec()) + " -- " + dest);
    if (!commands.isEmpty()) {
      run(ctx, ctx.connection(), String.join(" && ", commands), "set the mode and owner of " + c.wanted().dest());
    }
  }

  /**
   * With become: the bytes go by SFTP into a private directory of the login user; sudo then reads
   * them from standard input (so the become user need not be able to read that directory), writes
   * a temporary file beside dest, sets its mode and owner, and renames it over dest.
   */
  private static void placeAs(TaskContext ctx, Change c) throws ActionException, ConnectionException {
    String dest = Shell.quote(c.wanted().dest());
    String mode = new FileMode(c.mode()).octal();
    String owner = c.wanted().owner() != null ? c.wanted().owner().spec()
        : c.before().kind() == Kind.FILE ? c.before().uid() + ":" + c.before().gid() : null;
    String chown = owner == null ? "" : "chown " + Shell.quote(owner) + " \"$t\"; ";
    if (!c.content()) {
      String fix = (c.modeChanges() ? "chmod " + mode + " -- " + dest : "true")
          + (c.ownerChanges() ? " && chown " + Shell.quote(owner) + " -- " + dest : "");
      run(ctx, ctx.connection(), SshAction.wrap(fix, ctx), "set the mode and owner of " + c.wanted().dest());
      return;
    }
    Connection conn = ctx.connection();
    String dir = run(ctx, conn, "mktemp -d", "make a private temporary directory").strip();
    String staged = dir + "/content";
    boolean placed = false;
    try {
      conn.upload(c.wanted().content().bytes(ctx), staged, 0600);
      String script = "set -e; t=$(mktemp " + Shell.quote(directory(c.wanted().dest()) + "/.opsplay.XXXXXX") + "); "
          + "trap 'rm -f \"$t\"' EXIT; cat > \"$t\"; chmod " + mode + " \"$t\"; " + chown
          + "mv -f \"$t\" " + dest + "; trap - EXIT";
      run(ctx, conn, SshAction.wrap(script, ctx) + " < " + Shell.quote(staged) + "; rc=$?; rm -rf " + Shell.quote(dir)
          + "; exit $rc", "write " + c.wanted().dest() + " as " + ctx.becomeUser());
      placed = true;
    } finally {
      if (!placed) removeQuietly(conn, dir);
    }
  }

  /** Best effort after a failure: the failure itself is what the user must see. */
  static void removeQuietly(Connection on, String dir) {
    try {
      on.exec("rm -rf " + Shell.quote(dir), Connection.ExecOptions.NONE);
    } catch (ConnectionException e) {
      // The private directory stays behind in the temporary folder; nothing else can be done.
    }
  }

  /** Runs {@code command} on {@code on}; a non-zero exit fails the task saying what could not be done. */
  static String run(TaskContext ctx, Connection on, String command, String what) throws ActionException, ConnectionException {
    Connection.ExecResult r = on.exec(command, new Connection.ExecOptions(null, ctx.timeout(), Map.of()));
    if (r.rc() != 0) {
      String why = r.timedOut() ? "timed out" : r.stderr().isBlank() ? "exit code " + r.rc() : r.stderr().strip();
      throw new ActionException("cannot " + what + ": " + why);
    }
    return r.stdout();
  }

  /** The differences the change makes, secrets masked before diffing so that no line can show part of one. */
  private static String diff(TaskContext ctx, Change c) throws ActionException, ConnectionException {
    State s = c.before();
    String dest = c.wanted().dest();
    StringBuilder out = new StringBuilder();
    if (c.modeChanges()) out.append("mode: " + new FileMode(s.mode()).octal() + " -> " + new FileMode(c.mode()).octal() + "\n");
    if (c.ownerChanges() && s.kind() == Kind.FILE) {
      out.append("owner: " + s.user() + ":" + s.group() + " -> " + c.wanted().owner().spec() + "\n");
    }
    if (!c.content()) return ctx.secrets().mask(out.toString());
    boolean exists = s.kind() == Kind.FILE;
    byte[] content = c.wanted().content().bytes(ctx);
    String after = content.length > LARGEST_SHOWN ? null : text(content);
    String before = !exists ? "" : s.size() > LARGEST_SHOWN ? null : text(run(ctx, ctx.connection(),
        SshAction.wrap("cat -- " + Shell.quote(dest), ctx), "read " + dest + " for the diff"));
    if (before == null || after == null) {
      out.append("--- ").append(exists ? dest + " (before: " + describe(before, s.size()) + ")" : "/dev/null").append('\n')
          .append("+++ ").append(dest).append(" (after: ").append(describe(after, content.length)).append(")\n");
    } else {
      out.append(UnifiedDiff.between(ctx.secrets().mask(before), ctx.secrets().mask(after),
          exists ? dest + " (before)" : "/dev/null", dest + " (after)"));
    }
    return ctx.secrets().mask(out.toString());
  }

  private static String describe(String text, long size) {
    if (size > LARGEST_SHOWN) return bytes(size) + ", too large to show";
    return text == null ? "binary, " + bytes(size) : bytes(size);
  }

  private static String bytes(long n) {
    return n == 1 ? "1 byte" : n + " bytes";
  }

  /** The bytes as UTF-8 text, or null when they are binary (a NUL byte, or not UTF-8). */
  static String text(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return s.indexOf('\0') >= 0 ? null : s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Text read by a command (decoded leniently): binary when it held a NUL or bytes that are not UTF-8. */
  private static String text(String read) {
    return read.indexOf('\0') >= 0 || read.indexOf('\uFFFD') >= 0 ? null : read;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  private static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String who(TaskContext ctx) {
    return ctx.becomeUser() != null ? ctx.becomeUser() : "the login user";
  }

  private static Map<String, Object> frozen(Map<String, Object> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
