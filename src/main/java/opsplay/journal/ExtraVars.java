package opsplay.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import opsplay.json.Json;

/**
 * The -e values as a journal keeps them: one digest per name (SHA-256 of the run id, the name and
 * the value as JSON), never the value, since a value may equal a password the run only learns
 * later. Enough to tell whether a resumed run has the values the finished tasks were done with.
 */
final class ExtraVars {
  private ExtraVars() {}

  /** Name → digest, for the run {@code runId}; {@code values} as given (declared secrets already masked). */
  static Map<String, String> digests(String runId, Map<String, Object> values) {
    Json json = new Json();
    Map<String, String> out = new TreeMap<>();
    values.forEach((name, value) -> out.put(name, sha256(runId + "\0" + name + "\0" + json.write(value))));
    return out;
  }

  /** Each name whose value is not the same in {@code now} as in {@code then}, in words. */
  static List<String> changed(Map<String, String> then, Map<String, String> now) {
    TreeSet<String> names = new TreeSet<>(then.keySet());
    names.addAll(now.keySet());
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (!now.containsKey(name)) out.add(name + " is no longer given");
      else if (!then.containsKey(name)) out.add(name + " is new");
      else if (!Objects.equals(then.get(name), now.get(name))) out.add(name + " has another value");
    }
    return out;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
