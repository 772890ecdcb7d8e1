package opsplay.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 server from Debian's binaries (/usr/lib/postgresql/15/bin, or -Dpg.bin /
 * PG_BIN), one per test JVM: initdb into a temporary folder, pg_ctl start on 127.0.0.1 and a free
 * port. Local socket connections are trusted; TCP connections (what opsplay uses) need the
 * password of user {@code postgres}, {@link #PASSWORD}. As root, the server runs as the
 * {@code postgres} OS user (initdb refuses root). Stopped when the test run ends.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String PASSWORD = "pg-test-pass";
  private final Path dir;
  private final int port;
  private final Path bin;

  private PostgresServer(Path dir, int port, Path bin) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
  }

  /** The server shared by every test of this JVM, started on first use. */
  public static PostgresServer shared(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(PostgresServer.class, k -> start(), PostgresServer.class);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  public String user() {
    return "postgres";
  }

  private static PostgresServer start() {
    Path bin = Path.of(System.getProperty("pg.bin", System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin")));
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(bin.resolve("initdb"))) {
      if (ci) throw new IllegalStateException("PostgreSQL binaries missing in " + bin + " (CI=true: failing, not skipping)");
      Assumptions.abort("PostgreSQL binaries not found in " + bin);
    }
    try {
      Path dir = Files.createTempDirectory("opsplay-pg");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) run(List.of("chown", "postgres:postgres", dir.toString()), dir);
      Path pw = dir.resolve("pw");
      Files.writeString(pw, PASSWORD + "\n");
      if (root) run(List.of("chown", "postgres", pw.toString()), dir);
      PostgresServer server = new PostgresServer(dir, freePort(), bin);
      server.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
          "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8", "--locale=C", "--no-sync"), root);
      server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
          dir.resolve("server.log").toString(), "-w", "-t", "30", "-o", "-p " + server.port + " -k " + dir
              + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"), root);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
    }
  }

  private void pg(List<String> command, boolean root) throws IOException {
    List<String> full = new ArrayList<>();
    if (root) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(command);
    run(full, dir);
  }

  private static void run(List<String> command, Path dir) throws IOException {
    Path log = dir.resolve("commands.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public synchronized void close() {
    if (!Files.exists(dir.resolve("data/postmaster.pid"))) return;
    try {
      pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"),
          "root".equals(System.getProperty("user.name")));
    } catch (IOException e) {
      // the server is gone already; nothing else to clean up
    }
  }
}
