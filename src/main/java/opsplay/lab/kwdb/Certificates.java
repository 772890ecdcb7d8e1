package opsplay.lab.kwdb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's stand-ins for KWDB's certificate files. They look like PEM files, and their base64
 * body is readable text naming what the file is and which CA signed it, so the simulated tools
 * can tell a cluster's CA from the one a spare created at install time (reference §1.4, §1.8).
 */
final class Certificates {
  private Certificates() {}

  /** The files {@code deploy.sh install} leaves in /etc/kaiwudb/certs, all signed by {@code ca}. */
  static Map<String, String> all(String ca, String nodeHosts) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("ca.crt", certificate("CA", ca, ca));
    files.put("ca.key", key("CA", ca));
    files.put("node.crt", certificate("node " + nodeHosts, ca, "node"));
    files.put("node.key", key("node " + nodeHosts, ca));
    files.put("client.root.crt", certificate("client root", ca, "root"));
    files.put("client.root.key", key("client root", ca));
    return files;
  }

  static String certificate(String what, String ca, String subject) {
    return pem("CERTIFICATE", "opsplay lab certificate: " + what + "\nsubject=" + subject + "\nissuer=" + ca + "\n");
  }

  static String key(String what, String ca) {
    return pem("RSA PRIVATE KEY", "opsplay lab private key: " + what + "\nissuer=" + ca + "\n");
  }

  private static String pem(String type, String body) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(body.getBytes(StandardCharsets.UTF_8));
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  /** The CA a lab certificate or key names as its issuer, or null when the text is not one. */
  static String issuer(String pem) {
    if (pem == null || !pem.startsWith("-----BEGIN ")) {
      return null;
    }
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      String text = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.startsWith("issuer=")) {
          return line.substring(7);
        }
      }
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    return null;
  }
}
