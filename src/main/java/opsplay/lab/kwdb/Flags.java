package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags read the way kwbase's flag library (pflag) reads them: {@code --name=value},
 * {@code --name value}, {@code -x value}, boolean flags with an optional {@code =true|false}, and
 * {@code --} ending the flags. A problem is an IllegalArgumentException carrying pflag's message.
 */
final class Flags {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private Flags() {}

  /** {@code shorthands} maps a one-letter flag to its long name. */
  static Flags parse(List<String> args, Set<String> booleans, Set<String> valued, Map<Character, String> shorthands) {
    Flags flags = new Flags();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        flags.positionals.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        flags.positionals.add(arg);
        continue;
      }
      String[] nameValue = nameValue(arg, shorthands);
      String name = nameValue[0];
      String value = nameValue[1];
      if (!booleans.contains(name) && !valued.contains(name)) {
        throw new IllegalArgumentException("unknown flag: --" + name);
      }
      if (booleans.contains(name)) {
        flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("flag needs an argument: --" + name);
        }
        value = args.get(++i);
      }
      flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return flags;
  }

  /** {@code --name=value}, {@code --name}, {@code -x}, {@code -xvalue}: the long name and the attached value (or null). */
  private static String[] nameValue(String arg, Map<Character, String> shorthands) {
    if (arg.startsWith("--")) {
      int eq = arg.indexOf('=');
      return new String[] {eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? null : arg.substring(eq + 1)};
    }
    char c = arg.charAt(1);
    String name = shorthands.get(c);
    if (name == null) {
      throw new IllegalArgumentException("unknown shorthand flag: '" + c + "' in " + arg);
    }
    return new String[] {name, arg.length() > 2 ? arg.substring(arg.charAt(2) == '=' ? 3 : 2) : null};
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The flag's last value (a repeated flag overrides), or {@code otherwise}. */
  String get(String name, String otherwise) {
    List<String> v = values.get(name);
    return v == null ? otherwise : v.get(v.size() - 1);
  }

  /** A boolean flag: absent is false; {@code --x}, {@code --x=true} are true. */
  boolean on(String name) {
    return Boolean.parseBoolean(get(name, "false"));
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  List<String> positionals() {
    return positionals;
  }
}
