package opsplay.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import opsplay.core.Plan;
import opsplay.core.Play;
import opsplay.core.Reporter;
import opsplay.core.Result;
import opsplay.core.Task;

/**
 * The report a person reads: a header per play and task, one line per host with its status,
 * progress for long waits, and a recap table. Failures show the command's output; -v shows it
 * always.
 */
public final class HumanReporter implements Reporter {
  private final PrintWriter out;
  private final Style style;
  private final int verbosity;
  private final boolean terminal;
  private boolean check;
  private boolean progressLine;

  public HumanReporter(PrintWriter out, Style style, int verbosity, boolean terminal) {
    this.out = out;
    this.style = style;
    this.verbosity = verbosity;
    this.terminal = terminal;
  }

  @Override
  public void runStart(String runId, String playbook, boolean check) {
    this.check = check;
    if (check) println(style.bold("CHECK MODE") + " — nothing that changes a host will run; 'changed' means 'would change'");
  }

  @Override
  public void playStart(Play play, List<String> hosts) {
    println("");
    println(style.bold("PLAY " + play.name()) + style.dim("  [" + String.join(" ", hosts) + "]"));
  }

  @Override
  public void taskStart(Play play, Task task, String name) {
    println("");
    println(style.bold("TASK " + name));
  }

  @Override
  public void progress(Task task, String host, String message) {
    String line = "  " + style.cyan("…") + " " + host + "  " + message;
    if (terminal) {
      out.print("\r\u001b[2K" + line);
      progressLine = true;
      out.flush();
    } else {
      println(line);
    }
  }

  @Override
  public void hostResult(Task task, String name, String host, Result result, Plan plan) {
    String word = check && result.status() == Result.Status.CHANGED && plan != null && !plan.readOnly()
        ? "would change" : result.status().word();
    String took = result.duration().toMillis() >= 1000 ? " (" + seconds(result.duration().toMillis()) + ")" : "";
    StringBuilder line = new StringBuilder("  ").append(colour(result.status(), pad(word, 12))).append(' ').append(host);
    if (!took.isEmpty()) line.append(style.dim(took));
    int column = 2 + 12 + 1 + host.length() + took.length() + 2;
    if (!result.msg().isEmpty() && !word.equals("would change")) line.append("  ").append(continued(result.msg(), column));
    println(line.toString());
    if (plan != null && (check || verbosity >= 2)) {
      for (Plan.Step s : plan.steps()) {
        println("      " + style.dim(s.kind() + ":") + " " + continued(s.display(), 6 + s.kind().length() + 2));
      }
    }
    showDiff(result);
    if (result.failed() || verbosity >= 1) showOutput(result);
  }

  /** --diff: the unified diff under the host line (the Runner masked it whole, so no line shows part of a secret). */
  private void showDiff(Result result) {
    String diff = Differences.of(result);
    if (diff == null) return;
    String[] lines = diff.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      // A header is a "---" line followed by "+++"; any other "---" is a removed line that began with "--".
      boolean header = l.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")
          || l.startsWith("+++ ") && i > 0 && lines[i - 1].startsWith("--- ");
      String shown = header ? style.bold(l) : l.startsWith("@@") ? style.cyan(l)
          : l.startsWith("+") ? style.green(l) : l.startsWith("-") ? style.red(l) : l;
      println("      " + shown);
    }
  }

  /** A multi-line message or command: its later lines start under its first one ({@code column}), not at the margin. */
  private static String continued(String text, int column) {
    return text.replace("\n", "\n" + " ".repeat(column));
  }

  private void showOutput(Result result) {
    for (String stream : List.of("stdout", "stderr")) {
      Object text = result.registered().get(stream);
      if (text instanceof String s && !s.isBlank()) {
        for (String l : s.split("\n")) println("      " + style.dim(stream + " |") + " " + l);
      }
    }
  }

  @Override
  public void warning(String message) {
    println(style.red("! " + message));
  }

  @Override
  public void recap(Map<String, Recap> hosts, int exitCode) {
    println("");
    println(style.bold("RECAP") + (check ? style.dim("  (check mode: nothing was changed)") : ""));
    int width = Math.max(4, hosts.keySet().stream().mapToInt(String::length).max().orElse(4));
    println("  " + pad("host", width) + "  ok  changed  skipped  failed  unreachable  rescued  ignored");
    hosts.forEach((h, r) -> println("  " + pad(h, width) + column(r.ok(), 4) + column(r.changed(), 9) + column(r.skipped(), 9)
        + column(r.failed(), 8) + column(r.unreachable(), 13) + column(r.rescued(), 9) + column(r.ignored(), 9)));
  }

  private String colour(Result.Status s, String text) {
    return switch (s) {
      case OK -> style.green(text);
      case CHANGED -> style.yellow(text);
      case SKIPPED -> style.cyan(text);
      case FAILED, UNREACHABLE -> style.red(text);
    };
  }

  /** {@code n} right-aligned in {@code width} characters (no String.format: its first use costs 20 ms). */
  private static String column(int n, int width) {
    String text = Integer.toString(n);
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }

  /** 1234 ms as "1.2s". */
  static String seconds(long millis) {
    long tenths = Math.round(millis / 100.0);
    return tenths / 10 + "." + tenths % 10 + "s";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private void println(String s) {
    if (progressLine) {
      out.print("\r\u001b[2K");
      progressLine = false;
    }
    out.println(s);
    out.flush();
  }
}
