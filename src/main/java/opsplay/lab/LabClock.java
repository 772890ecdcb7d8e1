package opsplay.lab;

import java.time.Duration;

/**
 * The lab's clock: a thread that moves the cluster's time on every {@value #TICK_MILLIS} ms by the
 * real time elapsed times the speed, under the cluster's lock.
 */
final class LabClock implements AutoCloseable {
  static final long TICK_MILLIS = 50;

  private final LabCluster cluster;
  private final Object lock;
  private final double speed;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  LabClock(LabCluster cluster, Object lock, double speed, String name) {
    this.cluster = cluster;
    this.lock = lock;
    this.speed = speed;
    this.thread = new Thread(this::tick, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void tick() {
    long last = System.nanoTime();
    double owed = 0; // nanoseconds of cluster time not yet given (below one nanosecond per tick at low speeds)
    while (!stopped) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      owed += (now - last) * speed;
      last = now;
      long step = (long) owed;
      owed -= step;
      try {
        synchronized (lock) {
          if (!stopped) cluster.advance(Duration.ofNanos(step));
        }
      } catch (RuntimeException e) {
        if (failure == null) failure = e; // the model is broken; keep time moving for the rest of it
      }
    }
  }

  /** The first exception the model's {@code advance} threw, or null. */
  RuntimeException failure() {
    return failure;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
