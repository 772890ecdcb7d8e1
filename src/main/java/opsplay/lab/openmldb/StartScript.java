package opsplay.lab.openmldb;

import java.util.List;
import java.util.OptionalInt;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.Program;

/**
 * {@code bin/start.sh start|stop|restart tablet|nameserver} as the release package ships it
 * (reference §7.3), with its exact lines. It exits 0 whether or not the start worked. The real
 * script waits until the server answers; the lab's returns at once and the process registers in
 * ZooKeeper {@link Rates#processStart()} later, so a playbook has to poll {@code showtablet}.
 */
final class StartScript implements Program {
  private static final String COMPONENTS = "tablet tablet2 nameserver apiserver taskmanager standalone_tablet "
      + "standalone_nameserver standalone_apiserver data_collector synctool";
  private static final String RED = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";

  private final Model model;

  StartScript(Model model) {
    this.model = model;
  }

  @Override
  public Output run(Invocation call) {
    List<String> args = call.args();
    if (args.size() < 2) return new Output(1, usage(), "");
    String component = args.get(1);
    if (!List.of(COMPONENTS.split(" ")).contains(component)) {
      return new Output(1, "No component named " + component + " in [" + COMPONENTS + "]\n", "");
    }
    Processes.Kind kind = component.equals("tablet") ? Processes.Kind.TABLET
        : component.equals("nameserver") ? Processes.Kind.NAMESERVER : null;
    if (kind == null) return unconfigured(component);
    if (args.size() > 2 && args.get(2).equals("mon")) {
      return new Output(2, "", "opsplay lab: start.sh with 'mon' is not simulated\n");
    }
    String host = call.host();
    // The lab refuses SSH to a host that is down; this only guards direct calls.
    if (!model.processes.up(host)) return new Output(255, "", "opsplay lab: host " + host + " is down\n");
    return switch (args.get(0)) {
      case "start" -> Output.ok(start(host, kind));
      case "stop" -> Output.ok(stop(host, kind));
      // The real restart sleeps 15 s between the two; the lab does not.
      case "restart" -> Output.ok(stop(host, kind) + start(host, kind));
      default -> new Output(0, "", "Only support {start|stop|restart}\n");
    };
  }

  private String start(String host, Processes.Kind kind) {
    String name = kind.component;
    StringBuilder out = new StringBuilder("Starting " + name + " ... \n");
    OptionalInt running = model.processes.pid(host, kind);
    if (running.isPresent()) {
      return out.append(RED).append(name).append(" already running as process ").append(running.getAsInt())
          .append(' ').append(RESET).append('\n').toString();
    }
    int pid = model.processes.start(host, kind, model.clock.now());
    return out.append("process pid is ").append(pid).append('\n')
        .append("Start ").append(name).append(" success\n").toString();
  }

  // Without a pid file the script says so, and still reports success.
  private String stop(String host, Processes.Kind kind) {
    String name = kind.component;
    StringBuilder out = new StringBuilder("Stopping " + name + " ... \n");
    if (!model.processes.hasPidFile(host, kind)) {
      out.append("no ").append(name).append(" to stop (could not find file ./bin/").append(name).append(".pid)\n");
    }
    model.processes.stop(host, kind, model.clock.now());
    return out.append("Stop ").append(name).append(" success\n").toString();
  }

  // Components the lab hosts have no configuration for: the script finds no log dir and gives up.
  private static Output unconfigured(String component) {
    if (component.equals("synctool") || component.equals("data_collector")) {
      return new Output(2, "", "opsplay lab: start.sh " + component + " is not simulated\n");
    }
    String conf = component.equals("taskmanager") ? "./conf/taskmanager.properties" : "./conf/" + component + ".flags";
    return new Output(1, "Invalid log dir\n", "grep: " + conf + ": No such file or directory\n");
  }

  private static String usage() {
    return "Usage: start.sh start/stop/restart <component> [mon]\n"
        + "component: " + COMPONENTS + "\n"
        + "start flag 'mon': if use mon flag, we'll use mon to start the component\n"
        + "    stop will kill both the mon and component automatically, don't need to use mon\n";
  }
}
