package opsplay.lab.openmldb;

/** The operations the lab's name server runs, named as {@code showopstatus} prints them ({@code tablet.proto}). */
enum OpType {
  kAddReplicaOP, kDelReplicaOP, kChangeLeaderOP, kOfflineReplicaOP, kReAddReplicaSimplifyOP, kMigrateOP,
  kUpdatePartitionStatusOP, kRecoverTableOP
}
