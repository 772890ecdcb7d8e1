package opsplay.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one task on one host. {@code registered} is what {@code register:} stores
 * (rc, stdout, …); the status is kept apart from it. {@code facts} are variables the action sets
 * on the host for the rest of the run ({@code set}).
 */
public record Result(Status status, String msg, Map<String, Object> registered, Map<String, Object> facts, Duration duration) {
  public enum Status {
    OK, CHANGED, SKIPPED, FAILED, UNREACHABLE;

    public String word() {
      return name().toLowerCase();
    }
  }

  public Result {
    msg = msg == null ? "" : msg;
    registered = registered == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registered));
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    duration = duration == null ? Duration.ZERO : duration;
  }

  public static Result of(Status status, String msg, Map<String, Object> registered) {
    return new Result(status, msg, registered, Map.of(), Duration.ZERO);
  }

  public Result withStatus(Status s, String newMsg) {
    return new Result(s, newMsg, registered, facts, duration);
  }

  public Result withDuration(Duration d) {
    return new Result(status, msg, registered, facts, d);
  }

  public Result withFacts(Map<String, Object> newFacts) {
    return new Result(status, msg, registered, newFacts, duration);
  }

  public boolean failed() {
    return status == Status.FAILED || status == Status.UNREACHABLE;
  }
}
