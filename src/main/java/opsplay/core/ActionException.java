package opsplay.core;

/** The task failed on this host for a reason the action can put in words. */
public final class ActionException extends Exception {
  public ActionException(String message) {
    super(message);
  }

  public ActionException(String message, Throwable cause) {
    super(message, cause);
  }
}
