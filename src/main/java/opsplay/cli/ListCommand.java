package opsplay.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import opsplay.core.Diagnostic;
import opsplay.core.Play;
import opsplay.core.Task;
import opsplay.load.HostPattern;
import opsplay.load.Loaded;
import opsplay.load.Loader;
import opsplay.report.DiagnosticPrinter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opsplay list}: the hosts each play would target, or its tasks, without running anything. */
@Command(name = "list", description = {"List the hosts or the tasks of each play.",
    "--hosts (the default) or --tasks; nothing is run."})
public final class ListCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Parameters(index = "0", paramLabel = "PLAYBOOK")
  Path playbook;

  @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", required = true, description = "inventory (repeatable)")
  List<Path> inventories = new ArrayList<>();

  @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE|@FILE", description = "extra variables (repeatable)")
  List<String> extraVars = new ArrayList<>();

  @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "only these hosts")
  String limit;

  @ArgGroup(exclusive = true)
  What what = new What();

  /** --hosts or --tasks. */
  static final class What {
    @Option(names = "--hosts", description = "list hosts (default)") boolean hosts;
    @Option(names = "--tasks", description = "list tasks, with their tags and where they are written") boolean tasks;
  }

  private final Environment env;

  public ListCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Loaded loaded;
    try (LabForRun lab = new LabForRun(env)) { // laid out for its hosts and variables, never started
      loaded = new Loader(lab).load(playbook, inventories, extraVars);
    }
    if (loaded.diagnostics().hasErrors()) {
      new DiagnosticPrinter(env.err(), env.style()).print(loaded.diagnostics().list());
      return ExitCode.INVALID.code;
    }
    List<Diagnostic> badLimit = LimitCheck.problems(limit, loaded.inventory());
    if (!badLimit.isEmpty()) {
      new DiagnosticPrinter(env.err(), env.style()).print(badLimit);
      return ExitCode.USAGE.code;
    }
    for (Play play : loaded.playbook().plays()) {
      env.out().println("play: " + play.name());
      if (what.tasks) printTasks(play.tasks(), "  ");
      else printHosts(loaded, play);
    }
    env.out().flush();
    return ExitCode.OK.code;
  }

  private void printHosts(Loaded loaded, Play play) {
    // The pattern may name -e variables or groups ("{{remove}}"), as when the play runs.
    String pattern = play.hostPattern(loaded.inventory(), loaded.extraVars());
    List<String> hosts = HostPattern.select(pattern, loaded.inventory());
    if (limit != null) hosts = hosts.stream().filter(HostPattern.select(limit, loaded.inventory())::contains).toList();
    env.out().println("  hosts (" + hosts.size() + "):");
    for (String h : hosts) env.out().println("    " + h);
  }

  private void printTasks(List<Task> tasks, String indent) {
    for (Task t : tasks) {
      String tags = t.tags().isEmpty() ? "" : "  tags: " + String.join(",", t.tags());
      // an unnamed task's display name is its place already
      String where = t.name() == null || t.name().isEmpty() ? "" : "  (" + t.pos() + ")";
      env.out().println(indent + t.displayName() + tags + where);
      if (t.isBlock()) {
        printTasks(t.block(), indent + "  ");
        if (!t.rescue().isEmpty()) { env.out().println(indent + "rescue:"); printTasks(t.rescue(), indent + "  "); }
        if (!t.always().isEmpty()) { env.out().println(indent + "always:"); printTasks(t.always(), indent + "  "); }
      }
    }
  }
}
