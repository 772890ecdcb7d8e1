package opsplay.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import opsplay.lab.LabFolder;

/**
 * {@code lab up --detach}: starts the same program again as {@code lab up} (without --detach) in
 * its own session, waits until it prints its inventory's path, then describes the lab and prints
 * the path. What the background process prints later goes nowhere; its lab's folder says where it is.
 */
final class Detached {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final int KEPT_ERRORS = 64 * 1024;

  private final Environment env;

  Detached(Environment env) {
    this.env = env;
  }

  /**
   * How this process was started, without its arguments: the java command, its options and the
   * main class or jar (read from the operating system, so {@code bin/opsplay} and test launchers
   * both work); the plain {@code java -cp … opsplay.cli.Main} when that cannot be read.
   */
  static List<String> launcher(List<String> ourArguments) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isPresent() && info.arguments().isPresent()) {
      List<String> all = Arrays.asList(info.arguments().get());
      int cut = all.size() - ourArguments.size();
      if (cut > 0 && all.subList(cut, all.size()).equals(ourArguments)) {
        List<String> out = new ArrayList<>(List.of(info.command().get()));
        out.addAll(all.subList(0, cut));
        return out;
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
  }

  int start(List<String> launcher, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) command.add("/usr/bin/setsid"); // not stopped by this terminal's Ctrl-C
    command.addAll(launcher);
    command.addAll(arguments);
    Process child = new ProcessBuilder(command).redirectInput(new File("/dev/null")).start();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread collect = new Thread(() -> keep(child.getErrorStream(), errors), "opsplay-lab-up-errors");
    collect.setDaemon(true);
    collect.start();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> firstLine(child.getInputStream()));
    String inventory;
    try {
      inventory = line.get(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      inventory = null;
    }
    if (inventory == null || inventory.isBlank()) return failed(child, collect, errors);
    for (LabFolder.Entry lab : LabFolder.list(Path.of(inventory).getParent())) LabCommand.describe(env.err(), lab, true);
    env.err().println("opsplay: the lab runs in the background; 'opsplay lab down " + Path.of(inventory).getParent() + "' stops it");
    env.err().flush();
    env.out().println(inventory);
    env.out().flush();
    return ExitCode.OK.code;
  }

  private int failed(Process child, Thread collect, ByteArrayOutputStream errors) throws InterruptedException {
    boolean ended = child.waitFor(5, TimeUnit.SECONDS);
    if (!ended) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
    collect.join(2000);
    synchronized (errors) {
      env.err().print(errors.toString(StandardCharsets.UTF_8));
    }
    env.err().println("opsplay: the background lab did not come up" + (ended ? " (it exited with " + child.exitValue() + ")"
        : " within " + READY_WITHIN.toSeconds() + " s (stopped)"));
    env.err().flush();
    return ExitCode.ERROR.code;
  }

  private static String firstLine(InputStream out) {
    try {
      return new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      return null;
    }
  }

  /** Keeps the first {@value #KEPT_ERRORS} bytes of what the child prints on stderr, reading on to the end. */
  private static void keep(InputStream err, ByteArrayOutputStream into) {
    byte[] buf = new byte[8192];
    try (err) {
      for (int n; (n = err.read(buf)) >= 0; ) {
        synchronized (into) {
          if (into.size() < KEPT_ERRORS) into.write(buf, 0, Math.min(n, KEPT_ERRORS - into.size()));
        }
      }
    } catch (IOException e) {
      // the child went away
    }
  }
}
