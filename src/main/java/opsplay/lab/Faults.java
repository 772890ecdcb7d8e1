package opsplay.lab;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The faults injected into a running lab: hosts that are down, slowed hosts and runs that are to fail. Thread-safe. */
final class Faults {
  private final Set<String> down = new HashSet<>(); // guarded by this
  private final Map<String, Duration> delays = new HashMap<>(); // guarded by this
  private final Map<String, Deque<String>> failures = new HashMap<>(); // guarded by this

  synchronized void down(String host, boolean isDown) {
    if (isDown) down.add(host);
    else down.remove(host);
  }

  synchronized boolean down(String host) {
    return down.contains(host);
  }

  synchronized void slow(String host, Duration delay) {
    if (delay.isZero()) delays.remove(host);
    else delays.put(host, delay);
  }

  /** How long every command and program run on {@code host} is held before it starts. */
  synchronized long delayMillis(String host) {
    return delays.getOrDefault(host, Duration.ZERO).toMillis();
  }

  synchronized void failNext(String host, String program, String message) {
    failures.computeIfAbsent(key(host, program), k -> new ArrayDeque<>()).add(message);
  }

  /** The failure waiting for this run of {@code program} on {@code host}, taken; or null. */
  synchronized String takeFailure(String host, String program) {
    Deque<String> waiting = failures.get(key(host, program));
    return waiting == null ? null : waiting.poll();
  }

  private static String key(String host, String program) {
    return host + "\0" + program;
  }
}
