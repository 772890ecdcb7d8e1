package opsplay.lab.openmldb;

/** Which partition: database, table name and pid. */
record PartitionRef(String db, String table, int pid) {}
