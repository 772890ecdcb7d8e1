package opsplay.lab.kwdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How a kwbase client command reaches a server, and the errors it prints when it cannot (the
 * decorations of kwbase's {@code cli/error.go}). SQL-based commands ({@code node status},
 * {@code node ls}) and RPC-based ones ({@code node decommission}, {@code quit}, {@code init}) fail
 * with different underlying texts; each message ends with the underlying error after a blank line.
 */
final class Connection {
  /** Which protocol the command speaks. */
  enum Channel { SQL, RPC }

  /** The outcome: the server reached, or the error message kwbase prints after {@code ERROR: }. */
  record Reached(Host host, String error) {}

  private static final String NOT_RUNNING = "cannot dial server.\nIs the server running?\n"
      + "If the server is running, check --host client-side and --advertise server-side.\n\n";
  private static final String NO_CERTS = "cannot load certificates.\n"
      + "Check your certificate settings, set --certs-dir, or use --insecure for insecure clusters.\n\n";
  private static final String HEARTBEAT = "initial connection heartbeat failed: rpc error: code = Unavailable desc = ";
  private static final String SUBCONNS = "all SubConns are in TransientFailure, latest connection error: connection error: desc = ";
  private static final String REMOVE_INSECURE = "\nIf the node is configured to require secure connections,\n"
      + "remove --insecure and configure secure credentials instead.\n";

  private Connection() {}

  /**
   * Connects from {@code self} to {@code hostPort}. {@code rpcPrefix} is what the command wraps
   * RPC connection errors in ({@code node decommission} adds "Failed to connect to the node: ").
   */
  static Reached open(Cluster cluster, Host self, String hostPort, boolean insecure, Path certsDir, Channel channel,
      String rpcPrefix) {
    if (!insecure) {
      String problem = clientCertificates(certsDir);
      if (problem != null) {
        return new Reached(null, NO_CERTS + problem);
      }
    }
    String dialed = dialed(hostPort);
    Host target = cluster.listening(hostPort, self);
    if (target == null) {
      return new Reached(null, NOT_RUNNING + (channel == Channel.SQL ? "dial tcp " + dialed + ": connect: connection refused"
          : rpcPrefix + HEARTBEAT + SUBCONNS + "\"transport: Error while dialing dial tcp " + dialed
              + ": connect: connection refused\""));
    }
    boolean serverInsecure = target.process.spec().insecure();
    if (!insecure && serverInsecure) {
      return new Reached(null, "cannot establish secure connection to insecure server.\nMaybe use --insecure?\n\n"
          + (channel == Channel.SQL ? "pq: SSL is not enabled on the server"
              : rpcPrefix + HEARTBEAT + SUBCONNS
                  + "\"transport: authentication handshake failed: tls: first record does not look like a TLS handshake\""));
    }
    if (insecure && !serverInsecure) {
      return new Reached(null, channel == Channel.SQL
          ? "SSL authentication error while connecting.\n" + REMOVE_INSECURE + "\npq: node is running secure mode, SSL connection required"
          : "server closed the connection.\nIs this a KwDB node?\n" + REMOVE_INSECURE + "\n" + rpcPrefix + HEARTBEAT
              + "transport is closing");
    }
    if (!insecure && !serverCa(target).equals(Certificates.issuer(Sandbox.read(certsDir.resolve("ca.crt"))))) {
      return new Reached(null, "SSL authentication error while connecting.\n\n" + (channel == Channel.SQL
          ? "x509: certificate signed by unknown authority"
          : rpcPrefix + HEARTBEAT + SUBCONNS + "\"transport: authentication handshake failed: x509: certificate signed by unknown authority\""));
    }
    return new Reached(target, null);
  }

  /** The CA the server's certificates come from: the cluster's, or the one in its own certs dir. */
  private static String serverCa(Host target) {
    Path dir = target.process.spec().certsDir();
    String ca = dir == null ? null : Certificates.issuer(Sandbox.read(dir.resolve("ca.crt")));
    return ca == null ? Cluster.CA : ca;
  }

  /** Whether {@code dir} holds a certificate ({@code *.crt}) at all; false when it does not exist. */
  static boolean anyCertificate(Path dir) {
    try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".crt"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** What is wrong with a secure client's certificate directory, or null. */
  private static String clientCertificates(Path dir) {
    if (!anyCertificate(dir)) {
      return "problem using security settings: no certificates found; does certs dir exist?";
    }
    if (!Files.isRegularFile(dir.resolve("ca.crt"))) {
      return "problem with CA certificate: not found";
    }
    if (!Files.isRegularFile(dir.resolve("client.root.crt")) || !Files.isRegularFile(dir.resolve("client.root.key"))) {
      return "problem with client cert for user root: not found";
    }
    return null;
  }

  /** The address Go's dialer reports: localhost resolved, the default port added. */
  private static String dialed(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    String port = colon < 0 || colon == hostPort.length() - 1 ? "26257" : hostPort.substring(colon + 1);
    return (host.isEmpty() || host.equals("localhost") ? "127.0.0.1" : host) + ":" + port;
  }
}
