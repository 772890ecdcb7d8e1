package opsplay.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import opsplay.connect.Connector;
import opsplay.connect.CryptoWarmUp;
import opsplay.connect.JdbcSessions;
import opsplay.core.Diagnostic;
import opsplay.core.Diagnostics;
import opsplay.core.Play;
import opsplay.core.Reporter;
import opsplay.core.Secrets;
import opsplay.core.TaskIds;
import opsplay.exec.Resumed;
import opsplay.exec.RunOptions;
import opsplay.exec.Runner;
import opsplay.exec.Services;
import opsplay.journal.Journal;
import opsplay.journal.Resumption;
import opsplay.journal.RunLock;
import opsplay.load.HostPattern;
import opsplay.load.Loaded;
import opsplay.load.Loader;
import opsplay.report.DiagnosticPrinter;
import opsplay.report.HumanReporter;
import opsplay.report.JsonReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code opsplay run}: load, stop on any error, resume and lock, run with the journal, exit code —
 * the whole pipeline in {@link #call}.
 */
@Command(name = "run", description = "Run a playbook against an inventory.", sortOptions = false)
public class RunCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Mixin RunOptionsMixin opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  private final Environment env;

  public RunCommand(Environment env) {
    this.env = env;
  }

  /** Whether this command always previews ({@code check} overrides it). */
  boolean checkOnly() {
    return opts.check;
  }

  @Override
  public Integer call() throws IOException {
    if (opts.forks < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--forks must be 1 or more");
    CryptoWarmUp.start(); // while the playbook loads
    try (LabForRun lab = new LabForRun(env)) {
      Loaded loaded = new Loader(lab).load(opts.playbook, opts.inventories, opts.extraVars);
      if (loaded.diagnostics().hasErrors()) {
        new DiagnosticPrinter(env.err(), env.style()).print(loaded.diagnostics().list());
        return ExitCode.INVALID.code;
      }
      List<Diagnostic> badLimit = LimitCheck.problems(opts.limit, loaded.inventory());
      if (!badLimit.isEmpty()) {
        new DiagnosticPrinter(env.err(), env.style()).print(badLimit);
        return ExitCode.USAGE.code;
      }
      TaskIds ids = TaskIds.of(loaded.playbook());
      String noStart = missingStartTask(ids);
      if (noStart != null) return refuse(noStart, ExitCode.USAGE);
      if (!lab.start()) return ExitCode.ERROR.code;
      return run(loaded, ids);
    }
  }

  private int run(Loaded loaded, TaskIds ids) throws IOException {
    String runId = runId(localTime(System.currentTimeMillis(), TimeZone.getDefault()), ThreadLocalRandom.current().nextInt());
    try {
      Map<String, Object> extraVars = journaled(loaded);
      Resumed resumed = resumed(ids, extraVars);
      try (RunLock lock = checkOnly() ? null : lock(runId);
           Journal journal = Journal.create(opts.journal,
               new Journal.Header(runId, playbook(), inventories(), extraVars, checkOnly()), ids)) {
        Runner runner = new Runner(loaded.inventory(), runOptions(loaded, runId, resumed),
            Reporter.all(List.of(screen(), journal)), services(), pattern -> HostPattern.select(pattern, loaded.inventory()));
        try (Interrupts ignored = Interrupts.install(runner::interrupt, env.err())) {
          return after(runner.run(loaded.playbook()), journal, runId);
        }
      }
    } catch (Resumption.Refused e) {
      return refuse(e.getMessage(), ExitCode.USAGE);
    } catch (RunLock.Held e) {
      return refuse(e.getMessage(), ExitCode.ERROR);
    }
  }

  /** What --resume skips (nothing without it); Refused when that run cannot be gone on with. */
  private Resumed resumed(TaskIds ids, Map<String, Object> extraVars) throws Resumption.Refused {
    if (opts.resume == null) return Resumed.NONE;
    Resumption.Found found = Resumption.of(opts.journal, opts.resume, playbook(), inventories(), extraVars, opts.yes, ids);
    if (!found.otherExtraVars().isEmpty()) {
      env.err().println("opsplay: run " + found.resumed().runId() + " had other -e values ("
          + String.join("; ", found.otherExtraVars()) + "); going on with these (--yes)");
    }
    return found.resumed();
  }

  /** The -e values for the journal's digests (to resume only with the same): those a play names in secrets: masked. */
  private static Map<String, Object> journaled(Loaded loaded) {
    Set<String> secret = new HashSet<>();
    for (Play play : loaded.playbook().plays()) secret.addAll(play.secrets());
    Map<String, Object> out = new TreeMap<>();
    loaded.extraVars().forEach((name, value) -> out.put(name, secret.contains(name) ? Secrets.MASK : value));
    return out;
  }

  /** Why --start-at-task names no task of the playbook (null when it does): a typo would pass over every task. */
  private String missingStartTask(TaskIds ids) {
    if (opts.startAtTask == null) return null;
    List<String> names = ids.entries().stream().map(TaskIds.Entry::name).toList();
    if (names.contains(opts.startAtTask)) return null;
    String guess = Diagnostics.closest(opts.startAtTask, names);
    return "--start-at-task: no task is named '" + opts.startAtTask + "'" + (guess == null ? "" : " (did you mean '" + guess + "'?)");
  }

  /**
   * {@code yyyyMMdd-HHmmss-xxxx}: run ids sort by time, and the random suffix (four hex digits of
   * {@code random}) keeps two runs of one second apart. (Written out by hand: a DateTimeFormatter's
   * first use costs 20 ms; and the suffix needs no UUID, whose SecureRandom costs 30 ms cold.)
   */
  static String runId(LocalDateTime t, int random) {
    int date = t.getYear() * 10_000 + t.getMonthValue() * 100 + t.getDayOfMonth();
    int time = t.getHour() * 10_000 + t.getMinute() * 100 + t.getSecond();
    return date + "-" + Integer.toString(1_000_000 + time).substring(1)
        + "-" + Integer.toHexString(0x10000 | (random & 0xffff)).substring(1);
  }

  /**
   * The wall-clock time at {@code millis} in {@code zone}, to the second, through java.util's
   * zone data: java.time's own lookup ({@code LocalDateTime.now()}) first reads and indexes the
   * whole zone database, 15 to 30 ms of every preview.
   */
  static LocalDateTime localTime(long millis, TimeZone zone) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(zone.getOffset(millis) / 1000);
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, offset);
  }

  private RunLock lock(String runId) throws RunLock.Held, IOException {
    Path dir = Path.of(env.env().getOrDefault("OPSPLAY_LOCK_DIR", System.getProperty("java.io.tmpdir") + "/opsplay-locks"));
    RunLock lock = RunLock.acquire(dir, playbook(), inventories(), "run " + runId + ", pid " + ProcessHandle.current().pid());
    if (lock.takenOver() != null) {
      env.err().println("opsplay: taking over the lock of an earlier run that ended without releasing it (" + lock.takenOver() + ")");
    }
    return lock;
  }

  private int after(int code, Journal journal, String runId) {
    if (journal.problem() != null) {
      env.err().println("opsplay: the journal " + journal.file() + " could not be written: " + journal.problem().getMessage());
    } else if (!checkOnly() && code != ExitCode.OK.code) {
      env.err().println("opsplay: to go on once the cause is fixed, run the same command with --resume " + runId
          + " (or --resume last): what finished is not run again; the journal is " + journal.file());
    }
    return code;
  }

  private int refuse(String message, ExitCode code) {
    env.err().println("opsplay: " + message);
    env.err().flush();
    return code.code;
  }

  private String playbook() {
    return opts.playbook.toAbsolutePath().normalize().toString();
  }

  private List<String> inventories() {
    return opts.inventories.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
  }

  private RunOptions runOptions(Loaded loaded, String runId, Resumed resumed) {
    return new RunOptions(checkOnly(), opts.diff, opts.limit, opts.tags, opts.skipTags, opts.startAtTask,
        opts.forks, opts.yes, loaded.extraVars(), runId, resumed);
  }

  private Services services() {
    Services.Prompter prompter = env.terminal() ? new TerminalPrompter(System.console(), env.err()) : Services.NO_TERMINAL;
    Connector connector = new Connector(env.env(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
    return new Services(connector, new JdbcSessions(env.env()), prompter, Clock.systemUTC());
  }

  private Reporter screen() {
    if (opts.output == RunOptionsMixin.Output.json) return new JsonReporter(env.out());
    return new HumanReporter(env.out(), env.style(), opts.verbose.length, env.terminal());
  }
}
