package opsplay.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import opsplay.lab.LabFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code opsplay lab}: simulated clusters on loopback, to rehearse procedures against (up, status, down). */
@Command(name = "lab", description = {"Simulated clusters to rehearse procedures on.",
    "They run on loopback: each host a real SSH endpoint with its own sandbox, the",
    "cluster's programs simulated, SQL over the PostgreSQL protocol."},
    subcommands = {LabUpCommand.class, LabCommand.Status.class, LabCommand.Down.class},
    footer = {"", "Example:", "  inv=$(opsplay lab up kwdb --nodes 3 --spare 1 --speed 10 --detach)",
        "  opsplay run playbooks/kwdb/scale-out-cli.yml -i \"$inv\"", "  opsplay lab down"})
public final class LabCommand implements Callable<Integer> {
  static final String DEFAULT_DIR = ".opsplay/lab";

  @Mixin HelpOption help;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Prints usage when no subcommand is given. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code;
  }

  /** One line per lab, then one per host; shared by {@code status} and {@code up}. */
  static void describe(java.io.PrintWriter to, LabFolder.Entry lab, boolean running) {
    to.println(lab.id() + "  " + lab.kind() + "  " + (running ? "running in process " + lab.pid() : "not running (process "
        + lab.pid() + " is gone; 'opsplay lab down' removes it)") + "  since " + lab.started().truncatedTo(ChronoUnit.SECONDS));
    to.println("  inventory " + lab.inventory());
    for (LabFolder.HostEntry h : lab.hosts()) {
      to.println("  " + h.name() + "  " + h.address() + "  ssh " + h.sshPort() + (h.sqlPort() > 0 ? "  sql " + h.sqlPort() : "")
          + "  " + String.join(",", h.groups()));
    }
  }

  /** {@code opsplay lab status}: which labs run, where their hosts listen, and their inventories. */
  @Command(name = "status", description = {"Show the labs: kind, hosts, addresses, process, inventory.",
      "DIR is the labs' folder (default " + DEFAULT_DIR + ") or one lab's folder."})
  static final class Status implements Callable<Integer> {
    @Mixin HelpOption help;
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the labs' folder, or one lab's folder")
    Path dir = Path.of(DEFAULT_DIR);

    private final Environment env;

    public Status(Environment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
      List<LabFolder.Entry> labs = LabFolder.list(dir);
      if (labs.isEmpty()) env.err().println("opsplay: no labs in " + dir);
      for (LabFolder.Entry lab : labs) describe(env.out(), lab, lab.process().isPresent());
      env.out().flush();
      return ExitCode.OK.code;
    }
  }

  /** {@code opsplay lab down}: stops the labs and removes their folders. */
  @Command(name = "down", description = {"Stop labs and remove their folders.",
      "DIR is the labs' folder (default " + DEFAULT_DIR + ") or one lab's folder."})
  static final class Down implements Callable<Integer> {
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the labs' folder, or one lab's folder")
    Path dir = Path.of(DEFAULT_DIR);

    private final Environment env;

    public Down(Environment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
      List<LabFolder.Entry> labs = LabFolder.list(dir);
      if (labs.isEmpty()) env.err().println("opsplay: no labs in " + dir);
      for (LabFolder.Entry lab : labs) {
        Optional<ProcessHandle> process = lab.process();
        if (process.isPresent()) stop(process.get());
        LabFolder.remove(lab.dir());
        env.err().println("opsplay: lab " + lab.id() + " is down" + (process.isPresent() ? " (process " + lab.pid() + " stopped)" : ""));
      }
      return ExitCode.OK.code;
    }

    /** SIGTERM (the lab's shutdown hook closes it), then SIGKILL if it is still there after a while. */
    private static void stop(ProcessHandle process) throws InterruptedException {
      process.destroy();
      try {
        process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        process.destroyForcibly();
      }
    }
  }
}
