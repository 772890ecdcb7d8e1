package opsplay.lab.openmldb;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How ns_client reads numbers from a command: {@code boost::lexical_cast} to uint32 (which, like
 * boost, takes {@code -1} as 4294967295) and int32, and a pid group ({@code SplitPidGroup}: one
 * pid, a comma list, or a closed range; de-duplicated and sorted).
 */
final class Numbers {
  static final String BAD_PID = "Invalid args. pid should be uint32_t";

  /** A pid group, or the lines ns_client prints instead of running the command. */
  record PidGroup(SortedSet<Long> pids, String error) {}

  private Numbers() {}

  static Optional<Long> uint32(String text) {
    if (!text.matches("[+-]?\\d{1,10}")) return Optional.empty();
    boolean negative = text.startsWith("-");
    long v = Long.parseLong(text.replaceFirst("^[+-]", ""));
    if (v > 0xFFFFFFFFL) return Optional.empty();
    return Optional.of(negative ? (-v) & 0xFFFFFFFFL : v);
  }

  static Optional<Long> int32(String text) {
    if (!text.matches("[+-]?\\d{1,10}")) return Optional.empty();
    long v = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? Optional.empty() : Optional.of(v);
  }

  static PidGroup pidGroup(String arg) {
    TreeSet<Long> pids = new TreeSet<>();
    String formatError = "pid group[" + arg + "] format error\n";
    if (arg.matches("\\d+")) {
      if (!add(pids, arg)) return new PidGroup(null, BAD_PID + "\n" + formatError);
    } else if (arg.contains("-")) {
      String[] ends = arg.split("-", -1);
      if (ends.length != 2 || !ends[0].matches("\\d+") || !ends[1].matches("\\d+")) return new PidGroup(null, formatError);
      Optional<Long> start = uint32(ends[0]);
      Optional<Long> end = uint32(ends[1]);
      if (start.isEmpty() || end.isEmpty()) return new PidGroup(null, BAD_PID + "\n" + formatError);
      // The real client lists every pid of the range; the lab keeps the first few thousand and the
      // last, which answer the same (a request fails on its lowest bad pid or on the highest).
      for (long p = start.get(); p <= Math.min(end.get(), start.get() + 4096); p++) pids.add(p);
      if (start.get() <= end.get()) pids.add(end.get());
    } else if (arg.contains(",")) {
      for (String part : arg.split(",", -1)) {
        if (!part.matches("\\d+")) return new PidGroup(null, formatError);
        if (!add(pids, part)) return new PidGroup(null, BAD_PID + "\n" + formatError);
      }
    } else {
      return new PidGroup(null, formatError);
    }
    return pids.isEmpty() ? new PidGroup(null, "has not valid pid\n") : new PidGroup(pids, null);
  }

  private static boolean add(SortedSet<Long> pids, String digits) {
    Optional<Long> pid = uint32(digits);
    pid.ifPresent(pids::add);
    return pid.isPresent();
  }
}
