package opsplay.lab.pg;

/** The client broke the protocol (malformed or unknown message): answered with 08P01, then the connection is closed. */
final class ProtocolException extends Exception {
  ProtocolException(String message) {
    super(message);
  }
}
