package opsplay.lab;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A simulated cluster: its hosts and what is installed on them, the programs that read and
 * change its state, and the SQL it answers. Time moves only through {@link #advance}: the lab
 * calls it on a timer scaled by --speed, tests call it directly. The lab calls every method
 * under one lock per cluster, so implementations need no locking of their own.
 */
public interface LabCluster {
  /** {@code kwdb} or {@code openmldb}. */
  String kind();

  /**
   * The hosts, in inventory order: members first, spares after. A node's {@code vars} are its
   * inventory variables; the text {@code {sandbox}} in a string value stands for the host's
   * sandbox root (the lab replaces it), so path variables point into the sandbox.
   * {@code sqlPort} is the port the host answers SQL on (0: none).
   */
  List<Node> nodes();

  /** One host: its inventory name, its groups, its variables and its SQL port. */
  record Node(String name, List<String> groups, Map<String, Object> vars, int sqlPort) {}

  /**
   * The simulated programs by where they are installed on every host: a path relative to the
   * sandbox ({@code usr/local/kaiwudb/bin/kwbase}), or {@code PATH/name} for a program found on
   * the PATH ({@code PATH/systemctl}). The lab puts a small shim there that forwards to the program.
   */
  Map<String, Program> programs();

  /** Files each host's sandbox starts with (relative path to content): certificates, configs, unit files. */
  Map<String, String> files(String host);

  /** What {@code host} answers over SQL, or null when it answers none. */
  SqlResponder sql(String host);

  /** Whether {@code host}'s database process is running (its SQL port refuses connections when not). */
  boolean running(String host);

  /** Moves the cluster's clock on: liveness, draining, rebalancing and asynchronous operations progress. */
  void advance(Duration elapsed);

  /** Fault: the host went away (its processes stop; for SSH the lab refuses connections). */
  void hostDown(String host);

  /** The host is back (its processes stay stopped until started again, as after a reboot). */
  void hostUp(String host);
}
