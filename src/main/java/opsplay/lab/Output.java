package opsplay.lab;

/**
 * What a simulated program printed and how it exited. {@code forever}: the program never ends on
 * its own; the caller's timeout or Ctrl-C ends it. {@code repeats}: while it runs it prints
 * {@code stdout} again every second (OpenMLDB's ns_client given {@code --cmd} without
 * {@code --interactive=false}); otherwise it printed it once and hangs (a decommission that cannot
 * finish, a foreground server).
 */
public record Output(int rc, String stdout, String stderr, boolean forever, boolean repeats) {
  public Output(int rc, String stdout, String stderr) {
    this(rc, stdout, stderr, false, false);
  }

  public static Output ok(String stdout) {
    return new Output(0, stdout, "");
  }

  /** Prints once, then never ends. */
  public static Output hangs(String stdout, String stderr) {
    return new Output(0, stdout, stderr, true, false);
  }

  /** Prints {@code stdout} again and again, never ending. */
  public static Output repeats(String stdout) {
    return new Output(0, stdout, "", true, true);
  }
}
