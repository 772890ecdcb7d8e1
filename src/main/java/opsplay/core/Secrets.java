package opsplay.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The values that must never be shown. {@link #mask} replaces each of them with
 * {@code ********}; every output, the journal and error messages pass through it.
 */
public record Secrets(List<String> values) {
  public static final String MASK = "********";

  public Secrets {
    // Longest first, so a secret that contains another is masked whole.
    values = values.stream().filter(Objects::nonNull).filter(v -> v.length() >= 3).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public static Secrets none() {
    return new Secrets(List.of());
  }

  public Secrets plus(Collection<String> more) {
    List<String> all = new java.util.ArrayList<>(values);
    all.addAll(more);
    return new Secrets(all);
  }

  public String mask(String text) {
    if (text == null || values.isEmpty()) return text;
    String out = text;
    for (String v : values) out = out.replace(v, MASK);
    return out;
  }

  /** Masks every string inside plain data (maps, lists), so that escaping in JSON cannot hide a secret. */
  public Object maskAll(Object value) {
    if (value instanceof String s) return mask(s);
    if (value instanceof java.util.Map<?, ?> m) {
      java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, maskAll(v)));
      return out;
    }
    if (value instanceof List<?> l) return l.stream().map(this::maskAll).toList();
    return value;
  }
}
