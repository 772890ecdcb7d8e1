package opsplay.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import opsplay.core.Diagnostic;
import opsplay.core.Play;
import opsplay.load.Loaded;
import opsplay.load.Loader;
import opsplay.report.DiagnosticPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opsplay lint}: every static check of {@code run}, for one or more playbooks, contacting no host. */
@Command(name = "lint", description = {"Check playbooks without running them.",
    "YAML, keys, actions, types, templates, expressions, and with -i host patterns",
    "and undefined variables; exit 4 when anything is wrong. No host is contacted."})
public final class LintCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Parameters(arity = "1..*", paramLabel = "PLAYBOOK", description = "playbooks to check")
  List<Path> playbooks = new ArrayList<>();

  @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
      description = "check host patterns and variables against this inventory (repeatable)")
  List<Path> inventories = new ArrayList<>();

  @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE|@FILE", description = "extra variables (repeatable)")
  List<String> extraVars = new ArrayList<>();

  private final Environment env;

  public LintCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    List<Diagnostic> all = new ArrayList<>();
    for (Path playbook : playbooks) {
      Loaded loaded;
      try (LabForRun lab = new LabForRun(env)) { // laid out for its hosts and variables, never started
        loaded = new Loader(lab, !inventories.isEmpty()).load(playbook, inventories, extraVars);
      }
      all.addAll(loaded.diagnostics().list());
      if (!loaded.diagnostics().hasErrors()) {
        int tasks = loaded.playbook().plays().stream().mapToInt(Play::countTasks).sum();
        int plays = loaded.playbook().plays().size();
        env.out().println("ok: " + playbook + " (" + plays + (plays == 1 ? " play, " : " plays, ") + tasks
            + (tasks == 1 ? " task" : " tasks") + (inventories.isEmpty() ? "; host patterns and variable names not checked: no -i" : "")
            + ")");
      }
    }
    env.out().flush();
    if (all.isEmpty()) return ExitCode.OK.code;
    // a vars file shared by several playbooks is reported once, not once per playbook
    new DiagnosticPrinter(env.err(), env.style()).print(List.copyOf(new LinkedHashSet<>(all)));
    return ExitCode.INVALID.code;
  }
}
