package opsplay.lab.openmldb;

/** The steps of an operation, named as {@code showopstatus} prints the current one. */
enum TaskType {
  kPauseSnapshot, kRecoverSnapshot, kSendSnapshot, kLoadTable, kAddReplica, kAddTableInfo, kDelReplica,
  kDelTableInfo, kChangeLeader, kUpdatePartitionStatus, kDropTable, kUpdateTableInfo, kSelectLeader,
  kUpdateLeaderInfo, kRecoverTable, kCheckBinlogSyncProgress
}
