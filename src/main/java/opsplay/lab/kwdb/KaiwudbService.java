package opsplay.lab.kwdb;

import java.nio.file.Files;
import java.util.List;

/**
 * The kaiwudb systemd service on one host, as systemctl and deploy.sh drive it: installed when the
 * unit file exists (deploy.sh's install_check), running when systemd has its main process
 * (kw_status), started by running the unit's ExecStart line as the host's files say it now.
 */
final class KaiwudbService {
  private final Cluster cluster;
  private final Host host;
  private final Sandbox sandbox;

  KaiwudbService(Cluster cluster, Host host, Sandbox sandbox) {
    this.cluster = cluster;
    this.host = host;
    this.sandbox = sandbox;
  }

  boolean installed() {
    return Files.isRegularFile(sandbox.resolve(UnitFile.PATH));
  }

  boolean active() {
    return host.unitActive();
  }

  /** The words of the service's command line, or an empty list when the unit has no ExecStart. */
  List<String> command() {
    String exec = UnitFile.execStart(Sandbox.read(sandbox.resolve(UnitFile.PATH)));
    return exec == null ? List.of() : UnitFile.command(exec, Sandbox.read(sandbox.resolve(UnitFile.ENV_FILE)));
  }

  /**
   * Starts the service. As with Type=simple, the caller learns nothing of a server that exits at
   * once (bad flags, missing certificates): the unit is then failed, which systemctl status shows.
   */
  void start() {
    if (host.unitActive()) {
      return;
    }
    List<String> command = command();
    StartSpec spec = null;
    try {
      spec = StartSpec.parse(command.get(1), command.subList(2, command.size()), sandbox, "/home/kaiwudb");
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // left null: the server exits at once
    }
    if (spec == null || new StartCommand(cluster, host).problem(spec) != null) {
      host.unitFailed = true;
      host.unitSince = cluster.now();
      return;
    }
    cluster.start(host, spec, true);
  }

  /** Stops the service gracefully (SIGTERM: the node drains, then exits). */
  void stop() {
    if (host.unitActive()) {
      cluster.stop(host, true);
    }
    host.unitFailed = false;
  }
}
