package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The name server's table metadata: databases sorted by name, and per database its tables sorted by
 * name (the order {@code showtable} prints them in). System databases exist but {@code showdb} hides them.
 */
final class Catalog {
  static final Set<String> SYSTEM_DATABASES = Set.of("__INTERNAL_DB", "INFORMATION_SCHEMA", "__PRE_AGG_DB");

  private final TreeMap<String, TreeMap<String, Table>> databases = new TreeMap<>();

  void createDatabase(String db) {
    databases.putIfAbsent(db, new TreeMap<>());
  }

  void put(Table table) {
    createDatabase(table.db());
    databases.get(table.db()).put(table.name(), table);
  }

  boolean hasDatabase(String db) {
    return databases.containsKey(db);
  }

  /** What {@code showdb} lists: user databases, sorted. */
  List<String> userDatabases() {
    return databases.keySet().stream().filter(db -> !SYSTEM_DATABASES.contains(db)).toList();
  }

  /** Tables of a database sorted by name; none for an unknown database (or the legacy default, empty here). */
  List<Table> tables(String db) {
    TreeMap<String, Table> tables = databases.get(db);
    return tables == null ? List.of() : List.copyOf(tables.values());
  }

  Optional<Table> table(String db, String name) {
    TreeMap<String, Table> tables = databases.get(db);
    return tables == null ? Optional.empty() : Optional.ofNullable(tables.get(name));
  }

  Optional<Partition> partition(PartitionRef ref) {
    return table(ref.db(), ref.table()).flatMap(t -> t.partition(ref.pid()));
  }

  /** Replaces one partition; false when the table or pid is gone. */
  boolean change(PartitionRef ref, UnaryOperator<Partition> change) {
    Optional<Table> table = table(ref.db(), ref.table());
    if (table.isEmpty() || table.get().partition(ref.pid()).isEmpty()) return false;
    put(table.get().change(ref.pid(), change));
    return true;
  }

  /** Every partition with a replica on {@code host}, in database, table and pid order. */
  List<PartitionRef> partitionsOn(String host) {
    List<PartitionRef> refs = new ArrayList<>();
    for (TreeMap<String, Table> tables : databases.values()) {
      for (Table t : tables.values()) {
        for (Partition p : t.partitions()) {
          if (p.on(host).isPresent()) refs.add(new PartitionRef(t.db(), t.name(), p.pid()));
        }
      }
    }
    return refs;
  }

  /** Whether a table-status poll would report something new: a replica not yet seen on a running tablet. */
  boolean hasUnseen(Predicate<String> running) {
    return allReplicas().anyMatch(r -> !r.seen() && running.test(r.host()));
  }

  /** The table-status poll: replicas on running tablets report their offset and size. */
  void poll(Predicate<String> running) {
    for (TreeMap<String, Table> tables : databases.values()) {
      for (Map.Entry<String, Table> e : tables.entrySet()) {
        Table t = e.getValue();
        for (Partition p : t.partitions()) {
          t = t.change(p.pid(), q -> q.with(q.replicas().stream()
              .map(r -> !r.seen() && running.test(r.host()) ? r.polled() : r).toList()));
        }
        e.setValue(t);
      }
    }
  }

  private java.util.stream.Stream<Replica> allReplicas() {
    return databases.values().stream().flatMap(m -> m.values().stream())
        .flatMap(t -> t.partitions().stream()).flatMap(p -> p.replicas().stream());
  }
}
