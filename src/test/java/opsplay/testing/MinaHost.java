package opsplay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An embedded SSH server (Apache MINA SSHD) on 127.0.0.1 for tests: commands run through
 * {@code /bin/sh -c} as the test's own user, SFTP works, public keys are checked against the keys
 * it was told about, a password is accepted only when one was given, and the host key is written
 * into a known_hosts file the test owns. Counts the sessions it opened.
 */
public final class MinaHost implements AutoCloseable {
  public static final String ADDRESS = "127.0.0.1";

  private final SshServer server;
  private final KeyPair hostKey;
  private final ClientKey clientKey;
  private final Path knownHosts;
  private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
  private final AtomicInteger sessions = new AtomicInteger();

  private MinaHost(SshServer server, KeyPair hostKey, ClientKey clientKey, Path knownHosts) {
    this.server = server;
    this.hostKey = hostKey;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
  }

  /** Starts a server that accepts only the generated client key. */
  public static MinaHost start(Path dir) {
    return start(dir, null);
  }

  /** Starts a server that also accepts {@code password} (null: no password login). */
  public static MinaHost start(Path dir, String password) {
    try {
      Files.createDirectories(dir);
      KeyPair hostKey = newHostKey();
      ClientKey client = ClientKey.ed25519(dir.resolve("id_ed25519"));
      SshServer server = SshServer.setUpDefaultServer();
      MinaHost host = new MinaHost(server, hostKey, client, dir.resolve("known_hosts"));
      host.authorize(client.publicKey());
      server.setHost(ADDRESS);
      server.setPort(0);
      CoreModuleProperties.TCP_NODELAY.set(server, true);
      server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
      server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
      server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
      server.setPublickeyAuthenticator((user, key, session) ->
          host.authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
      if (password != null) server.setPasswordAuthenticator((user, given, session) -> password.equals(given));
      server.addSessionListener(new SessionListener() {
        @Override
        public void sessionCreated(Session session) {
          host.sessions.incrementAndGet();
        }
      });
      server.start();
      Files.writeString(host.knownHosts, host.knownHostsLine(hostKey.getPublic()) + "\n");
      return host;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair newHostKey() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(256);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets a further public key (an {@code authorized_keys} line) log in. */
  public void authorize(String publicKeyLine) {
    try {
      authorized.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicKeyLine)
          .resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the public key " + publicKeyLine, e);
    }
  }

  public int port() {
    return server.getPort();
  }

  public Path knownHosts() {
    return knownHosts;
  }

  public Path clientKey() {
    return clientKey.privateKey();
  }

  /** A known_hosts line for this server with some other key, as if it had been reinstalled. */
  public String knownHostsLineWithWrongKey() {
    return knownHostsLine(newHostKey().getPublic());
  }

  private String knownHostsLine(PublicKey key) {
    return "[" + ADDRESS + "]:" + port() + " " + PublicKeyEntry.toString(key);
  }

  /** The connection variables a host needs to log in here with the client key. */
  public Map<String, Object> vars() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("address", ADDRESS);
    vars.put("ssh_port", port());
    vars.put("ssh_user", "tester");
    vars.put("ssh_key", clientKey().toString());
    vars.put("ssh_known_hosts", knownHosts.toString());
    return vars;
  }

  /** How many SSH sessions (TCP connections) this server has accepted. */
  public int sessionsOpened() {
    return sessions.get();
  }

  /** Closes every open session at once, as a server restart or a network cut would. */
  public void dropSessions() {
    for (AbstractSession s : server.getActiveSessions()) s.close(true);
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
