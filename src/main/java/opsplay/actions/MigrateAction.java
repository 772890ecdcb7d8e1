package opsplay.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opsplay.core.Action;
import opsplay.core.ActionException;
import opsplay.core.ActionType;
import opsplay.core.Args;
import opsplay.core.ConnectionException;
import opsplay.core.Plan;
import opsplay.core.Result;
import opsplay.core.TaskContext;
import opsplay.core.Template;
import opsplay.core.Value;

/**
 * Moves data replicas between nodes through a cluster driver ({@code openmldb}, run on the task's
 * host). It reads the placement, computes the moves ({@link MovePlanner}), shows them as the
 * plan's steps, and runs them one at a time, waiting for each operation. One of three forms:
 * <ul>
 *   <li>one move: {@code table}, {@code partition} ({@code 3}, {@code 1,3} or {@code 1-3}),
 *       {@code from}, {@code to}, and {@code database} (default: variable openmldb_database); or</li>
 *   <li>{@code drain}: an endpoint, or several (a list, or comma-separated): every replica moves
 *       off them; or</li>
 *   <li>{@code rebalance_onto}: an endpoint or several: followers move onto them until they hold
 *       the average</li>
 *   <li>{@code databases}: for drain and rebalance_onto, the databases to move (a list, or
 *       comma-separated). Default: a drain moves every database, system ones included (so the
 *       node ends empty); a rebalance every user database</li>
 *   <li>{@code leaders}: {@code refuse} (default) or {@code change}: a replica that leads its
 *       partition hands the lead to a follower first</li>
 *   <li>{@code auto_failover}: {@code refuse} (default: fail while it is on) or {@code manage}
 *       (turn it off for the moves and back on afterwards, even when a move fails)</li>
 *   <li>{@code timeout}: how long to wait for each operation (default 30m); {@code poll}: how
 *       often to ask (default 2s)</li>
 *   <li>{@code driver}: {@code openmldb} (default); its settings {@code openmldb_home},
 *       {@code zk_cluster}, {@code zk_root_path} (default /openmldb) default to the host
 *       variables of the same names</li>
 * </ul>
 * An endpoint may also be given as an inventory host name (its {@code openmldb_endpoint}). What is
 * already satisfied is not planned, so a second run moves nothing. Registers {@code moves} (each
 * with its commands), {@code replicas} (per endpoint, after the moves; in check mode as planned),
 * {@code nodes} (endpoint to state), {@code databases} and {@code auto_failover} (as found).
 */
