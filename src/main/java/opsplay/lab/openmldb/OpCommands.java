package opsplay.lab.openmldb;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ns_client's commands that change something, with the client's own argument checks and the exact
 * success and failure lines (reference §4). A success line only means the ops were queued.
 */
final class OpCommands {
  private OpCommands() {}

  static String use(Session s, List<String> parts) {
    if (parts.size() == 1) {
      s.db("");
      return "Use default database\n";
    }
    Status st = s.reach();
    if (st.ok() && !s.model.nameServer.hasDatabase(parts.get(1))) st = new Status(802, "database not found");
    if (!st.ok()) return "Use database failed. error msg: " + st.msg() + "\n";
    s.db(parts.get(1));
    return "Use database: " + parts.get(1) + "\n";
  }

  static String confSet(Session s, List<String> parts) {
    if (parts.size() < 3) return "Bad format\n";
    Status st = call(s, () -> s.model.nameServer.confSet(parts.get(1), parts.get(2)));
    return st.ok() ? "set " + parts.get(1) + " ok\n"
        : "failed to set " + parts.get(1) + ". error msg: " + st.msg() + "\n";
  }

  static String migrate(Session s, List<String> parts) {
    if (parts.size() < 5) return "Bad format. eg, migrate 127.0.0.1:9991 table1 1-10 127.0.0.1:9992\n";
    if (parts.get(1).equals(parts.get(4))) return "migrate error. src_endpoint is same as des_endpoint\n";
    Numbers.PidGroup group = Numbers.pidGroup(parts.get(3));
    if (group.error() != null) return group.error();
    Status st = call(s, () -> s.model.nameServer.migrate(s.db(), parts.get(1), parts.get(2), group.pids(), parts.get(4)));
    return st.ok() ? "partition migrate ok\n" : "failed to migrate partition. error msg: " + st.msg() + "\n";
  }

  static String changeLeader(Session s, List<String> parts) {
    if (parts.size() < 3) return "Bad format\n";
    Optional<Long> pid = Numbers.uint32(parts.get(2));
    if (pid.isEmpty()) return Numbers.BAD_PID + "\n";
    String candidate = parts.size() > 3 ? parts.get(3) : "";
    Status st = call(s, () -> s.model.nameServer.changeLeader(s.db(), parts.get(1), pid.get(), candidate));
    return st.ok()
        ? "change leader ok. If there are writing operations while changing a leader, it may cause data loss.\n"
        : "failed to change leader. error msg: " + st.msg() + "\n";
  }

  /** Note the missing space after {@code msg:} in the failure line. */
  static String recoverTable(Session s, List<String> parts) {
    if (parts.size() < 4) return "Bad format\n";
    Optional<Long> pid = Numbers.uint32(parts.get(2));
    if (pid.isEmpty()) return Numbers.BAD_PID + "\n";
    Status st = call(s, () -> s.model.nameServer.recoverTable(s.db(), parts.get(1), pid.get(), parts.get(3)));
    return st.ok() ? "recover table ok\n" : "Fail to recover table. error msg:" + st.msg() + "\n";
  }

  static String addReplica(Session s, List<String> parts) {
    if (parts.size() < 4) return "Bad format\n";
    Numbers.PidGroup group = Numbers.pidGroup(parts.get(2));
    if (group.error() != null) return group.error();
    Status st = call(s, () -> s.model.nameServer.addReplica(s.db(), parts.get(1), group.pids(), parts.get(3)));
    return st.ok() ? "AddReplica ok\n" : "Fail to addreplica. error msg:" + st.msg() + "\n";
  }

  static String delReplica(Session s, List<String> parts) {
    if (parts.size() < 4) return "Bad format\n";
    Numbers.PidGroup group = Numbers.pidGroup(parts.get(2));
    if (group.error() != null) return group.error();
    Status st = call(s, () -> s.model.nameServer.delReplica(s.db(), parts.get(1), group.pids(), parts.get(3)));
    return st.ok() ? "DelReplica ok\n" : "Fail to delreplica. error msg:" + st.msg() + "\n";
  }

  static String offlineEndpoint(Session s, List<String> parts) {
    if (parts.size() < 2) return "Bad format\n";
    Optional<Long> concurrency = Optional.of(0L);
    if (parts.size() > 2) {
      concurrency = concurrency(parts.get(2));
      if (concurrency.isEmpty()) return badConcurrency(parts.get(2));
    }
    long c = concurrency.get();
    Status st = call(s, () -> s.model.nameServer.offlineEndpoint(parts.get(1), (int) c));
    return st.ok() ? "offline endpoint ok\n" : "failed to offline endpoint. error msg: " + st.msg() + "\n";
  }

  /** {@code need_restore} is read and checked, but the lab does not move leaders back. */
  static String recoverEndpoint(Session s, List<String> parts) {
    if (parts.size() < 2) return "Bad format\n";
    if (parts.size() > 2) {
      String restore = parts.get(2).toLowerCase(Locale.ROOT);
      if (!restore.equals("true") && !restore.equals("false")) {
        return "Invalid args. need_restore should be true or false\n";
      }
    }
    Optional<Long> concurrency = Optional.of(0L);
    if (parts.size() > 3) {
      concurrency = concurrency(parts.get(3));
      if (concurrency.isEmpty()) return badConcurrency(parts.get(3));
    }
    long c = concurrency.get();
    Status st = call(s, () -> s.model.nameServer.recoverEndpoint(parts.get(1), (int) c));
    return st.ok() ? "recover endpoint ok\n" : "failed to recover endpoint. error msg: " + st.msg() + "\n";
  }

  private static Optional<Long> concurrency(String text) {
    return Numbers.int32(text).filter(v -> v > 0).flatMap(v -> Numbers.uint32(text));
  }

  private static String badConcurrency(String text) {
    Optional<Long> v = Numbers.int32(text);
    return v.isPresent() && v.get() <= 0 ? "Invalid args. concurrency should be greater than 0\n"
        : "Invalid args. concurrency should be uint32_t\n";
  }

  // Every request first has to reach the leader name server.
  private static Status call(Session s, Supplier<Status> request) {
    Status st = s.reach();
    return st.ok() ? request.get() : st;
  }
}
