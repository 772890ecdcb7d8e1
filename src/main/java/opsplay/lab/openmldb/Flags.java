package opsplay.lab.openmldb;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code openmldb} binary's command line as gflags reads it: {@code --name=value},
 * {@code -name=value}, {@code --name value} (not for bools), {@code --name} and {@code --noname} for
 * bools, {@code --} ends the flags; other arguments are left alone. An unknown flag or a bad value
 * is refused with gflags' message and exit status 1. The lab knows the flags the name-server
 * client and {@code start.sh} use, plus common server flags; the real binary knows many more.
 */
final class Flags {
  /** gflags' type names, as its error messages print them. */
  private enum Type { BOOL, INT32, UINT32, STRING }

  private static final Map<String, Type> KNOWN = Map.ofEntries(
      Map.entry("role", Type.STRING), Map.entry("zk_cluster", Type.STRING), Map.entry("zk_root_path", Type.STRING),
      Map.entry("zk_session_timeout", Type.INT32), Map.entry("zk_auth_schema", Type.STRING),
      Map.entry("zk_cert", Type.STRING), Map.entry("interactive", Type.BOOL), Map.entry("database", Type.STRING),
      Map.entry("cmd", Type.STRING), Map.entry("endpoint", Type.STRING), Map.entry("request_timeout_ms", Type.INT32),
      Map.entry("max_col_display_length", Type.UINT32), Map.entry("flagfile", Type.STRING),
      Map.entry("enable_status_service", Type.BOOL), Map.entry("log_level", Type.STRING),
      Map.entry("openmldb_log_dir", Type.STRING), Map.entry("glog_dir", Type.STRING),
      Map.entry("glog_level", Type.INT32), Map.entry("use_name", Type.BOOL), Map.entry("data_dir", Type.STRING),
      Map.entry("port", Type.INT32), Map.entry("host", Type.STRING), Map.entry("user", Type.STRING),
      Map.entry("password", Type.STRING), Map.entry("spark_conf", Type.STRING), Map.entry("sync_job", Type.BOOL),
      Map.entry("sync_job_timeout", Type.INT32), Map.entry("thread_pool_size", Type.INT32),
      Map.entry("auto_failover", Type.BOOL), Map.entry("nameserver", Type.STRING), Map.entry("version", Type.BOOL));
  private static final Map<String, String> DEFAULTS = Map.of("zk_root_path", "/openmldb", "interactive", "true",
      "max_col_display_length", "256", "zk_session_timeout", "2000", "request_timeout_ms", "20000");
  private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "1");
  private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "0");

  /** The command line was refused; the message is what gflags prints on stderr. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  static Flags parse(List<String> args) throws Refused {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) break;
      if (!arg.startsWith("-") || arg.equals("-")) continue;
      String body = arg.substring(arg.startsWith("--") ? 2 : 1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? null : body.substring(eq + 1);
      Type type = KNOWN.get(name);
      if (type == null && value == null && name.startsWith("no") && KNOWN.get(name.substring(2)) == Type.BOOL) {
        values.put(name.substring(2), "false");
        continue;
      }
      if (type == null) throw new Refused("ERROR: unknown command line flag '" + name + "'\n");
      if (value == null && type == Type.BOOL) value = "true";
      if (value == null) {
        if (i + 1 >= args.size()) throw new Refused("ERROR: flag '" + name + "' is missing its argument\n");
        value = args.get(++i);
      }
      values.put(name, check(name, type, value));
    }
    return new Flags(values);
  }

  private static String check(String name, Type type, String value) throws Refused {
    String lower = value.toLowerCase(Locale.ROOT);
    boolean good = switch (type) {
      case BOOL -> TRUE.contains(lower) || FALSE.contains(lower);
      case INT32 -> value.matches("[+-]?\\d{1,10}") && fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case UINT32 -> value.matches("\\+?\\d{1,10}") && fits(value, 0, 0xFFFFFFFFL);
      case STRING -> true;
    };
    if (!good) {
      throw new Refused("ERROR: illegal value '" + value + "' specified for " + type.name().toLowerCase(Locale.ROOT)
          + " flag '" + name + "'\n");
    }
    return type == Type.BOOL ? String.valueOf(TRUE.contains(lower)) : value;
  }

  private static boolean fits(String value, long min, long max) {
    long v = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
    return v >= min && v <= max;
  }

  String string(String name) {
    return values.getOrDefault(name, "");
  }

  boolean bool(String name) {
    return Boolean.parseBoolean(values.get(name));
  }

  long number(String name) {
    String v = values.get(name);
    return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
  }
}
