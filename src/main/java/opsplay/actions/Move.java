package opsplay.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica to move from one node to another. {@code changeLeader}: the source leads the
 * partition and hands the lead to a follower first; {@code recover}: the source replica is not a
 * live follower (an old leader, or a replica marked not alive) and must be recovered into one
 * before it can move. A plain follower needs neither.
 */
public record Move(Placement.Partition partition, String from, String to, boolean changeLeader, boolean recover) {
  public String database() {
    return partition.database();
  }

  public String table() {
    return partition.table();
  }

  public int pid() {
    return partition.partition();
  }

  /** One line for progress and messages: {@code demo_db.flow 0: A -> B (leader)}. */
  @Override
  public String toString() {
    return partition + ": " + from + " -> " + to + (changeLeader ? " (leader)" : recover ? " (recover first)" : "");
  }

  /** What the task registers for a move: where, what, and the commands it sent. */
  public Map<String, Object> registered(List<String> commands) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("database", database());
    out.put("table", table());
    out.put("partition", pid());
    out.put("from", from);
    out.put("to", to);
    out.put("leader", changeLeader);
    out.put("commands", commands);
    return out;
  }
}
