package opsplay.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import opsplay.core.Reporter;
import opsplay.core.Result;
import opsplay.core.Secrets;

/**
 * The mutable state of one run, in one place: facts and registered results per host, the
 * secrets known so far, the recap counts, and whether the user interrupted.
 */
final class RunState {
  private final Map<String, Map<String, Object>> facts = new ConcurrentHashMap<>();
  private final Map<String, Reporter.Recap> recap = new LinkedHashMap<>();
  private final AtomicReference<Secrets> secrets;
  private final AtomicBoolean interrupted = new AtomicBoolean();

  RunState(Secrets initial) {
    this.secrets = new AtomicReference<>(initial);
  }

  /** Facts set on a host ({@code register} and {@code set}), as a variable layer. */
  Map<String, Object> facts(String host) {
    return facts.getOrDefault(host, Map.of());
  }

  void addFacts(String host, Map<String, Object> values) {
    if (values.isEmpty()) return;
    facts.compute(host, (h, old) -> {
      Map<String, Object> merged = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      merged.putAll(values);
      return java.util.Collections.unmodifiableMap(merged);
    });
  }

  Secrets secrets() {
    return secrets.get();
  }

  /** Marks more values as secret from now on (no_log results). */
  void addSecrets(List<String> values) {
    secrets.updateAndGet(s -> s.plus(values));
  }

  synchronized void count(String host, Result.Status status) {
    recap.put(host, recap.getOrDefault(host, Reporter.Recap.NONE).add(status));
  }

  /** A failure under ignore_errors: counted as ignored, not failed. */
  synchronized void ignored(String host) {
    recap.put(host, recap.getOrDefault(host, Reporter.Recap.NONE).ignore());
  }

  /** The host's failure in a block was recovered by its rescue. */
  synchronized void rescued(String host) {
    recap.put(host, recap.getOrDefault(host, Reporter.Recap.NONE).rescue());
  }

  synchronized void seen(String host) {
    recap.putIfAbsent(host, Reporter.Recap.NONE);
  }

  synchronized Map<String, Reporter.Recap> recap() {
    return new LinkedHashMap<>(recap);
  }

  void interrupt() {
    interrupted.set(true);
  }

  boolean interrupted() {
    return interrupted.get();
  }
}
