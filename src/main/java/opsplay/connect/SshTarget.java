package opsplay.connect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where and how to log in to one host over SSH, as the {@link Connector} read it from the host's
 * variables.
 *
 * @param host the inventory name (for messages)
 * @param address the name or IP address to connect to
 * @param keys private keys to offer: the one {@code ssh_key} names, or the default candidates
 *     (those that do not exist are skipped when {@code keyGiven} is false)
 * @param keyGiven whether {@code keys} came from {@code ssh_key} (then it must exist)
 * @param password a password reference, or null for key authentication only
 * @param knownHosts the known_hosts file host keys are checked against
 * @param checkHostKeys false only when {@code ssh_host_key_checking: false} turned checking off
 */
public record SshTarget(String host, String address, int port, String user, List<Path> keys, boolean keyGiven,
    PasswordReference password, Path knownHosts, boolean checkHostKeys, Duration connectTimeout) {
  public SshTarget {
    keys = List.copyOf(keys);
  }

  /** {@code user@address:port}, as messages name the target. */
  public String endpoint() {
    return user + "@" + address + ":" + port;
  }

  /** The host's name in known_hosts: {@code address} on port 22, else {@code [address]:port}. */
  public String knownHostsName() {
    return port == 22 ? address : "[" + address + "]:" + port;
  }
}
