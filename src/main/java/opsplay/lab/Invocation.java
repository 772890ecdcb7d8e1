package opsplay.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of a simulated program on a lab host, as its shim received it: which host, which
 * program (the path it was installed at, relative to the host's sandbox, e.g.
 * {@code usr/local/kaiwudb/bin/kwbase}, or {@code PATH/systemctl} for programs on the PATH), its
 * arguments, the working directory, the environment, and the host's sandbox root (programs may
 * read and write files under it, like the real tools do under / ).
 */
public record Invocation(String host, String program, List<String> args, String cwd, Map<String, String> env, Path sandbox) {
  public Invocation {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }
}
