package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;

/**
 * One range: which kind of data it holds (that decides which zone configuration applies and
 * whether the time-series rebalance setting governs it), the nodes holding its replicas, and the
 * node holding its lease (0: none, when no replica's node runs).
 */
final class Range {
  /** What a range holds. */
  enum Kind {
    /** The system ranges and system tables, replicated 5 ways by default (reference §5.4). */
    SYSTEM,
    /** Relational table data. */
    RELATIONAL,
    /** Time-series table data: rebalanced only while kv.allocator.ts_consider_rebalance.enabled is true. */
    TIME_SERIES
  }

  final int id;
  final Kind kind;
  /** The zone targets that may configure this range, most specific first, e.g. TABLE …, DATABASE …, RANGE default. */
  final List<String> zones;
  final String database;
  final String table;
  final long bytes;
  final List<Integer> replicas = new ArrayList<>();
  int leaseholder;

  Range(int id, Kind kind, List<String> zones, String database, String table, long bytes) {
    this.id = id;
    this.kind = kind;
    this.zones = List.copyOf(zones);
    this.database = database;
    this.table = table;
    this.bytes = bytes;
  }

  boolean on(int node) {
    return replicas.contains(node);
  }
}
