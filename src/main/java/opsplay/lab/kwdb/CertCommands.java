package opsplay.lab.kwdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opsplay.lab.Output;

/**
 * {@code kwbase cert create-ca | create-node | create-client}, as {@code deploy.sh join --tls}
 * uses them (reference §1.8) and as the command-line scale-out needs them: they write the lab's
 * certificate stand-ins ({@link Certificates}) signed by the CA whose key is given.
 */
final class CertCommands {
  private static final Set<String> BOOLEANS = Set.of("tlcp", "overwrite", "allow-ca-key-reuse");
  private static final Set<String> VALUED = Set.of("certs-dir", "ca-key", "key-size", "lifetime", "cert-principal-map");

  private final Host host;
  private final Sandbox sandbox;
  private final String home;

  CertCommands(Host host, Sandbox sandbox, String home) {
    this.host = host;
    this.sandbox = sandbox;
    this.home = home;
  }

  Output run(String sub, List<String> args) {
    String cmd = "cert " + sub;
    Flags f = Flags.parse(args, BOOLEANS, VALUED, Map.of());
    String dirText = f.get("certs-dir", home + "/.kwbase-certs");
    Path dir = sandbox.resolve(dirText);
    String keyText = f.get("ca-key", null);
    if (keyText == null) {
      return KwbaseCall.failed(cmd, "required flag(s) \"ca-key\" not set");
    }
    Path key = sandbox.resolve(keyText);
    return switch (sub) {
      case "create-ca" -> createCa(cmd, dir, key, f.on("overwrite") || f.on("allow-ca-key-reuse"));
      case "create-node" -> f.positionals().isEmpty()
          ? KwbaseCall.failed(cmd, "create-node requires at least one host name or address, none was specified")
          : signed(cmd, "node", dirText, dir, keyText, key, "node", String.join(" ", f.positionals()), f.on("overwrite"));
      case "create-client" -> f.positionals().size() != 1
          ? KwbaseCall.failed(cmd, "accepts 1 arg(s), received " + f.positionals().size())
          : signed(cmd, "client", dirText, dir, keyText, key, "client." + f.positionals().get(0),
              "client " + f.positionals().get(0), f.on("overwrite"));
      default -> KwbaseCall.failed(cmd, "unknown command \"" + sub + "\" for \"kwbase cert\"");
    };
  }

  private Output createCa(String cmd, Path dir, Path key, boolean overwrite) {
    if (!overwrite && Files.exists(dir.resolve("ca.crt"))) {
      return KwbaseCall.failed(cmd, "failed to generate CA cert and key: error writing CA certificate to "
          + dir.resolve("ca.crt") + ": open " + dir.resolve("ca.crt") + ": file exists");
    }
    String ca = "kwdb-lab CA created on " + host.name;
    Sandbox.write(dir.resolve("ca.crt"), Certificates.certificate("CA", ca, ca));
    Sandbox.write(key, Certificates.key("CA", ca));
    return Output.ok("");
  }

  private Output signed(String cmd, String kind, String dirText, Path dir, String keyText, Path key, String file, String what,
      boolean overwrite) {
    String failure = "failed to generate " + kind + " certificate and key: ";
    String caCert = Sandbox.read(dir.resolve("ca.crt"));
    if (caCert == null) {
      String p = dirText + "/ca.crt";
      return KwbaseCall.failed(cmd, failure + "error reading CA cert file " + p + ": open " + p + ": no such file or directory");
    }
    String caKey = Sandbox.read(key);
    if (caKey == null) {
      return KwbaseCall.failed(cmd, failure + "error reading CA key file " + keyText + ": open " + keyText
          + ": no such file or directory");
    }
    String ca = Certificates.issuer(caCert);
    if (ca == null || !ca.equals(Certificates.issuer(caKey))) {
      return KwbaseCall.failed(cmd, failure + "CA key does not match the CA certificate " + dirText + "/ca.crt");
    }
    if (!overwrite && Files.exists(dir.resolve(file + ".crt"))) {
      String p = dirText + "/" + file + ".crt";
      return KwbaseCall.failed(cmd, failure + "error writing " + kind + " certificate to " + p + ": open " + p + ": file exists");
    }
    Sandbox.write(dir.resolve(file + ".crt"), Certificates.certificate(what, ca, file));
    Sandbox.write(dir.resolve(file + ".key"), Certificates.key(what, ca));
    return Output.ok("");
  }
}
