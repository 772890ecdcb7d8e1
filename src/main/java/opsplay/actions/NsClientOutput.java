package opsplay.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.core.ActionException;

/**
 * Reads what OpenMLDB's ns_client prints: its tables and its one-line answers (see the reference's
 * "ns_client" sections). The client exits 0 whatever happens, so success and failure are told from
 * this text alone.
 *
 * <p>Tables are read by the header's column offsets, not by splitting on spaces: every cell is
 * padded to its column's width, and a cell such as {@code 1.266 K} has a space in it.
 */
final class NsClientOutput {
  /** The answer each mutating command prints when it was accepted (its op is queued, not done). */
  private static final Map<String, String> SUCCESS = Map.of(
      "migrate", "partition migrate ok",
      "changeleader", "change leader ok",
      "recovertable", "recover table ok",
      "confset", "set auto_failover ok");
  private static final Set<String> UNFINISHED = Set.of("kInited", "kDoing");
  private static final Pattern WORD = Pattern.compile("\\S+");

  private NsClientOutput() {}

  /** The command's own output: stdout without the welcome banner and the {@code ns leader:} line, stripped. */
  static String body(String stdout) {
    return String.join("\n", lines(stdout)).strip();
  }

  /** The command's own lines, as printed (a table's cells keep their columns). */
  private static List<String> lines(String stdout) {
    return stdout.lines().filter(l -> !l.startsWith("ns leader: ") && !l.startsWith("Welcome to openmldb with version")).toList();
  }

  /**
   * The rows of the table {@code command} printed, each a map from header to cell ({@code -} read
   * as ""). Throws, quoting what was printed, when there is no table (a refused request prints one
   * line instead, e.g. {@code Fail to show tablets. error msg: nameserver is not leader}).
   */
  static List<Map<String, String>> table(String command, String stdout) throws ActionException {
    List<String> lines = lines(stdout);
    int dashes = -1;
    for (int i = 1; i < lines.size() && dashes < 0; i++) if (lines.get(i).startsWith("---")) dashes = i;
    if (dashes < 0) throw new ActionException("ns_client " + command + " printed no table: " + oneLine(stdout));
    String header = lines.get(dashes - 1);
    List<String> names = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher word = WORD.matcher(header);
    while (word.find()) {
      names.add(word.group());
      starts.add(word.start());
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(dashes + 1, lines.size())) {
      if (line.isBlank()) continue;
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        int start = starts.get(i);
        int end = i + 1 < starts.size() ? starts.get(i + 1) : line.length();
        String cell = start >= line.length() ? "" : line.substring(start, Math.min(end, line.length())).strip();
        row.put(names.get(i), cell.equals("-") ? "" : cell);
      }
      rows.add(row);
    }
    return rows;
  }

  /** {@code showtablet}: every tablet the name server knows, healthy when its state is kHealthy. */
  static List<Placement.Node> tablets(String stdout) throws ActionException {
    List<Placement.Node> out = new ArrayList<>();
    for (Map<String, String> row : table("showtablet", stdout)) {
      out.add(new Placement.Node(row.get("endpoint"), row.get("state"), "kHealthy".equals(row.get("state"))));
    }
    return out;
  }

  /** {@code showtable}: one replica per row; the role says leader or follower, is_alive yes or no. */
  static List<Placement.Replica> replicas(String database, String stdout) throws ActionException {
    List<Placement.Replica> out = new ArrayList<>();
    for (Map<String, String> row : table("showtable", stdout)) {
      if (row.get("pid").isEmpty() || row.get("endpoint").isEmpty()) continue; // a table with no partitions
      out.add(new Placement.Replica(database, row.get("name"), Integer.parseInt(row.get("pid")), row.get("endpoint"),
          "leader".equals(row.get("role")), "yes".equals(row.get("is_alive"))));
    }
    return out;
  }

  /** {@code showopstatus}: every op listed, oldest first; a pid of {@code -} (SQL deploy ops) reads as -1. */
  static List<Placement.Operation> operations(String database, String stdout) throws ActionException {
    List<Placement.Operation> out = new ArrayList<>();
    for (Map<String, String> row : table("showopstatus", stdout)) {
      int pid = row.get("pid").matches("\\d+") ? Integer.parseInt(row.get("pid")) : -1;
      out.add(new Placement.Operation(database, Long.parseLong(row.get("op_id")), row.get("op_type"), row.get("name"), pid,
          row.get("status"), row.get("cur_task")));
    }
    return out;
  }

  /** Whether an op is still queued or running. */
  static boolean unfinished(Placement.Operation op) {
    return UNFINISHED.contains(op.status());
  }

  /** {@code showdb}: the user databases (system ones are hidden). */
  static List<String> databases(String stdout) throws ActionException {
    return table("showdb", stdout).stream().map(r -> r.get("name")).toList();
  }

  /** {@code confget auto_failover}: whether it is on. */
  static boolean autoFailover(String stdout) throws ActionException {
    for (Map<String, String> row : table("confget auto_failover", stdout)) {
      if ("auto_failover".equals(row.get("key"))) return "true".equalsIgnoreCase(row.get("value"));
    }
    throw new ActionException("ns_client confget auto_failover did not list auto_failover: " + oneLine(stdout));
  }

  /** {@code use DB} (run as a command of its own): whether the database exists. */
  static boolean used(String database, String stdout) {
    return body(stdout).equals("Use database: " + database);
  }

  /** Throws, quoting what the client printed, unless {@code command} was accepted. */
  static void expectAccepted(String command, String stdout) throws ActionException {
    String word = command.split(" ", 2)[0];
    String ok = SUCCESS.get(word);
    String body = body(stdout);
    if (ok != null && body.startsWith(ok)) return;
    throw new ActionException("ns_client refused '" + command + "': " + (body.isEmpty() ? "(it printed nothing)" : oneLine(body)));
  }

  private static String oneLine(String text) {
    String b = body(text);
    return b.isEmpty() ? "(nothing)" : b.replace("\n", " | ");
  }
}
