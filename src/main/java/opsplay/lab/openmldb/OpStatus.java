package opsplay.lab.openmldb;

/** An operation's status as {@code showopstatus} prints it ({@code TaskStatus}). */
enum OpStatus {
  kInited, kDoing, kDone, kFailed, kCanceled
}
