package opsplay.lab.kwdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * deploy.sh's messages (utils/kaiwudb_log.sh, reference §1.3). Errors go to stdout, not stderr:
 * a line of 123 blanks and a carriage return, then {@code echo -e "\033[31m" ${content} "\033[0m"}
 * — the unquoted expansion squeezes every run of white space, line breaks included, to one blank.
 * The same text without colour is appended to {@code log/<date>} beside deploy.sh.
 */
final class DeployLog {
  static final String CLEAR = " ".repeat(123) + "\r";

  private final Path file;
  private final Instant now;

  /** deploy.sh's log_init: the log directory and today's file exist from here on. */
  DeployLog(Path deployDir, Instant now) {
    this.now = now;
    this.file = deployDir.resolve("log").resolve(Timestamps.seconds(now).substring(0, 10));
    if (!Files.exists(file)) {
      Sandbox.write(file, "");
    }
  }

  /** An error line as deploy.sh prints it on stdout; also appended to the log file. */
  String error(String message) {
    return line("ERROR", "\033[31m", message);
  }

  private String line(String level, String colour, String message) {
    String content = squeezed("[" + level + "] " + Timestamps.seconds(now) + " " + message);
    Sandbox.append(file, content + "\n");
    return CLEAR + colour + " " + content + " \033[0m\n";
  }

  /** {@code [<VERB> COMPLETED]:<text>} in bold green. */
  static String completed(String verb, String text) {
    return "\033[1;32m[" + verb + " COMPLETED]:\033[0m" + text + "\n";
  }

  private static String squeezed(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.joining(" "));
  }
}
