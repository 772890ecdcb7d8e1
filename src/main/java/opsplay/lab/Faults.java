package opsplay.lab;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The faults injected into a running lab: hosts that are down, slowed hosts and runs that are to fail. Thread-safe. */
final class Faults {
  private final Set<String> down = new HashSet<>(); // guarded by this
  private final Map<String, Duration> delays = new HashMap<>(); // guarded by this
  private final Map<String, Deque<Failure>> failures = new HashMap<>(); // guarded by this

  /** A run to fail: the first one whose arguments start with {@code args}; its message. */
  private record Failure(List<String> args, String message) {}

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

  /** The next run of {@code program} on {@code host} whose arguments start with {@code args} (none: any run) fails. */
  synchronized void failNext(String host, String program, List<String> args, String message) {
    failures.computeIfAbsent(key(host, program), k -> new ArrayDeque<>()).add(new Failure(List.copyOf(args), message));
  }

  /** The first failure waiting for this run of {@code program} on {@code host} with these arguments, taken; or null. */
  synchronized String takeFailure(String host, String program, List<String> args) {
    Deque<Failure> waiting = failures.get(key(host, program));
    if (waiting == null) return null;
    for (Iterator<Failure> it = waiting.iterator(); it.hasNext(); ) {
      Failure f = it.next();
      if (args.size() >= f.args().size() && args.subList(0, f.args().size()).equals(f.args())) {
        it.remove();
        return f.message();
      }
    }
    return null;
  }

  private static String key(String host, String program) {
    return host + "\0" + program;
  }
}
