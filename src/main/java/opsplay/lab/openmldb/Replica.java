package opsplay.lab.openmldb;

/**
 * One copy of a partition, as the name server's table metadata records it (a {@code
 * partition_meta}): the tablet holding it (by host name; endpoints are printed from the layout),
 * whether the metadata calls it leader, whether it is alive, and whether a table-status poll has
 * reported its offset and size yet.
 */
record Replica(String host, boolean leader, boolean alive, boolean seen) {
  /** A copy just added by migrate or addreplica: a follower, not alive yet, not yet polled. */
  static Replica added(String host) {
    return new Replica(host, false, false, false);
  }

  Replica alive(boolean value) {
    return new Replica(host, leader, value, seen);
  }

  Replica leader(boolean value) {
    return new Replica(host, value, alive, seen);
  }

  Replica polled() {
    return new Replica(host, leader, alive, true);
  }
}
