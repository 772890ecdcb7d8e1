package opsplay.lab.openmldb;

import java.time.Duration;

/**
 * How fast the simulated OpenMLDB cluster moves: the name server's two polling periods, how long a
 * started process takes to register, and the ZooKeeper session and tablet heartbeat timeouts.
 *
 * @param taskPoll how often the name server asks tablets how their tasks are doing
 *     ({@code get_task_status_interval}, 2 s); a task run by a tablet finishes at the next poll
 * @param statusPoll how often it reads table status from tablets ({@code get_table_status_interval},
 *     2 s); until then a new replica's offset, record count and memory show {@code -}
 * @param processStart from {@code start.sh start} to the process registering in ZooKeeper
 * @param zkSessionTimeout how long ZooKeeper keeps a crashed process's node (release template: 10 s)
 * @param heartbeatTimeout how long a tablet may stay offline before auto-failover acts, and before a
 *     task waiting on it fails ({@code tablet_heartbeat_timeout}, release template: 60 s)
 */
public record Rates(Duration taskPoll, Duration statusPoll, Duration processStart, Duration zkSessionTimeout,
    Duration heartbeatTimeout) {
  /** The real cluster's defaults as the release templates set them. */
  public static final Rates DEFAULT = new Rates(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
      Duration.ofSeconds(10), Duration.ofSeconds(60));

  public Rates {
    positive("taskPoll", taskPoll);
    positive("statusPoll", statusPoll);
    positive("processStart", processStart);
    positive("zkSessionTimeout", zkSessionTimeout);
    positive("heartbeatTimeout", heartbeatTimeout);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.toMillis() == 0) {
      throw new IllegalArgumentException("rates: " + name + " must be at least 1ms, got " + d);
    }
  }
}