public record MigrateAction(String driver, Map<String, Template> keys, Value drain, Value rebalanceOnto, Value databases)
    implements Action {
  /** The cluster kinds, by the name {@code driver:} gives. */
  static final Map<String, ClusterDriver.Factory> DRIVERS = Map.of("openmldb", OpenMldbDriver.FACTORY);
  static final List<String> TEMPLATE_KEYS = List.of("table", "partition", "from", "to", "database", "leaders",
      "auto_failover", "timeout", "poll");
  public static final ActionType TYPE = new ActionType("migrate", allKeys(), null, MigrateAction::parse);
  static final String MOVES = "moves";
  private static final String UNFINISHED = "unfinished";
  private static final String FAILOVER = "failover";
  private static final String PENDING = "pending";
  private static final int SHOWN_REASONS = 5;

  private static List<String> allKeys() {
    List<String> out = new ArrayList<>(List.of("driver", "drain", "rebalance_onto", "databases"));
    out.addAll(TEMPLATE_KEYS);
    DRIVERS.values().forEach(f -> f.settings().stream().filter(k -> !out.contains(k)).forEach(out::add));
    return out;
  }

  static Action parse(Args args) {
    return MigrateSettings.parse(args);
  }

  @Override
  public Plan plan(TaskContext ctx) throws ActionException, ConnectionException {
    MigrateSettings.Rendered task = MigrateSettings.render(this, ctx);
    Placement placement = task.driver().placement(task.scope());
    MovePlanner.Result planned = planMoves(placement, task.request());
    Map<String, Object> preview = registered(moveList(task.driver(), planned.moves()), planned.replicas(), placement, null);
    if (planned.moves().isEmpty() && placement.unfinished().isEmpty()) {
      return new Plan(List.of(), planned.nothingToDo(), false, Map.of(Plan.REGISTERED, preview));
    }
    boolean failover = task.driver().autoFailover();
    if (failover && !task.manageFailover()) throw new ActionException(failoverOn(task.driver()));
    preview.put("auto_failover", failover);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MOVES, planned.moves());
    data.put(UNFINISHED, placement.unfinished());
    data.put(FAILOVER, failover);
    data.put(PENDING, pending(planned.moves(), placement));
    data.put(Plan.REGISTERED, preview);
    return new Plan(steps(task.driver(), planned.moves(), placement.unfinished(), failover), null, false, data);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Result apply(Plan plan, TaskContext ctx) throws ActionException, ConnectionException {
    MigrateSettings.Rendered task = MigrateSettings.render(this, ctx);
    ClusterDriver driver = task.driver();
    List<Move> moves = (List<Move>) plan.data().get(MOVES);
    List<String> pending = (List<String>) plan.data().get(PENDING);
    if (!pending.isEmpty()) {
      throw new ActionException(String.join(", ", pending) + (pending.size() == 1 ? " is" : " are")
          + " not in the cluster's node list yet: start it and wait until it is healthy, then move replicas onto it");
    }
    boolean manage = Boolean.TRUE.equals(plan.data().get(FAILOVER)); // found on: plan refused it unless managed
    List<Map<String, Object>> done = new ArrayList<>();
    String failure;
    if (manage) driver.autoFailover(false);
    try {
      failure = runAll(driver, task, moves, (List<Placement.Operation>) plan.data().get(UNFINISHED), done);
    } finally {
      if (manage) restoreFailover(driver);
    }
    Placement after = driver.placement(task.scope());
    Map<String, Object> registered = registered(done, after.counts(), after, manage);
    if (failure != null) return Result.of(Result.Status.FAILED, failure, registered);
    if (done.isEmpty()) return Result.of(Result.Status.OK, "nothing left to move once the earlier ops ended", registered);
    return Result.of(Result.Status.CHANGED, "moved " + done.size() + " replica" + (done.size() == 1 ? "" : "s"), registered);
  }

  /** Waits for ops found unfinished (then plans again), runs every move; returns why it stopped, or null. */
  private static String runAll(ClusterDriver driver, MigrateSettings.Rendered task, List<Move> moves,
      List<Placement.Operation> unfinished, List<Map<String, Object>> done) throws ActionException, ConnectionException {
    try {
      if (!unfinished.isEmpty()) {
        driver.await(unfinished);
        moves = planMoves(driver.placement(task.scope()), task.request()).moves();
      }
      for (int i = 0; i < moves.size(); i++) {
        Move move = moves.get(i);
        String label = "move " + (i + 1) + "/" + moves.size() + " " + move;
        task.ctx().progress(label);
        driver.run(move, label);
        done.add(move.registered(driver.commands(move)));
      }
      return null;
    } catch (ActionException e) {
      return (done.isEmpty() ? "" : done.size() + " of the moves were done; ") + e.getMessage();
    } catch (InterruptedException e) {
      return "interrupted after " + done.size() + " moves";
    }
  }

  private static String failoverOn(ClusterDriver driver) {
    return "auto_failover is on, and the moves' commands refuse to run while it is; nothing was changed. Turn it off"
        + " first ('" + driver.autoFailoverCommand(false) + "', and back on with '" + driver.autoFailoverCommand(true)
        + "' afterwards), or set auto_failover: manage on this task to have it do both (it turns it back on even when a"
        + " move fails)";
  }

  /** Turns automatic failover back on; a failure here is the task's failure, with the fix. */
  private static void restoreFailover(ClusterDriver driver) throws ActionException, ConnectionException {
    try {
      driver.autoFailover(true);
    } catch (ActionException e) {
      throw new ActionException("could not turn auto_failover back on (" + e.getMessage() + "): it is still off;"
          + " turn it on with ns_client --cmd='" + driver.autoFailoverCommand(true) + "'");
    }
  }

  private static MovePlanner.Result planMoves(Placement placement, MoveRequest request) throws ActionException {
    try {
      return MovePlanner.plan(placement, request);
    } catch (MovePlanner.Refused e) {
      List<String> reasons = e.reasons();
      String shown = String.join("\n  - ", reasons.subList(0, Math.min(SHOWN_REASONS, reasons.size())));
      throw new ActionException("refused before moving anything:\n  - " + shown
          + (reasons.size() > SHOWN_REASONS ? "\n  - … and " + (reasons.size() - SHOWN_REASONS) + " more" : ""));
    }
  }

  /** Rebalance targets the cluster did not list when the moves were planned. */
  private static List<String> pending(List<Move> moves, Placement placement) {
    return moves.stream().map(Move::to).distinct().filter(to -> placement.node(to) == null).toList();
  }

  /** The plan's steps: every command each move sends, with failover switched around them when managed. */
  private static List<Plan.Step> steps(ClusterDriver driver, List<Move> moves, List<Placement.Operation> unfinished,
      boolean failover) {
    List<Plan.Step> steps = new ArrayList<>();
    if (failover) steps.add(step(driver.autoFailoverCommand(false), null));
    for (Placement.Operation op : unfinished) {
      steps.add(new Plan.Step("move", "wait " + op.id(), "wait until " + op + " has ended, then plan again"));
    }
    for (Move m : moves) {
      for (String command : driver.commands(m)) steps.add(step(command, m.database()));
    }
    if (failover) steps.add(step(driver.autoFailoverCommand(true), null));
    return steps;
  }

  private static Plan.Step step(String command, String database) {
    return new Plan.Step("move", command, database == null ? command : database + ": " + command);
  }

  private static List<Map<String, Object>> moveList(ClusterDriver driver, List<Move> moves) {
    return moves.stream().map(m -> m.registered(driver.commands(m))).toList();
  }

  private static Map<String, Object> registered(List<Map<String, Object>> moves, Map<String, Integer> replicas,
      Placement placement, Boolean failover) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("moves", moves);
    out.put("replicas", new LinkedHashMap<String, Object>(replicas));
    out.put("nodes", placement.states());
    out.put("databases", placement.databases());
    if (failover != null) out.put("auto_failover", failover);
    return out;
  }
}
