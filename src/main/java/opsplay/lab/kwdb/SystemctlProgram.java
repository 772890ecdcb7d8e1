package opsplay.lab.kwdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.Program;

/**
 * {@code systemctl} for the kaiwudb unit: start, stop, restart, status, is-active, is-enabled,
 * show (MainPID and the state properties), enable, disable, daemon-reload. Starting runs the
 * unit's ExecStart line as read from the host's unit file, so a {@code deploy.sh join} that
 * rewrote {@code --join} takes effect. The texts follow systemd 249; KWDB's reference does not
 * record them. Other units do not exist on the simulated hosts.
 */
final class SystemctlProgram implements Program {
  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Cluster cluster;

  SystemctlProgram(Cluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Output run(Invocation call) {
    List<String> words = new ArrayList<>();
    List<String> properties = new ArrayList<>();
    boolean valueOnly = false;
    for (int i = 0; i < call.args().size(); i++) {
      String a = call.args().get(i);
      if (a.equals("--property") || a.equals("-p")) {
        properties.add(call.args().get(++i));
      } else if (a.startsWith("--property=")) {
        properties.add(a.substring(11));
      } else if (a.equals("--value")) {
        valueOnly = true;
      } else if (!a.startsWith("-")) {
        words.add(a);
      }
    }
    if (words.isEmpty()) {
      return new Output(1, "", "Too few arguments.\n");
    }
    String verb = words.get(0);
    if (verb.equals("daemon-reload")) {
      return Output.ok("");
    }
    String unit = words.size() > 1 ? words.get(1) : "";
    unit = unit.contains(".") ? unit : unit + ".service";
    Sandbox sandbox = new Sandbox(call.sandbox(), call.cwd());
    Host host = cluster.hosts.get(call.host());
    boolean exists = unit.equals("kaiwudb.service") && Files.isRegularFile(sandbox.resolve(UnitFile.PATH));
    return verb(verb, unit, exists, host, sandbox, properties, valueOnly);
  }

  private Output verb(String verb, String unit, boolean exists, Host host, Sandbox sandbox, List<String> properties,
      boolean valueOnly) {
    return switch (verb) {
      case "start" -> exists ? start(host, sandbox) : new Output(5, "", "Failed to start " + unit + ": Unit " + unit + " not found.\n");
      case "stop" -> exists ? stop(host, sandbox) : new Output(5, "", "Failed to stop " + unit + ": Unit " + unit + " not loaded.\n");
      case "restart" -> exists ? restart(host, sandbox)
          : new Output(5, "", "Failed to restart " + unit + ": Unit " + unit + " not found.\n");
      case "status" -> exists ? status(host, sandbox) : new Output(4, "", "Unit " + unit + " could not be found.\n");
      case "is-active" -> new Output(exists && host.unitActive() ? 0 : 3, state(host, exists) + "\n", "");
      case "is-enabled" -> exists ? enabledState(sandbox)
          : new Output(1, "", "Failed to get unit file state for " + unit + ": No such file or directory\n");
      case "enable", "disable" -> exists ? enable(sandbox, verb.equals("enable"))
          : new Output(1, "", "Failed to " + verb + " unit: Unit file " + unit + " does not exist.\n");
      case "show" -> Output.ok(show(host, exists, properties, valueOnly));
      default -> new Output(1, "", "Unknown command verb " + verb + ".\n");
    };
  }

  private Output start(Host host, Sandbox sandbox) {
    new KaiwudbService(cluster, host, sandbox).start();
    return Output.ok("");
  }

  private Output stop(Host host, Sandbox sandbox) {
    new KaiwudbService(cluster, host, sandbox).stop();
    return Output.ok("");
  }

  private Output restart(Host host, Sandbox sandbox) {
    stop(host, sandbox);
    return start(host, sandbox);
  }

  private static String state(Host host, boolean exists) {
    return exists && host.unitActive() ? "active" : exists && host.unitFailed ? "failed" : "inactive";
  }

  private Output status(Host host, Sandbox sandbox) {
    boolean enabled = Files.exists(sandbox.resolve(UnitFile.WANTS));
    String state = state(host, true);
    String mark = state.equals("active") ? "●" : state.equals("failed") ? "×" : "○";
    StringBuilder out = new StringBuilder(mark + " kaiwudb.service - KaiwuDB Service\n");
    out.append("     Loaded: loaded (").append(UnitFile.PATH).append("; ").append(enabled ? "enabled" : "disabled")
        .append("; vendor preset: enabled)\n");
    String since = host.unitSince == null ? "" : " since " + SINCE.format(host.unitSince) + "; " + ago(host.unitSince);
    switch (state) {
      case "active" -> {
        List<String> command = new KaiwudbService(cluster, host, sandbox).command();
        int pid = host.process.pid();
        out.append("     Active: active (running)").append(since).append('\n');
        out.append("   Main PID: ").append(pid).append(" (kwbase)\n");
        out.append("     CGroup: /system.slice/kaiwudb.service\n");
        out.append("             └─").append(pid).append(' ').append(String.join(" ", command)).append('\n');
      }
      case "failed" -> out.append("     Active: failed (Result: exit-code)").append(since).append('\n');
      default -> out.append("     Active: inactive (dead)").append(since).append('\n');
    }
    return new Output(state.equals("active") ? 0 : 3, out.toString(), "");
  }

  /** systemd's relative time: two units at most, coarser as the span grows. */
  String ago(Instant then) {
    long s = Duration.between(then, cluster.now()).toSeconds();
    long d = s / 86400;
    long h = s / 3600;
    long m = s / 60;
    String span = d >= 2 ? d + " days" : s >= 25 * 3600 ? "1 day " + (h - 24) + "h" : h >= 6 ? h + "h"
        : h >= 1 ? h + "h " + (m % 60) + "min" : m >= 5 ? m + "min" : m >= 1 ? m + "min " + (s % 60) + "s" : s + "s";
    return span + " ago";
  }

  private static Output enabledState(Sandbox sandbox) {
    boolean enabled = Files.exists(sandbox.resolve(UnitFile.WANTS));
    return new Output(enabled ? 0 : 1, (enabled ? "enabled" : "disabled") + "\n", "");
  }

  private static Output enable(Sandbox sandbox, boolean on) {
    Path wants = sandbox.resolve(UnitFile.WANTS);
    boolean was = Files.exists(wants);
    if (on && !was) {
      Sandbox.write(wants, Sandbox.read(sandbox.resolve(UnitFile.PATH)));
      return new Output(0, "", "Created symlink " + UnitFile.WANTS + " → " + UnitFile.PATH + ".\n");
    }
    if (!on && was) {
      try {
        Files.delete(wants);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new Output(0, "", "Removed " + UnitFile.WANTS + ".\n");
    }
    return Output.ok("");
  }

  private static String show(Host host, boolean exists, List<String> properties, boolean valueOnly) {
    List<String> wanted = properties.isEmpty() ? List.of("MainPID", "LoadState", "ActiveState", "SubState") : properties;
    StringBuilder out = new StringBuilder();
    for (String p : String.join(",", wanted).split(",")) {
      String value = switch (p) {
        case "MainPID" -> String.valueOf(exists && host.unitActive() ? host.process.pid() : 0);
        case "LoadState" -> exists ? "loaded" : "not-found";
        case "ActiveState" -> state(host, exists);
        case "SubState" -> exists && host.unitActive() ? "running" : exists && host.unitFailed ? "failed" : "dead";
        default -> "";
      };
      out.append(valueOnly ? "" : p + "=").append(value).append('\n');
    }
    return out.toString();
  }
}
