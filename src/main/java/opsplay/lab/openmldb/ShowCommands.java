package opsplay.lab.openmldb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** ns_client's read-only commands and their exact output (reference §3). */
final class ShowCommands {
  private ShowCommands() {}

  /** Every tablet the leader has seen, sorted by endpoint; age is the time since its state last changed. */
  static String showTablet(Session s) {
    Status st = s.reach();
    if (!st.ok()) return "Fail to show tablets. error msg: " + st.msg() + "\n";
    TPrinter tp = s.table("endpoint", "real_endpoint", "state", "age");
    long now = s.model.clock.now();
    s.model.tablets.entries().entrySet().stream()
        .sorted(Comparator.comparing(e -> s.endpoint(e.getKey())))
        .forEach(e -> tp.add(List.of(s.endpoint(e.getKey()), "", e.getValue().healthy() ? "kHealthy" : "kOffline",
            HumanReadable.time(now - e.getValue().since()))));
    return tp.print();
  }

  /** Read from ZooKeeper, not asked of the name server: the first election node leads. */
  static String showNs(Session s) {
    if (!s.viaZk) return "Show nameserver failed. zk_cluster is empty\n";
    List<String> hosts = s.model.zk.nameServers();
    if (hosts.isEmpty()) return "get children failed\n";
    TPrinter tp = s.table("endpoint", "real_endpoint", "role");
    for (int i = 0; i < hosts.size(); i++) {
      tp.add(List.of(s.model.layout.nameServerEndpoint(hosts.get(i)), "-", i == 0 ? "leader" : "standby"));
    }
    return tp.print();
  }

  /** One row per replica; a table that does not exist prints just the header. */
  static String showTable(Session s, List<String> parts) {
    Status st = s.reach();
    if (!st.ok()) return "failed to showtable. error msg: " + st.msg() + "\n";
    String name = parts.size() >= 2 ? parts.get(1) : "";
    TPrinter tp = s.table("name", "tid", "pid", "endpoint", "role", "is_alive", "offset", "record_cnt", "memused",
        "diskused");
    for (Table t : s.model.catalog.tables(s.db())) {
      if (!name.isEmpty() && !t.name().equals(name)) continue;
      for (Partition p : t.partitions()) {
        for (Replica r : p.replicas()) tp.add(row(s, t, p, r));
      }
    }
    return tp.print();
  }

  // Offset, rows and memory are unknown until a table-status poll saw the replica; disk prints 0 then.
  private static List<String> row(Session s, Table t, Partition p, Replica r) {
    Stats stats = p.stats();
    boolean seen = r.seen();
    return List.of(t.name(), String.valueOf(t.tid()), String.valueOf(p.pid()), s.endpoint(r.host()),
        r.leader() ? "leader" : "follower", r.alive() ? "yes" : "no",
        seen ? String.valueOf(stats.offset()) : "-", seen ? String.valueOf(stats.records()) : "-",
        seen ? HumanReadable.bytes(stats.memBytes()) : "-", HumanReadable.bytes(seen ? stats.diskBytes() : 0));
  }

  /** Ops by id, filtered by the session's database (none: every database), table name and pid. */
  static String showOpStatus(Session s, List<String> parts) {
    String name = parts.size() > 1 ? parts.get(1) : "";
    Optional<Long> pid = Optional.empty();
    if (parts.size() > 2) {
      pid = Numbers.uint32(parts.get(2));
      // No full stop after "args" here, unlike every other command (HandleNSShowOPStatus in openmldb.cc).
      if (pid.isEmpty()) return "Invalid args pid should be uint32_t\n";
    }
    Status st = s.reach();
    if (!st.ok()) return "Fail to show tablets. error msg: " + st.msg() + "\n";
    TPrinter tp = s.table("op_id", "op_type", "name", "pid", "status", "start_time", "execute_time", "end_time",
        "cur_task", "for_replica_cluster");
    for (Op op : s.model.engine.ops()) {
      if (!s.db().isEmpty() && !op.ref.db().equals(s.db())) continue;
      if (!name.isEmpty() && !op.ref.table().equals(name)) continue;
      if (pid.isPresent() && op.ref.pid() != pid.get()) continue;
      tp.add(opRow(s, op));
    }
    return tp.print();
  }

  private static List<String> opRow(Session s, Op op) {
    List<String> row = new ArrayList<>(List.of(String.valueOf(op.id), op.type.name(), op.ref.table(),
        String.valueOf(op.ref.pid()), op.status().name()));
    SimClock clock = s.model.clock;
    if (op.startSecond() > 0) {
      row.add(clock.localTime(op.startSecond()));
      boolean ended = op.endSecond() != 0;
      long until = ended ? op.endSecond() : clock.epochSecond(clock.now());
      row.add((until - op.startSecond()) + "s");
      row.add(ended ? clock.localTime(op.endSecond()) : "-");
    } else {
      row.addAll(List.of("-", "-", "-"));
    }
    row.add(op.curTask());
    row.add("no");
    return row;
  }

  /** User databases; system ones are hidden, and a failed request prints just the header. */
  static String showDb(Session s) {
    TPrinter tp = s.table("#", "name");
    if (s.reach().ok()) {
      List<String> dbs = s.model.catalog.userDatabases();
      for (int i = 0; i < dbs.size(); i++) tp.add(List.of(String.valueOf(i + 1), dbs.get(i)));
    }
    return tp.print();
  }

  /** The failure line really says "set" (reference §3.6). */
  static String confGet(Session s, List<String> parts) {
    String key = parts.size() > 1 ? parts.get(1) : "";
    Status st = s.reach();
    if (!st.ok()) return "failed to set " + key + ". error msg: " + st.msg() + "\n";
    Optional<Map<String, String>> conf = s.model.nameServer.confGet(key);
    if (conf.isEmpty()) return "failed to set " + key + ". error msg: cannot found key " + key + "\n";
    TPrinter tp = s.table("key", "value");
    new TreeMap<>(conf.get()).forEach((k, v) -> tp.add(List.of(k, v)));
    return tp.print();
  }
}
