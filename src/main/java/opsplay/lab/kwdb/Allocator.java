package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where replicas go: the rules of kwbase's replicate queue, reduced to what a scaling procedure
 * can observe. Each call makes at most one change, so the cluster's rates decide how fast
 * draining and rebalancing progress. Repairs (replicas on decommissioning or dead nodes, missing
 * or surplus replicas) come first; rebalancing only evens out replica counts.
 */
final class Allocator {
  private final Cluster cluster;

  Allocator(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Replicas a range needs with {@code available} usable nodes: the zone's count, capped at the
   * nodes there are, rounded down to odd, at least 3 (kvserver GetNeededReplicas, reference §5.4).
   */
  static int needed(int zoneReplicas, int available) {
    int need = Math.min(zoneReplicas, available);
    if (need == zoneReplicas) {
      return need;
    }
    if (need % 2 == 0) {
      need--;
    }
    return Math.min(Math.max(need, 3), zoneReplicas);
  }

  /** Makes one repair; false when nothing can be repaired (done, or stuck, as a hanging decommission is). */
  boolean repair() {
    if (cluster.singleReplica) {
      return false; // mpp mode disables the replicate queue entirely (reference §5.3)
    }
    List<Integer> available = cluster.availableNodes();
    for (Range range : cluster.ranges) {
      List<Constraint> constraints = cluster.zones.constraints(range);
      int need = needed(cluster.zones.numReplicas(range), available.size());
      if (replaceLeaving(range, constraints, need, available) || resize(range, constraints, need, available)
          || conform(range, constraints, available)) {
        return true;
      }
    }
    return false;
  }

  private boolean replaceLeaving(Range range, List<Constraint> constraints, int need, List<Integer> available) {
    List<Integer> staying = range.replicas.stream().filter(r -> !cluster.leaving(range, r)).toList();
    for (int r : List.copyOf(range.replicas)) {
      if (!cluster.leaving(range, r)) {
        continue;
      }
      if (staying.size() >= need && removable(range.replicas, constraints, r)) {
        move(range, r, 0);
        return true;
      }
      Integer target = target(range.replicas, constraints, r, available);
      if (target != null) {
        move(range, r, target);
        return true;
      }
    }
    return false;
  }

  private boolean resize(Range range, List<Constraint> constraints, int need, List<Integer> available) {
    if (range.replicas.size() < need) {
      Integer target = target(range.replicas, constraints, null, available);
      if (target != null) {
        move(range, 0, target);
        return true;
      }
    } else if (range.replicas.size() > need) {
      Integer victim = range.replicas.stream().filter(r -> r != range.leaseholder)
          .filter(r -> removable(range.replicas, constraints, r)).max(byLoad()).orElse(null);
      if (victim != null) {
        move(range, victim, 0);
        return true;
      }
    }
    return false;
  }

  /** Moves a replica that breaks the range's zone constraints to a node that satisfies them. */
  private boolean conform(Range range, List<Constraint> constraints, List<Integer> available) {
    if (constraints.isEmpty()) {
      return false;
    }
    for (int r : List.copyOf(range.replicas)) {
      boolean misplaced = constraints.stream().anyMatch(c -> c.required() ? c.count() == 0 && !matches(c, r) : matches(c, r));
      boolean displaceable = constraints.stream().anyMatch(c -> c.required() && c.count() > 0 && !matches(c, r)
          && count(range.replicas, x -> matches(c, x)) < c.count()) && removable(range.replicas, constraints, r);
      Integer target = misplaced || displaceable ? target(range.replicas, constraints, r, available) : null;
      if (target != null) {
        move(range, r, target);
        return true;
      }
    }
    return false;
  }

  /** Moves one replica from the fullest to the emptiest usable node when they differ by two or more. */
  boolean rebalance() {
    List<Integer> available = cluster.availableNodes();
    if (cluster.singleReplica || available.size() < 2) {
      return false;
    }
    Map<Integer, Integer> load = available.stream().collect(Collectors.toMap(n -> n, cluster::replicas));
    Comparator<Integer> byCount = Comparator.comparing((Integer n) -> load.get(n));
    List<Integer> fullest = available.stream().sorted(byCount.reversed().thenComparing(Comparator.naturalOrder())).toList();
    List<Integer> emptiest = available.stream().sorted(byCount.thenComparing(Comparator.naturalOrder())).toList();
    for (int from : fullest) {
      for (int to : emptiest) {
        if (load.get(from) - load.get(to) < 2) {
          break;
        }
        for (Range range : cluster.ranges) {
          if (movable(range, from, to, available.size())) {
            move(range, from, to);
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean movable(Range range, int from, int to, int available) {
    if (!range.on(from) || range.on(to) || !cluster.rebalances(range)) {
      return false;
    }
    if (range.replicas.stream().anyMatch(r -> cluster.leaving(range, r))
        || range.replicas.size() != needed(cluster.zones.numReplicas(range), available)) {
      return false; // a range awaiting repair is the repair's business
    }
    List<Constraint> constraints = cluster.zones.constraints(range);
    return removable(range.replicas, constraints, from) && allowed(range.replicas, constraints, from, to);
  }

  /**
   * Whether every replica on the {@code leaving} nodes could move or be dropped: the test for a
   * {@code node decommission --wait=all} that will finish rather than hang.
   */
  boolean drainable(Set<Integer> leaving) {
    List<Integer> available = cluster.availableNodes().stream().filter(n -> !leaving.contains(n)).toList();
    for (Range range : cluster.ranges) {
      List<Integer> replicas = new ArrayList<>(range.replicas);
      List<Constraint> constraints = cluster.zones.constraints(range);
      int need = needed(cluster.zones.numReplicas(range), available.size());
      for (int r : range.replicas) {
        if (!leaving.contains(r)) {
          continue;
        }
        long staying = replicas.stream().filter(x -> !leaving.contains(x)).count();
        boolean drop = staying >= need && removable(replicas, constraints, r);
        Integer target = drop ? null : target(replicas, constraints, r, available);
        if (!drop && target == null) {
          return false;
        }
        replicas.remove(Integer.valueOf(r));
        if (!drop) {
          replicas.add(target);
        }
      }
    }
    return true;
  }

  /** A usable node for a new replica of a range: allowed by the zone's constraints, least loaded first. */
  private Integer target(List<Integer> replicas, List<Constraint> constraints, Integer replacing, List<Integer> available) {
    return available.stream().filter(n -> !replicas.contains(n))
        .filter(n -> allowed(replicas, constraints, replacing, n)).min(byLoad()).orElse(null);
  }

  private Comparator<Integer> byLoad() {
    return Comparator.comparing((Integer n) -> cluster.replicas(n)).thenComparing(n -> n);
  }

  /** Whether a replica may be dropped without leaving a per-replica constraint short. */
  private boolean removable(List<Integer> replicas, List<Constraint> constraints, int node) {
    for (Constraint c : constraints) {
      if (c.required() && c.count() > 0 && matches(c, node) && count(replicas, r -> r != node && matches(c, r)) < c.count()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code to} may hold a replica, possibly in place of {@code replacing}. */
  private boolean allowed(List<Integer> replicas, List<Constraint> constraints, Integer replacing, int to) {
    for (Constraint c : constraints) {
      if (!c.required() && matches(c, to)) {
        return false;
      }
      if (c.required() && c.count() == 0 && !matches(c, to)) {
        return false;
      }
      boolean shortOf = count(replicas, r -> !r.equals(replacing) && matches(c, r)) < c.count();
      if (c.required() && shortOf && !matches(c, to)) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(Constraint c, int node) {
    return c.matches(cluster.nodes.get(node).locality);
  }

  private static long count(List<Integer> replicas, Predicate<Integer> p) {
    return replicas.stream().filter(p).count();
  }

  /** Replaces replica {@code from} by {@code to} (0 for either: a pure add or a pure removal). */
  private void move(Range range, int from, int to) {
    cluster.changed();
    if (from != 0) {
      range.replicas.remove(Integer.valueOf(from));
    }
    if (to != 0) {
      range.replicas.add(to);
    }
    cluster.placeLease(range);
  }
}
