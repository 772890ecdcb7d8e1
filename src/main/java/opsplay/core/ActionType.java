package opsplay.core;

import java.util.List;
import java.util.function.Function;

/**
 * An action's name, the keys it accepts (empty: any key, as for {@code set}) (for "did you mean" and the docs), the key a bare
 * string stands for ({@code ssh: "uptime"} means {@code ssh: {cmd: "uptime"}}), and its parser.
 */
public record ActionType(String name, List<String> keys, String shorthandKey, Function<Args, Action> parser) {
  public ActionType {
    keys = List.copyOf(keys);
  }
}
