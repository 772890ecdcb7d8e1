package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** One partition of a table: its pid, its data and its replicas in stored order. */
record Partition(int pid, Stats stats, List<Replica> replicas) {
  Partition {
    replicas = List.copyOf(replicas);
  }

  /** The replica that serves writes: marked leader and alive (after changeleader two rows say leader). */
  Optional<Replica> aliveLeader() {
    return replicas.stream().filter(r -> r.leader() && r.alive()).findFirst();
  }

  Optional<Replica> on(String host) {
    return replicas.stream().filter(r -> r.host().equals(host)).findFirst();
  }

  Partition with(List<Replica> list) {
    return new Partition(pid, stats, list);
  }

  /** Replicas added by migrate or addreplica go to the end of the list (reference §4.1). */
  Partition append(Replica replica) {
    List<Replica> list = new ArrayList<>(replicas);
    list.add(replica);
    return with(list);
  }

  Partition without(String host) {
    return with(replicas.stream().filter(r -> !r.host().equals(host)).toList());
  }

  Partition change(String host, UnaryOperator<Replica> change) {
    return with(replicas.stream().map(r -> r.host().equals(host) ? change.apply(r) : r).toList());
  }
}
