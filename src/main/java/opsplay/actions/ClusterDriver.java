package opsplay.actions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import opsplay.core.ActionException;
import opsplay.core.ConnectionException;
import opsplay.core.TaskContext;

/**
 * How {@code migrate} reads and changes one kind of cluster. A driver is made per task and host
 * by its {@link Factory} and used on that task's worker thread only; it talks to the cluster
 * through the host's connection. The action owns the order (read, plan, show, run) and check mode;
 * a driver only answers, sends, and waits.
 *
 * <p>To add a cluster kind: implement this, and add its factory to {@link MigrateAction#DRIVERS}.
 * Every method may block; none retries on its own. {@link ActionException} means the cluster said
 * no (its message is shown to the user as is); {@link ConnectionException} means the host is
 * unreachable.
 */
public interface ClusterDriver {
  /** Makes a driver for one task on one host. */
  interface Factory {
    /**
     * {@code setting} gives a driver setting by name: the task's own key when it has one,
     * else the host variable of that name, else null. Throws when a required one is missing.
     */
    ClusterDriver open(TaskContext ctx, Function<String, String> setting, Timing timing) throws ActionException;

    /** The setting names this kind reads (they are also keys of the migrate action). */
    List<String> settings();

    /**
     * The host variables behind the action's generic values: {@code endpoint} (an inventory host's
     * endpoint, so a task may name hosts) and {@code database} (the one-move form's default).
     */
    Map<String, String> variables();
  }

  /** How long to wait for one operation, and how often to ask about it. */
  record Timing(Duration timeout, Duration poll) {}

  /**
   * Which databases to read: {@code databases} (null: every user database), and with {@code system}
   * the cluster's own databases too (their tables live on the nodes as well, so a drain moves them).
   */
  record Scope(List<String> databases, boolean system) {}

  /** Reads the nodes and every replica in {@code scope}, with the operations not yet finished. Read-only. */
  Placement placement(Scope scope) throws ActionException, ConnectionException;

  /** Whether the cluster repairs itself on its own (OpenMLDB's auto_failover); moves need it off. */
  boolean autoFailover() throws ActionException, ConnectionException;

  /** Turns automatic failover on or off. */
  void autoFailover(boolean on) throws ActionException, ConnectionException;

  /** The command that {@link #autoFailover(boolean)} sends, as a preview shows it. */
  String autoFailoverCommand(boolean on);

  /** The commands that carry out {@code move}, in order, as a preview shows them. */
  List<String> commands(Move move);

  /**
   * Carries out one move: sends its commands one at a time and waits for the operation each one
   * starts, reporting progress through the task context under {@code label}. Throws when a command
   * is refused, an operation fails (with its details) or does not end within the timeout.
   */
  void run(Move move, String label) throws ActionException, ConnectionException, InterruptedException;

  /** Waits until {@code operations} (found unfinished by {@link #placement}) have ended, whatever their outcome. */
  void await(List<Placement.Operation> operations) throws ActionException, ConnectionException, InterruptedException;
}
