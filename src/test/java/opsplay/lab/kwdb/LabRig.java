package opsplay.lab.kwdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opsplay.lab.Invocation;
import opsplay.lab.Output;
import opsplay.lab.SqlResponder;

/**
 * A KWDB lab without the SSH side: each host's sandbox is a directory under {@code root} holding
 * what {@link KwdbCluster#files} says, and programs are called the way the lab's shims call them.
 */
final class LabRig {
  static final String KWBASE = KwdbCluster.BIN_DIR + "/kwbase";
  static final String DEPLOY = KwdbCluster.INSTALL_DIR + "/deploy.sh";
  static final String KW_STATUS = "PATH/kw-status";
  static final String SYSTEMCTL = "PATH/systemctl";

  final KwdbCluster lab;
  final Path root;

  LabRig(KwdbCluster.Options options, Path root) {
    this.lab = new KwdbCluster(options);
    this.root = root;
    for (var node : lab.nodes()) {
      lab.files(node.name()).forEach((path, text) -> write(sandbox(node.name()).resolve(path), text));
    }
  }

  static LabRig insecure(int nodes, int spare, Path root) {
    return new LabRig(KwdbCluster.Options.of(nodes, spare, false, false), root);
  }

  Path sandbox(String host) {
    return root.resolve(host);
  }

  Output run(String host, String program, List<String> args, boolean tty) {
    return run(host, program, args, tty, Invocation.Stdin.EMPTY);
  }

  /** A run whose standard input holds {@code lines}, one per read. */
  Output runWithInput(String host, String program, List<String> lines, String... args) {
    java.util.Iterator<String> input = List.copyOf(lines).iterator();
    return run(host, program, List.of(args), false, timeout -> input.hasNext() ? input.next() : null);
  }

  private Output run(String host, String program, List<String> args, boolean tty, Invocation.Stdin stdin) {
    Map<String, String> env = new HashMap<>(Map.of("HOME", "/root"));
    if (tty) {
      env.put("SSH_TTY", "/dev/pts/0");
    }
    return lab.programs().get(program)
        .run(new Invocation(host, program, args, sandbox(host).toString(), env, sandbox(host), stdin));
  }

  Output run(String host, String program, String... args) {
    return run(host, program, List.of(args), false);
  }

  Output kwbase(String host, String... args) {
    return run(host, KWBASE, args);
  }

  SqlResponder.Answer sql(String host, String statement, String... params) {
    return lab.sql(host).answer(statement, List.of(params));
  }

  /** The rows of a query that must succeed. */
  List<List<String>> rows(String host, String statement, String... params) {
    SqlResponder.Answer a = sql(host, statement, params);
    if (!(a instanceof SqlResponder.Rows r)) {
      throw new AssertionError(statement + " answered " + a);
    }
    return r.rows();
  }

  void advance(Duration d) {
    lab.advance(d);
  }

  String read(String host, String path) {
    try {
      Path p = sandbox(host).resolve(path);
      return Files.exists(p) ? Files.readString(p) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Cluster cluster() {
    return lab.cluster();
  }
}
