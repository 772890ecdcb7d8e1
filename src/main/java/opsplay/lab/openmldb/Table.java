package opsplay.lab.openmldb;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A table: its database, name, tid and partitions in pid order. */
record Table(String db, String name, int tid, List<Partition> partitions) {
  Table {
    partitions = List.copyOf(partitions);
  }

  Optional<Partition> partition(long pid) {
    return pid < 0 || pid >= partitions.size() ? Optional.empty() : Optional.of(partitions.get((int) pid));
  }

  Table change(int pid, UnaryOperator<Partition> change) {
    return new Table(db, name, tid, partitions.stream().map(p -> p.pid() == pid ? change.apply(p) : p).toList());
  }
}
