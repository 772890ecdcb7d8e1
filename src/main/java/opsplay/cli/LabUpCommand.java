package opsplay.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import opsplay.lab.Lab;
import opsplay.lab.LabFolder;
import opsplay.lab.LabSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opsplay lab up KIND}: starts a lab, writes its inventory, prints the inventory's path
 * (the only thing on stdout) and serves until Ctrl-C or {@code opsplay lab down}; with
 * {@code --detach} a background process serves it and this one returns once it is up.
 */
@Command(name = "up", description = {"Start a simulated cluster and print its inventory's path.",
    "Serves in the foreground until Ctrl-C or 'opsplay lab down'; --detach serves it",
    "from a background process: inv=$(opsplay lab up kwdb --detach)."}, sortOptions = false)
public final class LabUpCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Parameters(index = "0", paramLabel = "KIND", description = "kwdb or openmldb")
  String kind;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "cluster members (default: ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--spare", paramLabel = "M", defaultValue = "1",
      description = "spare hosts to scale out onto, in group new_nodes / new_tablets (default: ${DEFAULT-VALUE})")
  int spare;

  @Option(names = "--secure", description = "certificates and TLS (KWDB secure mode)")
  boolean secure;

  @Option(names = "--single-replica", description = "a single-replica cluster (KWDB)")
  boolean singleReplica;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "how much faster than real time the cluster's clock runs (default: ${DEFAULT-VALUE})")
  double speed;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = LabCommand.DEFAULT_DIR,
      description = "where labs keep their folders (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--detach", description = "serve from a background process; return once the lab is up")
  boolean detach;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  private final Environment env;

  public LabUpCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    LabSettings settings;
    try {
      settings = new LabSettings(kind, nodes, spare, secure, singleReplica, speed);
      List<String> anywhere = java.util.stream.IntStream.rangeClosed(1, nodes + spare).mapToObj(i -> "127.0.0.1").toList();
      env.labKinds().create(settings, anywhere); // a wrong kind or count is a usage error, before anything starts
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replaceFirst("^lab: ", ""));
    }
    if (detach) {
      List<String> launcher = Detached.launcher(spec.root().commandLine().getParseResult().originalArgs());
      return new Detached(env).start(launcher, childArguments());
    }
    return serve(settings);
  }

  /** Runs the lab in this process until the process is told to stop. */
  private int serve(LabSettings settings) throws IOException, InterruptedException {
    Path labs = dir.toAbsolutePath().normalize();
    Lab lab = Lab.prepare(settings, labs, env.labKinds(), env.labSql(),
        "stop it with: opsplay lab down {dir}  (or Ctrl-C where it runs)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      lab.close();
      stopped.countDown();
    }, "opsplay-lab-stop"));
    try {
      lab.start();
    } catch (IOException | RuntimeException e) {
      env.err().println("opsplay: cannot start the lab: " + e.getMessage());
      return ExitCode.ERROR.code;
    }
    for (LabFolder.Entry entry : LabFolder.list(lab.layout().dir())) LabCommand.describe(env.err(), entry, true);
    env.err().println("opsplay: lab " + lab.id() + " is up; Ctrl-C or 'opsplay lab down " + lab.layout().dir() + "' stops it");
    env.err().flush();
    env.out().println(lab.inventory());
    env.out().flush();
    boolean told = false;
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (!told && lab.clockFailure() != null) {
        told = true;
        env.err().println("opsplay: the " + settings.kind() + " model failed while its time moved on: " + lab.clockFailure());
        env.err().flush();
      }
    }
    return ExitCode.OK.code;
  }

  /** This command's arguments without {@code --detach}, with {@code --dir} made absolute. */
  private List<String> childArguments() {
    List<String> args = new ArrayList<>(List.of("lab", "up", kind, "--nodes", Integer.toString(nodes), "--spare",
        Integer.toString(spare), "--speed", Double.toString(speed), "--dir", dir.toAbsolutePath().normalize().toString()));
    if (secure) args.add("--secure");
    if (singleReplica) args.add("--single-replica");
    return args;
  }
}
