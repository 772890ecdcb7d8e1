package opsplay.actions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import opsplay.actions.Placement.Partition;
import opsplay.actions.Placement.Replica;

/**
 * Computes the moves for a request from a placement: a pure function of its inputs, tested as data
 * ({@code src/test/resources/cases/plans/migrate/}). The rules:
 * <ul>
 *   <li>a destination is a healthy node that holds no replica of the partition (alive or not) and is
 *       not being drained; among those, the one with the fewest replicas counting the moves planned
 *       so far, then the fewest of that table, then the first listed. So a drain spreads its
 *       replicas instead of piling them onto one node;</li>
 *   <li>a source that leads the partition moves only with {@code changeLeaders} (changeleader, then
 *       recovertable on the old leader, then migrate); a source that is not a live follower is
 *       recovered first; a partition needs a live leader on a healthy node to move at all;</li>
 *   <li>a rebalance moves only live followers, from the fullest node that can give one, while that
 *       node holds at least two more than the target, until the target holds the average (rounded
 *       down) over the healthy nodes and the targets;</li>
 *   <li>what is already satisfied is not planned: a replica already on {@code to}, a drained node
 *       that holds nothing, a target at the average;</li>
 *   <li>anything that cannot be done refuses the whole request, with every reason, before any move.</li>
 * </ul>
 */
public final class MovePlanner {
  /** The moves, the replicas per node once they are done, and why there is nothing to do (when so). */
  public record Result(List<Move> moves, Map<String, Integer> replicas, String nothingToDo) {
    public Result {
      moves = List.copyOf(moves);
    }
  }

  /** The request cannot be planned; {@code reasons} says every reason found. */
  public static final class Refused extends Exception {
    private final List<String> reasons;

    Refused(List<String> reasons) {
      super(String.join("\n", reasons));
      this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
      return reasons;
    }
  }

  private final Placement placement;
  private final Map<Partition, List<Replica>> partitions = new LinkedHashMap<>();
  private final Map<String, Integer> counts;
  private final Map<String, Integer> tableCounts = new HashMap<>(); // "endpoint db.table" -> replicas
  private final Set<String> pending = new LinkedHashSet<>();
  private final List<Move> moves = new ArrayList<>();
  private final Set<String> refusals = new LinkedHashSet<>();

  private MovePlanner(Placement placement) {
    this.placement = placement;
    for (Replica r : placement.replicas()) {
      partitions.computeIfAbsent(r.where(), k -> new ArrayList<>()).add(r);
      tableCounts.merge(tableKey(r.endpoint(), r.where()), 1, Integer::sum);
    }
    this.counts = placement.counts();
  }

  /** The moves that carry out {@code request} on {@code placement}. */
  public static Result plan(Placement placement, MoveRequest request) throws Refused {
    MovePlanner p = new MovePlanner(placement);
    String nothing;
    if (request instanceof MoveRequest.One one) nothing = p.one(one);
    else if (request instanceof MoveRequest.Drain drain) nothing = p.drain(drain);
    else nothing = p.rebalance((MoveRequest.Rebalance) request);
    if (!p.refusals.isEmpty()) throw new Refused(List.copyOf(p.refusals));
    return new Result(p.moves, p.counts, p.moves.isEmpty() ? nothing : null);
  }

  private String one(MoveRequest.One r) {
    if (r.from().equals(r.to())) {
      refuse("from and to are the same node (" + r.to() + ")");
      return "";
    }
    int satisfied = 0;
    for (int pid : r.partitions()) {
      Partition where = new Partition(r.database(), r.table(), pid);
      List<Replica> rows = partitions.get(where);
      if (rows == null) {
        refuse(partitions.keySet().stream().anyMatch(k -> k.database().equals(r.database()) && k.table().equals(r.table()))
            ? where + ": the table has no partition " + pid
            : "table " + r.table() + " is not in database " + r.database() + " (or has no replicas)");
        continue;
      }
      Replica onFrom = on(rows, r.from());
      Replica onTo = on(rows, r.to());
      if (onFrom == null && onTo != null && onTo.alive()) {
        satisfied++;
      } else if (onFrom == null) {
        refuse(where + ": " + r.from() + " holds no replica of it (it is on " + endpoints(rows) + ")");
      } else if (onTo != null) {
        refuse(where + ": " + r.to() + " already holds a replica of it (" + describe(onTo) + ")");
      } else if (healthyDestination(r.to())) {
        add(moveFrom(onFrom, rows, r.to(), r.changeLeaders()));
      }
    }
    return r.partitions().size() == 1 ? r.database() + "." + r.table() + " " + r.partitions().get(0) + " is already on " + r.to()
        : "all " + satisfied + " partitions are already on " + r.to();
  }

