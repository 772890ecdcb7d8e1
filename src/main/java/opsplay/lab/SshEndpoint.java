package opsplay.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SSH server of one lab host (the only class that uses Apache MINA SSHD): bound to the host's
 * own loopback address, it accepts the lab's client key only, runs every command through the real
 * {@code /bin/sh -c} in the host's sandbox with the host's environment, and serves SFTP with the
 * sandbox as the starting directory. {@link #stop} makes the host refuse connections until
 * {@link #start} binds it again.
 */
final class SshEndpoint implements AutoCloseable {
  /**
   * @param bind the host's address and SSH port
   * @param environment what every command starts with (USER and LOGNAME are the login name)
   * @param delay how long to hold each command before it starts (a slowed host); read per command
   * @param threads runs the commands and copies their output (daemon threads)
   */
  record Settings(String host, InetSocketAddress bind, KeyPair hostKey, PublicKey clientKey, Path sandbox,
      Map<String, String> environment, Supplier<Long> delay, ExecutorService threads) {}

  private final Settings settings;
  private SshServer server; // guarded by this

  SshEndpoint(Settings settings) {
    this.settings = settings;
  }

  /** Binds and listens (again); returns once connections are accepted. */
  synchronized void start() throws IOException {
    if (server != null) return;
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost(settings.bind().getAddress().getHostAddress());
    s.setPort(settings.bind().getPort());
    CoreModuleProperties.TCP_NODELAY.set(s, true); // else every exec waits ~40 ms (Nagle and delayed ACKs)
    s.setKeyPairProvider(KeyPairProvider.wrap(settings.hostKey()));
    byte[] allowed = settings.clientKey().getEncoded();
    s.setPublickeyAuthenticator((user, key, session) -> Arrays.equals(allowed, key.getEncoded()));
    s.setPasswordAuthenticator(null);
    s.setKeyboardInteractiveAuthenticator(null);
    s.setCommandFactory((channel, command) -> new Exec(List.of("/bin/sh", "-c", command)));
    s.setShellFactory(channel -> new Exec(List.of("/bin/sh", "-i")));
    s.setSubsystemFactories(List.of(new SandboxSftp(settings.sandbox())));
    s.start();
    server = s;
  }

  /** Closes the listener and every session at once, as a host that went away; idempotent. */
  synchronized void stop() {
    if (server == null) return;
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the SSH server of " + settings.host(), e);
    } finally {
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** SFTP over the real file system, relative paths starting from the sandbox. */
  private static final class SandboxSftp extends SftpSubsystemFactory {
    private final Path sandbox;

    SandboxSftp(Path sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
      SftpSubsystem subsystem = new SftpSubsystem(channel, this) {
        {
          defaultDir = sandbox;
        }

        @Override
        public void setFileSystem(FileSystem fileSystem) {
          super.setFileSystem(fileSystem);
          defaultDir = sandbox;
        }
      };
      getRegisteredListeners().forEach(subsystem::addSftpEventListener);
      return subsystem;
    }
  }

  /** One command or shell: a real process in the sandbox, its streams copied to and from the channel. */
  private final class Exec implements Command {
    private final List<String> argv;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;
    private volatile boolean destroyed;

    Exec(List<String> argv) {
      this.argv = argv;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      String user = channel.getSession().getUsername();
      env.addSignalListener((c, signal) -> kill());
      settings.threads().execute(() -> run(user, env.getEnv()));
    }

    private void run(String user, Map<String, String> requested) {
      int rc;
      try {
        Thread.sleep(settings.delay().get());
        rc = destroyed ? 143 : runProcess(user, requested);
      } catch (IOException e) {
        rc = 127;
        write(err, ("opsplay lab: cannot run " + argv.get(0) + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        rc = 143;
      }
      exit.onExit(rc);
    }

    private int runProcess(String user, Map<String, String> requested) throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(argv).directory(settings.sandbox().toFile());
      Map<String, String> environment = builder.environment();
      environment.clear();
      environment.putAll(requested);
      environment.putAll(settings.environment());
      environment.put("USER", user);
      environment.put("LOGNAME", user);
      Process p = builder.start();
      process = p;
      if (destroyed) kill();
      CountDownLatch errDone = new CountDownLatch(1);
      settings.threads().execute(() -> {
        copy(p.getErrorStream(), err);
        errDone.countDown();
      });
      settings.threads().execute(() -> feed(p));
      copy(p.getInputStream(), out);
      errDone.await();
      return p.waitFor();
    }

    /** Copies the channel's input to the process until either ends. */
    private void feed(Process p) {
      try (OutputStream stdin = p.getOutputStream()) {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
          stdin.write(buf, 0, n);
          stdin.flush();
        }
      } catch (IOException e) {
        // The process ended without reading all of it, or the channel closed.
      }
    }

    private void copy(InputStream from, OutputStream to) {
      byte[] buf = new byte[8192];
      try (from) {
        for (int n; (n = from.read(buf)) >= 0; ) write(to, Arrays.copyOf(buf, n));
      } catch (IOException e) {
        // The process's pipe broke: it was killed. What it printed so far has been sent.
      }
    }

    private void write(OutputStream to, byte[] bytes) {
      try {
        to.write(bytes);
        to.flush();
      } catch (IOException e) {
        // The channel closed (the client timed out or went away): stop the command too.
        kill();
      }
    }

    /** Ends the process and everything it started, as sshd does when the client sends a signal or closes. */
    private void kill() {
      destroyed = true;
      Process p = process;
      if (p == null || !p.isAlive()) return;
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }

    @Override
    public void destroy(ChannelSession channel) {
      kill();
    }
  }
}
