package opsplay.lab.kwdb;

import java.util.ArrayList;
import java.util.List;

/**
 * deploy.sh's command line as its {@code getopt -a -o hsial -l help,single,init,status,cpu:,addr:,
 * single-replica,multi-replica,local,all,bypass-version-check,tls,tlcp,use-certs:} call normalises
 * it (reference §1.3): recognised options in order (long ones also with one dash, and by any
 * unambiguous prefix), then the other words. The command is the first other word. Null from
 * {@link #parse} means getopt failed, after which deploy.sh prints its usage and exits 0.
 */
record DeployOptions(List<String> options, List<String> words) {
  private static final List<String> LONG = List.of("help", "single", "init", "status", "cpu:", "addr:", "single-replica",
      "multi-replica", "local", "all", "bypass-version-check", "tls", "tlcp", "use-certs:");
  private static final String SHORT = "hsial";

  static DeployOptions parse(List<String> args) {
    List<String> options = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        words.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        words.add(a);
        continue;
      }
      boolean dashes = a.startsWith("--");
      String body = a.substring(dashes ? 2 : 1);
      String name = body.contains("=") ? body.substring(0, body.indexOf('=')) : body;
      // glibc's long-only mode reads "-s" as the short option -s, never as an abbreviation.
      String spec = !dashes && body.length() == 1 && SHORT.indexOf(body.charAt(0)) >= 0 ? null : longOption(name);
      if (spec == null && (dashes || !shortCluster(body))) {
        return null;
      }
      if (spec == null) {
        body.chars().forEach(c -> options.add("-" + (char) c));
        continue;
      }
      options.add("--" + spec.replace(":", ""));
      if (spec.endsWith(":")) {
        if (body.contains("=")) {
          options.add(body.substring(body.indexOf('=') + 1));
        } else if (i + 1 < args.size()) {
          options.add(args.get(++i));
        } else {
          return null;
        }
      } else if (body.contains("=")) {
        return null;
      }
    }
    return new DeployOptions(List.copyOf(options), List.copyOf(words));
  }

  /** The long option {@code name} names exactly or as the only prefix, or null. */
  private static String longOption(String name) {
    for (String spec : LONG) {
      if (spec.replace(":", "").equals(name)) {
        return spec;
      }
    }
    List<String> prefixed = LONG.stream().filter(s -> s.startsWith(name) && !name.isEmpty()).toList();
    return prefixed.size() == 1 ? prefixed.get(0) : null;
  }

  private static boolean shortCluster(String body) {
    return !body.isEmpty() && body.chars().allMatch(c -> SHORT.indexOf(c) >= 0);
  }

  /** The command: the first word that is not an option, or "" when there is none. */
  String command() {
    return words.isEmpty() ? "" : words.get(0);
  }

  /** deploy.sh's {@code cluster_usage}/{@code install_usage} test: exactly one option and the command. */
  String only() {
    return options.size() == 1 && words.size() == 1 ? options.get(0) : null;
  }
}
