package opsplay.lab.kwdb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the simulated tools write times. kwbase prints TIMESTAMP columns with microseconds whose
 * trailing zeros are dropped and a {@code +00:00} zone (KWDB up to 3.2.0, the version the lab
 * simulates); deploy.sh logs with {@code date '+%Y-%m-%d %H:%M:%S'}.
 */
final class Timestamps {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** {@code 2026-04-29 01:05:33.11009+00:00}, as {@code node status} prints started_at and updated_at. */
  static String kwbase(Instant t) {
    return plain(t) + "+00:00";
  }

  /** The same without the zone: the PostgreSQL text form of a TIMESTAMP value. */
  static String plain(Instant t) {
    String micros = String.format("%06d", t.getNano() / 1000).replaceFirst("0+$", "");
    return SECONDS.format(t) + (micros.isEmpty() ? "" : "." + micros);
  }

  /** {@code 2026-04-29 01:05:33}: deploy.sh's log lines. */
  static String seconds(Instant t) {
    return SECONDS.format(t);
  }

  /** A liveness expiration as kwdb_internal.gossip_liveness shows it: {@code <wall nanos>,<logical>}. */
  static String hlc(Instant t) {
    return (t.getEpochSecond() * 1_000_000_000L + t.getNano()) + ",0";
  }
}
