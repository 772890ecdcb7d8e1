package opsplay.connect;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import opsplay.core.Connection;
import opsplay.core.ConnectionException;
import opsplay.core.Shell;

/**
 * One SSH session to one host (the only class that uses JSch). Logs in on first use, then runs
 * every command on its own channel of that session; reconnects once when the session dropped
 * between commands. Safe for concurrent use from several threads: at most {@value #CHANNELS}
 * channels are open at a time (OpenSSH allows 10 per session by default), the others wait.
 */
public final class SshConnection implements Connection {
  static final int CHANNELS = 8;
  private static final int KEEPALIVE_MILLIS = 15_000;
  /** JSch's key exchanges less those that need Bouncy Castle (ML-KEM, which opsplay does not ship). */
  private static final String KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
      + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
      + "diffie-hellman-group18-sha512,diffie-hellman-group14-sha256";

  private final SshTarget target;
  private final Clients clients;
  private final Semaphore channels = new Semaphore(CHANNELS, true);
  private Session session; // guarded by this
  private boolean closed; // guarded by this

  /** Cheap: nothing is read or connected until the first call; {@code clients} is shared by a run's connections. */
  public SshConnection(SshTarget target, Clients clients) {
    this.target = target;
    this.clients = clients;
  }

  /**
   * What every connection of one run shares: a JSch client per known_hosts file and key list,
   * so that those files are read once per run, not once per host (JSch reads known_hosts a byte
   * per system call, which made 500 logins cost 15 s of system time). Thread-safe.
   */
  public static final class Clients {
    private final Map<List<Object>, Client> clients = new HashMap<>(); // guarded by this

    synchronized Client client(SshTarget target) throws ConnectionException {
      List<Object> key = List.of(target.keys(), target.keyGiven(), target.checkHostKeys() ? target.knownHosts() : "");
      Client client = clients.get(key);
      if (client == null) {
        client = Client.create(target);
        clients.put(key, client);
      }
      return client;
    }
  }

  /** A JSch client with the keys it offers and the known hosts it trusts. */
  private record Client(JSch jsch, List<Path> keys) {
    static Client create(SshTarget target) throws ConnectionException {
      JSch jsch = new JSch();
      List<Path> keys = addKeys(jsch, target);
      try {
        if (target.checkHostKeys()) jsch.setKnownHosts(target.knownHosts().toString());
      } catch (JSchException e) {
        throw new ConnectionException(SshErrors.connectFailure(target, e));
      }
      return new Client(jsch, List.copyOf(keys));
    }
  }

  /** Where this connection logs in. */
  public SshTarget target() {
    return target;
  }

  /** Logs in unless logged in already. Called on a worker thread; blocks up to the connect timeout. */
  @Override
  public void connect() throws ConnectionException {
    session();
  }

  /**
   * Runs {@code command} with the login user's shell ({@code $SHELL -c}) and waits for it (or
   * for {@code options.timeout()}). Called on a worker thread; blocks; logs in first if needed.
   * A non-zero exit is an ordinary result; a timeout closes the channel and returns what was
   * printed so far with {@code timedOut}. Throws when the host cannot be reached or the session
   * broke while the command ran (the command is then not run again).
   */
  @Override
  public ExecResult exec(String command, ExecOptions options) throws ConnectionException {
    byte[] line = withEnvironment(command, options.environment()).getBytes(StandardCharsets.UTF_8);
    acquire("run a command");
    try {
      Opened<CommandOutput> run = open("exec", c -> {
        CommandOutput out = new CommandOutput();
        ChannelExec exec = (ChannelExec) c;
        exec.setCommand(line);
        exec.setOutputStream(out.stdout(), false);
        exec.setErrStream(out.stderr(), false);
        return out;
      });
      try {
        return finish(run, options);
      } finally {
        run.channel().disconnect();
      }
    } finally {
      channels.release();
    }
  }

