package opsplay.actions;

import java.util.List;

/**
 * What a migrate task asks for, with its endpoints resolved: one move, a drain of nodes, or a
 * rebalance onto new nodes. The input of {@link MovePlanner}, with a {@link Placement}.
 */
public sealed interface MoveRequest {
  /**
   * Move {@code partitions} of {@code table} from {@code from} to {@code to}. {@code changeLeaders}:
   * a partition that {@code from} leads hands the lead to a follower first (else it is refused).
   */
  record One(String database, String table, List<Integer> partitions, String from, String to, boolean changeLeaders)
      implements MoveRequest {
    public One {
      partitions = List.copyOf(partitions);
    }
  }

  /** Move every replica off {@code endpoints}; leaders as in {@link One}. */
  record Drain(List<String> endpoints, boolean changeLeaders) implements MoveRequest {
    public Drain {
      endpoints = List.copyOf(endpoints);
    }
  }

  /**
   * Move followers onto {@code endpoints} until each holds the average number of replicas (rounded
   * down). An endpoint the cluster does not list yet is planned as an empty node (so a preview of a
   * scale-out shows its moves before the node is started); one listed as unhealthy is refused.
   */
  record Rebalance(List<String> endpoints) implements MoveRequest {
    public Rebalance {
      endpoints = List.copyOf(endpoints);
    }
  }
}
