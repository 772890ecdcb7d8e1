package opsplay.lab.openmldb;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The cluster's clock: milliseconds since the cluster started, moved only by advance, and the wall
 * time they stand for (op start and end times are printed as local wall time).
 */
final class SimClock {
  private static final DateTimeFormatter OP_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private final long startSecond;
  private final ZoneId zone;
  private long now;

  SimClock(Instant start, ZoneId zone) {
    this.startSecond = start.getEpochSecond();
    this.zone = zone;
  }

  long now() {
    return now;
  }

  void set(long millis) {
    if (millis < now) throw new IllegalStateException("time runs forwards only: " + millis + " < " + now);
    now = millis;
  }

  /** Wall-clock epoch second at {@code millis} (the name server keeps op times in whole seconds). */
  long epochSecond(long millis) {
    return startSecond + millis / 1000;
  }

  /** An epoch second as ns_client prints op times ({@code %Y%m%d%H%M%S}, local time). */
  String localTime(long epochSecond) {
    return OP_TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
  }
}