  private ExecResult finish(Opened<CommandOutput> run, ExecOptions options) throws ConnectionException {
    ChannelExec channel = (ChannelExec) run.channel();
    CommandOutput out = run.prepared();
    try (OutputStream stdin = channel.getOutputStream()) {
      if (options.stdin() != null) stdin.write(options.stdin().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command ended without reading all its input, or the session broke (checked below).
    }
    try {
      if (!out.await(options.timeout())) {
        stop(channel);
        return new ExecResult(-1, out.stdoutText(), out.stderrText(), true);
      }
    } catch (InterruptedException e) {
      stop(channel);
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted while a command ran on " + target.endpoint());
    }
    int rc = channel.getExitStatus();
    if (rc == -1 && !run.session().isConnected()) {
      throw new ConnectionException("the connection to " + target.endpoint() + " broke while a command ran");
    }
    return new ExecResult(rc, out.stdoutText(), out.stderrText());
  }

  /** Asks the server to kill the command (OpenSSH 7.9+ honours it), then closes the channel. */
  private static void stop(ChannelExec channel) {
    try {
      channel.sendSignal("KILL");
    } catch (Exception e) {
      // Best effort: closing the channel below is what matters to us.
    }
    channel.disconnect();
  }

  static String withEnvironment(String command, Map<String, String> environment) {
    StringBuilder out = new StringBuilder();
    environment.forEach((k, v) -> out.append("export ").append(Shell.quote(k)).append('=')
        .append(Shell.quote(v)).append("; "));
    return out.append(command).toString();
  }

  /**
   * Writes {@code content} to {@code remotePath} over SFTP with permissions {@code mode} (e.g.
   * {@code 0644}), set before the content is written. Worker thread; blocks.
   */
  @Override
  public void upload(byte[] content, String remotePath, int mode) throws ConnectionException {
    sftp("write " + remotePath, sftp -> {
      sftp.put(new ByteArrayInputStream(new byte[0]), remotePath, ChannelSftp.OVERWRITE);
      sftp.chmod(mode, remotePath);
      sftp.put(new ByteArrayInputStream(content), remotePath, ChannelSftp.OVERWRITE);
      return null;
    });
  }

  /** Reads {@code remotePath} over SFTP. Worker thread; blocks. */
  @Override
  public byte[] download(String remotePath) throws ConnectionException {
    return sftp("read " + remotePath, sftp -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      sftp.get(remotePath, bytes);
      return bytes.toByteArray();
    });
  }

  /** What one SFTP operation does with the channel. */
  private interface SftpWork<T> {
    T run(ChannelSftp sftp) throws SftpException;
  }

  private <T> T sftp(String what, SftpWork<T> work) throws ConnectionException {
    acquire(what);
    try {
      Opened<Void> opened = open("sftp", c -> null);
      try {
        return work.run((ChannelSftp) opened.channel());
      } catch (SftpException e) {
        if (!opened.session().isConnected()) {
          throw new ConnectionException("the connection to " + target.endpoint() + " broke during: " + what);
        }
        throw new ConnectionException(SshErrors.fileFailure(what, target, e.id, e.getMessage()));
      } finally {
        opened.channel().disconnect();
      }
    } finally {
      channels.release();
    }
  }

  /** Disconnects; idempotent. Any thread; later calls fail with "closed". */
  @Override
  public void close() {
    Session s;
    synchronized (this) {
      closed = true;
      s = session;
      session = null;
    }
    if (s != null) s.disconnect();
  }

  private void acquire(String what) throws ConnectionException {
    try {
      channels.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted while waiting to " + what + " on " + target.endpoint());
    }
  }

  /** An open channel, what was attached to it before it opened, and its session. */
  private record Opened<T>(Channel channel, T prepared, Session session) {}

  /**
   * Opens a channel of {@code type}; {@code prepare} attaches streams first. When the session
   * turns out to have dropped, logs in again once and retries: nothing has run yet.
   */
  private <T> Opened<T> open(String type, Function<Channel, T> prepare) throws ConnectionException {
    for (int attempt = 1; ; attempt++) {
      Session s = session();
      Channel channel = null;
      try {
        channel = s.openChannel(type);
        T prepared = prepare.apply(channel);
        // No timeout for exec: with one, JSch polls for the request's reply every 10 ms.
        if (type.equals("exec")) channel.connect();
        else channel.connect(timeoutMillis());
        return new Opened<>(channel, prepared, s);
      } catch (JSchException e) {
        if (channel != null) channel.disconnect();
        boolean dropped = !s.isConnected() || e.getCause() instanceof IOException;
        if (dropped && attempt == 1) {
          forget(s);
          continue;
        }
        if (dropped) throw new ConnectionException("the connection to " + target.endpoint() + " dropped: " + SshErrors.plain(e.getMessage()));
        throw new ConnectionException("cannot open an SSH " + type + " channel on " + target.endpoint() + ": "
            + SshErrors.plain(e.getMessage()));
      }
    }
  }

