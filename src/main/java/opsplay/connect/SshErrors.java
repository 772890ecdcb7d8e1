package opsplay.connect;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The messages a user reads when an SSH login or transfer fails: what happened in plain words,
 * naming {@code user@address:port}, and what to do about it. No stack traces, no class names.
 */
final class SshErrors {
  private static final Pattern FINGERPRINT = Pattern.compile("fingerprint is (\\S+?)\\.?(\\s|$)");
  private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z]+\\.)+[A-Za-z]*(?:Exception|Error): ");

  private SshErrors() {}

  static String unknownHostKey(SshTarget t, String fingerprint) {
    Path file = t.knownHosts();
    String where = Files.exists(file) ? "it is not in " + file : file + " does not exist";
    return "cannot connect to " + t.endpoint() + ": the host key of " + t.knownHostsName() + " is not known ("
        + where + "). To trust it, check that its fingerprint" + fingerprintText(fingerprint)
        + " is the host's (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host), then add it: "
        + keyscan(t) + ". Or set ssh_host_key_checking: false to skip the check (not safe).";
  }

  static String changedHostKey(SshTarget t, String fingerprint) {
    String now = fingerprint == null ? "" : " (it now offers " + fingerprint + ")";
    return "cannot connect to " + t.endpoint() + ": the host key of " + t.knownHostsName() + " has CHANGED: it is"
        + " not the key recorded in " + t.knownHosts() + now + ". Someone may be intercepting the connection"
        + " (possible man-in-the-middle attack), or the host was reinstalled. If it was reinstalled, remove the old"
        + " key with ssh-keygen -R '" + t.knownHostsName() + "' -f " + t.knownHosts() + ", then trust the new one"
        + " after checking its fingerprint: " + keyscan(t) + ".";
  }

  static String authFailed(SshTarget t, List<Path> keys) {
    String offered = keys.isEmpty() ? "" : "the key" + (keys.size() > 1 ? "s " : " ")
        + keys.stream().map(Path::toString).collect(Collectors.joining(", "));
    if (t.password() != null) offered += (offered.isEmpty() ? "" : " and ") + "the password from " + t.password();
    return "cannot log in to " + t.endpoint() + ": authentication failed, the server refused " + offered
        + " (check ssh_user, ssh_key and the host's authorized_keys)";
  }

  static String noCredentials(SshTarget t) {
    return "cannot log in to " + t.endpoint() + ": no SSH key to offer: none of "
        + t.keys().stream().map(Path::toString).collect(Collectors.joining(", "))
        + " exists (or each needs a passphrase); set ssh_key or ssh_password";
  }

  static String keyProblem(SshTarget t, Path key, String problem) {
    return "cannot log in to " + t.endpoint() + ": the ssh_key " + key + " " + problem;
  }

  /** A connection that could not be made: refused, timed out, unknown name, or something else. */
  static String connectFailure(SshTarget t, Throwable e) {
    String prefix = "cannot connect to " + t.endpoint() + ": ";
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException) return prefix + "the host name '" + t.address() + "' is not known (DNS)";
      if (c instanceof NoRouteToHostException) return prefix + "no route to host " + t.address();
      if (c instanceof ConnectException && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
        return prefix + "connection refused (nothing listens on " + t.address() + " port " + t.port() + "; is sshd running?)";
      }
      if (c instanceof SocketTimeoutException) return prefix + timedOut(t);
    }
    String message = plain(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("timeout") || lower.contains("timed out")) return prefix + timedOut(t);
    if (lower.contains("closed by foreign host") || lower.contains("end of io stream")) {
      return prefix + "the server closed the connection during login (too many logins at once, or it refuses this client)";
    }
    return prefix + message;
  }

  /** An SFTP operation that failed on a working session (SFTP status codes from RFC draft-ietf-secsh-filexfer-02). */
  static String fileFailure(String what, SshTarget t, int status, String message) {
    String reason = switch (status) {
      case 2 -> "no such file or directory";
      case 3 -> "permission denied";
      default -> plain(message);
    };
    return "cannot " + what + " on " + t.endpoint() + ": " + reason;
  }

  /** A library message without a leading class name such as {@code java.net.ConnectException: }. */
  static String plain(String message) {
    String m = message == null ? "unknown error" : message.strip();
    for (Matcher x = CLASS_PREFIX.matcher(m); x.find(); x = CLASS_PREFIX.matcher(m)) m = m.substring(x.end());
    return m;
  }

  static String fingerprintIn(String message) {
    if (message == null) return null;
    Matcher m = FINGERPRINT.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  private static String timedOut(SshTarget t) {
    return "no answer from " + t.address() + " port " + t.port() + " within " + t.connectTimeout().toSeconds()
        + "s (ssh_connect_timeout)";
  }

  private static String fingerprintText(String fingerprint) {
    return fingerprint == null ? "" : " (" + fingerprint + ")";
  }

  private static String keyscan(SshTarget t) {
    return "ssh-keyscan -p " + t.port() + " " + t.address() + " >> " + t.knownHosts();
  }
}
