package opsplay.lab.openmldb;

/** A name server's reply to a request: its return code ({@code base/status.h}) and message; 0 and "ok" when it worked. */
record Status(int code, String msg) {
  static final Status OK = new Status(0, "ok");

  boolean ok() {
    return code == 0;
  }
}
