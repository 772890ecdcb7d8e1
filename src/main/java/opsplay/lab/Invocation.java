package opsplay.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run of a simulated program on a lab host, as its shim received it: which host, which
 * program (the path it was installed at, relative to the host's sandbox, e.g.
 * {@code usr/local/kaiwudb/bin/kwbase}, or {@code PATH/systemctl} for programs on the PATH), its
 * arguments, the working directory, the environment, and the host's sandbox root (programs may
 * read and write files under it, like the real tools do under / ), and the program's standard input,
 * read a line at a time when the program asks (as a script's {@code read} does).
 */
public record Invocation(String host, String program, List<String> args, String cwd, Map<String, String> env, Path sandbox,
    Stdin stdin) {
  public Invocation {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /** A run whose standard input is empty. */
  public Invocation(String host, String program, List<String> args, String cwd, Map<String, String> env, Path sandbox) {
    this(host, program, args, cwd, env, sandbox, Stdin.EMPTY);
  }

  /** The program's standard input. */
  public interface Stdin {
    /** Nothing to read: every line is end of input. */
    Stdin EMPTY = timeout -> null;

    /**
     * The next line without its newline, or null at end of input or when nothing came within
     * {@code timeout} (bash's {@code read -t}).
     */
    String readLine(Duration timeout);
  }
}