  private String drain(MoveRequest.Drain r) {
    Set<String> drained = new LinkedHashSet<>(r.endpoints());
    List<String> leaders = new ArrayList<>();
    List<Replica> leaving = placement.replicas().stream().filter(row -> drained.contains(row.endpoint())).toList();
    for (int i = 0; i < leaving.size(); i++) {
      Replica row = leaving.get(i);
      if (row.leader() && row.alive() && !r.changeLeaders()) {
        leaders.add(row.where() + " on " + row.endpoint());
        continue;
      }
      String to = destination(row.where(), drained, leaving.subList(i + 1, leaving.size()));
      if (to == null) {
        refuse(row.where() + ": no healthy node can take its replica on " + row.endpoint() + " (" + why(row.where(), drained) + ")");
      } else {
        add(moveFrom(row, partitions.get(row.where()), to, r.changeLeaders()));
      }
    }
    if (!leaders.isEmpty()) {
      refuse("the drained nodes lead " + leaders.size() + " partition" + (leaders.size() == 1 ? "" : "s") + " ("
          + String.join(", ", leaders.subList(0, Math.min(5, leaders.size()))) + (leaders.size() > 5 ? ", …" : "")
          + "): set leaders: change to hand each lead to a follower first (changeleader, then recovertable)");
    }
    List<String> unlisted = r.endpoints().stream().filter(e -> placement.node(e) == null).toList();
    return String.join(", ", r.endpoints()) + (r.endpoints().size() == 1 ? " holds" : " hold") + " no replicas"
        + (unlisted.isEmpty() ? "" : " (showtablet does not list " + String.join(", ", unlisted) + ": is that the right endpoint?)");
  }

