package opsplay.lab;

/**
 * What a simulated program printed and how it exited. {@code forever}: the program never ends on
 * its own and prints {@code stdout} again and again (OpenMLDB's ns_client given {@code --cmd}
 * without {@code --interactive=false}); the caller's timeout or Ctrl-C ends it.
 */
public record Output(int rc, String stdout, String stderr, boolean forever) {
  public Output(int rc, String stdout, String stderr) {
    this(rc, stdout, stderr, false);
  }

  public static Output ok(String stdout) {
    return new Output(0, stdout, "");
  }
}