  private synchronized Session session() throws ConnectionException {
    if (closed) throw new ConnectionException("the connection to " + target.endpoint() + " is closed");
    if (session != null && session.isConnected()) return session;
    if (session != null) session.disconnect();
    session = null;
    session = login();
    return session;
  }

  private synchronized void forget(Session broken) {
    if (session == broken) session = null;
    broken.disconnect();
  }

  private int timeoutMillis() {
    return (int) target.connectTimeout().toMillis();
  }

  /** Connects, checks the host key and authenticates. Blocks up to the connect timeout. */
  private Session login() throws ConnectionException {
    Client client = clients.client(target);
    JSch jsch = client.jsch();
    List<Path> keys = client.keys();
    String password = target.password() == null ? null : target.password().read();
    if (keys.isEmpty() && password == null) throw new ConnectionException(SshErrors.noCredentials(target));
    Session s = null;
    try {
      s = jsch.getSession(target.user(), target.address(), target.port());
      s.setConfig("StrictHostKeyChecking", target.checkHostKeys() ? "yes" : "no");
      s.setConfig("PreferredAuthentications", password == null ? "publickey" : "publickey,password");
      s.setConfig("kex", KEX);
      // JSch would make throwaway keys on every login to find out which of these Java has; 17 has them all
      s.setConfig("CheckKexes", "");
      s.setConfig("CheckCiphers", "");
      s.setConfig("CheckSignatures", "");
      if (password != null) s.setPassword(password.getBytes(StandardCharsets.UTF_8));
      s.setServerAliveInterval(KEEPALIVE_MILLIS);
      s.setServerAliveCountMax(3);
      s.setDaemonThread(true);
      s.connect(timeoutMillis()); // JSch sets TCP_NODELAY on the socket itself (checked in 2.28.8)
      return s;
    } catch (JSchException e) {
      if (s != null) s.disconnect();
      throw new ConnectionException(loginFailure(e, s, jsch, keys));
    }
  }

  private String loginFailure(JSchException e, Session s, JSch jsch, List<Path> keys) {
    HostKey offered = s == null ? null : s.getHostKey();
    String fingerprint = offered == null ? SshErrors.fingerprintIn(e.getMessage()) : offered.getFingerPrint(jsch);
    if (e instanceof JSchChangedHostKeyException || e instanceof JSchRevokedHostKeyException) {
      return SshErrors.changedHostKey(target, fingerprint);
    }
    if (e instanceof JSchUnknownHostKeyException) return SshErrors.unknownHostKey(target, fingerprint);
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
      return SshErrors.authFailed(target, keys);
    }
    return SshErrors.connectFailure(target, e);
  }

  /**
   * Registers the private keys to offer: {@code ssh_key} (which must exist and be usable), or
   * the default keys that exist and are not protected by a passphrase.
   */
  private static List<Path> addKeys(JSch jsch, SshTarget target) throws ConnectionException {
    List<Path> used = new ArrayList<>();
    for (Path key : target.keys()) {
      if (!Files.isRegularFile(key)) {
        if (target.keyGiven()) throw new ConnectionException(SshErrors.keyProblem(target, key, "does not exist"));
        continue;
      }
      try {
        KeyPair pair = KeyPair.load(jsch, key.toString());
        boolean encrypted = pair.isEncrypted();
        pair.dispose();
        if (encrypted) {
          if (target.keyGiven()) {
            throw new ConnectionException(SshErrors.keyProblem(target, key,
                "is protected by a passphrase, which opsplay cannot ask for (use a key without one)"));
          }
          continue;
        }
        jsch.addIdentity(key.toString());
        used.add(key);
      } catch (JSchException e) {
        if (target.keyGiven()) {
          throw new ConnectionException(SshErrors.keyProblem(target, key, "cannot be read: " + SshErrors.plain(e.getMessage())));
        }
      }
    }
    return used;
  }
}
