package opsplay.lab.openmldb;

/** What a partition holds, the same on every replica in sync: binlog offset, rows, memory and disk bytes. */
record Stats(long offset, long records, long memBytes, long diskBytes) {}