  private String rebalance(MoveRequest.Rebalance r) {
    List<String> pool = new ArrayList<>();
    placement.nodes().stream().filter(Placement.Node::healthy).forEach(n -> pool.add(n.endpoint()));
    for (String t : r.endpoints()) {
      Placement.Node node = placement.node(t);
      if (node != null && !node.healthy()) refuse(t + " is " + node.state() + ": a rebalance moves replicas only onto healthy nodes");
      if (node == null && !pending.contains(t)) {
        pending.add(t);
        pool.add(t);
        counts.putIfAbsent(t, 0);
      }
    }
    if (!refusals.isEmpty()) return "";
    int goal = pool.stream().mapToInt(e -> counts.getOrDefault(e, 0)).sum() / Math.max(1, pool.size());
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (String t : r.endpoints()) {
        if (counts.get(t) >= goal) continue;
        Move m = followerFor(t, pool, r.endpoints());
        if (m != null) {
          add(m);
          progressed = true;
        }
      }
    }
    return r.endpoints().stream().map(t -> t + " holds " + counts.get(t)).collect(Collectors.joining(", "))
        + " (the average, rounded down, is " + goal + ")";
  }

  /** A live follower from the fullest node that can give one to {@code target}, or null. */
  private Move followerFor(String target, List<String> pool, List<String> targets) {
    List<String> sources = pool.stream().filter(e -> !targets.contains(e))
        .sorted(Comparator.comparingInt((String e) -> -counts.get(e)).thenComparingInt(pool::indexOf)).toList();
    for (String source : sources) {
      if (counts.get(source) - counts.get(target) < 2) return null;
      Replica best = null;
      for (Map.Entry<Partition, List<Replica>> e : partitions.entrySet()) {
        Replica row = on(e.getValue(), source);
        if (row == null || row.leader() || !row.alive() || on(e.getValue(), target) != null || liveLeader(e.getValue()) == null) continue;
        if (best == null || tableCount(target, row) < tableCount(target, best)) best = row;
      }
      if (best != null) return new Move(best.where(), source, target, false, false);
    }
    return null;
  }

  /** The move of {@code row} to {@code to}, or null (with the refusal noted) when it cannot move. */
  private Move moveFrom(Replica row, List<Replica> rows, String to, boolean changeLeaders) {
    Partition where = row.where();
    Placement.Node source = placement.node(row.endpoint());
    if (source == null || !source.healthy()) {
      refuse(where + ": its replica on " + row.endpoint() + " is on a " + (source == null ? "node the cluster does not list"
          : source.state() + " node") + "; only a healthy node's replicas can move (a stopped tablet's are left to"
          + " offlineendpoint or auto-failover)");
      return null;
    }
    boolean live = row.leader() && row.alive();
    if (live && !changeLeaders) {
      refuse(where + ": " + row.endpoint() + " leads it: set leaders: change to hand the lead to a follower first");
      return null;
    }
    if (live && rows.stream().noneMatch(o -> !o.leader() && o.alive() && healthy(o.endpoint()))) {
      refuse(where + ": no live follower on a healthy node can take the lead from " + row.endpoint()
          + (rows.size() == 1 ? " (a single-replica partition: use addreplica, changeleader, recovertable, delreplica by hand)" : ""));
      return null;
    }
    if (!live && liveLeader(rows) == null) {
      refuse(where + ": it has no live leader on a healthy node, so none of its replicas can move");
      return null;
    }
    return new Move(where, row.endpoint(), to, live, live || !row.alive());
  }

  /** Notes a planned move: the replica leaves its node and arrives as a live follower. */
  private void add(Move m) {
    if (m == null) return;
    moves.add(m);
    List<Replica> rows = partitions.get(m.partition());
    rows.removeIf(r -> r.endpoint().equals(m.from()));
    rows.add(new Replica(m.database(), m.table(), m.pid(), m.to(), false, true));
    counts.merge(m.from(), -1, Integer::sum);
    counts.merge(m.to(), 1, Integer::sum);
    tableCounts.merge(tableKey(m.from(), m.partition()), -1, Integer::sum);
    tableCounts.merge(tableKey(m.to(), m.partition()), 1, Integer::sum);
  }

  /**
   * The least loaded healthy node outside {@code excluded} that lacks the partition; among equals, the
   * one with the fewest of the table, then the one that could take the fewest of the replicas still
   * to place ({@code later}), so that nodes with few options get them first.
   */
  private String destination(Partition where, Set<String> excluded, List<Replica> later) {
    List<Replica> rows = partitions.get(where);
    Replica any = rows.get(0);
    return placement.nodes().stream().filter(Placement.Node::healthy).map(Placement.Node::endpoint)
        .filter(e -> !excluded.contains(e) && on(rows, e) == null)
        .min(Comparator.comparingInt((String e) -> counts.get(e)).thenComparingInt(e -> tableCount(e, any))
            .thenComparingLong(e -> later.stream().filter(l -> on(partitions.get(l.where()), e) == null).count()))
        .orElse(null);
  }

  private String why(Partition where, Set<String> excluded) {
    List<Replica> rows = partitions.get(where);
    List<String> holding = new ArrayList<>();
    List<String> unhealthy = new ArrayList<>();
    for (Placement.Node n : placement.nodes()) {
      if (excluded.contains(n.endpoint())) continue;
      if (!n.healthy()) unhealthy.add(n.endpoint() + " is " + n.state());
      else if (on(rows, n.endpoint()) != null) holding.add(n.endpoint());
    }
    String out = rows.size() + " replicas; " + (holding.isEmpty() ? "no other healthy node" : "the other healthy nodes "
        + String.join(", ", holding) + " hold it already");
    return unhealthy.isEmpty() ? out : out + "; " + String.join(", ", unhealthy);
  }

  private boolean healthyDestination(String to) {
    Placement.Node node = placement.node(to);
    if (node != null && node.healthy()) return true;
    refuse(to + (node == null ? " is not a node the cluster lists" : " is " + node.state()) + ": moves go only to healthy nodes");
    return false;
  }

  private boolean healthy(String endpoint) {
    Placement.Node n = placement.node(endpoint);
    return n != null && n.healthy();
  }

  private Replica liveLeader(List<Replica> rows) {
    return rows.stream().filter(r -> r.leader() && r.alive() && healthy(r.endpoint())).findFirst().orElse(null);
  }

  private int tableCount(String endpoint, Replica like) {
    return tableCounts.getOrDefault(tableKey(endpoint, like.where()), 0);
  }

  private static String tableKey(String endpoint, Partition where) {
    return endpoint + " " + where.database() + "." + where.table();
  }

  private static Replica on(List<Replica> rows, String endpoint) {
    return rows.stream().filter(r -> r.endpoint().equals(endpoint)).findFirst().orElse(null);
  }

  private static String endpoints(List<Replica> rows) {
    return rows.stream().map(Replica::endpoint).collect(Collectors.joining(", "));
  }

  private static String describe(Replica r) {
    return (r.leader() ? "leader" : "follower") + (r.alive() ? "" : ", not alive");
  }

  private void refuse(String reason) {
    refusals.add(reason);
  }
}
