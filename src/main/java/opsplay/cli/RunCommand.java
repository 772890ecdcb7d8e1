package opsplay.cli;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import opsplay.connect.Connector;
import opsplay.core.Reporter;
import opsplay.exec.RunOptions;
import opsplay.exec.Runner;
import opsplay.exec.Services;
import opsplay.connect.JdbcSessions;
import opsplay.load.HostPattern;
import opsplay.load.Loaded;
import opsplay.load.Loader;
import opsplay.report.DiagnosticPrinter;
import opsplay.report.HumanReporter;
import opsplay.report.JsonReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opsplay run}: load, stop on any error, run, exit code — the whole pipeline in one method. */
@Command(name = "run", description = "Run a playbook against an inventory.", sortOptions = false)
public class RunCommand implements Callable<Integer> {
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
  public Integer call() {
    if (opts.forks < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--forks must be 1 or more");
    Loaded loaded = new Loader().load(opts.playbook, opts.inventories, opts.extraVars);
    if (loaded.diagnostics().hasErrors()) {
      new DiagnosticPrinter(env.err(), env.style()).print(loaded.diagnostics().list());
      return ExitCode.INVALID.code;
    }
    RunOptions options = runOptions(loaded);
    Runner[] runner = new Runner[1];
    Reporter reporter = reporter(() -> runner[0].secrets());
    Services services = new Services(connector(), new JdbcSessions(env.env()), prompter(), Clock.systemUTC());
    runner[0] = new Runner(loaded.inventory(), options, reporter, services,
        pattern -> HostPattern.select(pattern, loaded.inventory()));
    try (Interrupts ignored = Interrupts.install(runner[0]::interrupt, env.err())) {
      return runner[0].run(loaded.playbook());
    }
  }

  private RunOptions runOptions(Loaded loaded) {
    return new RunOptions(checkOnly(), opts.diff, opts.limit, opts.tags, opts.skipTags, opts.startAtTask,
        opts.forks, opts.yes, loaded.extraVars(), UUID.randomUUID().toString().substring(0, 8));
  }

  private Services.Prompter prompter() {
    return env.terminal() ? new TerminalPrompter(System.console(), env.err()) : Services.NO_TERMINAL;
  }

  private Connector connector() {
    return new Connector(env.env(), java.nio.file.Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  private Reporter reporter(java.util.function.Supplier<opsplay.core.Secrets> secrets) {
    if (opts.output == RunOptionsMixin.Output.json) return new JsonReporter(env.out(), secrets);
    return new HumanReporter(env.out(), env.style(), opts.verbose.length, env.terminal(), secrets);
  }

}
