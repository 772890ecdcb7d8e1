package opsplay.lab;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The lab's SSH keys: ECDSA P-256 pairs made with the JDK alone, written the way OpenSSH and JSch
 * read them (the private key as unencrypted SEC 1 PEM, public keys as {@code ecdsa-sha2-nistp256 AAAA…}).
 */
final class LabKeys {
  private static final String TYPE = "ecdsa-sha2-nistp256";

  private LabKeys() {}

  static KeyPair generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java cannot make ECDSA P-256 keys: " + e.getMessage(), e);
    }
  }

  /** The OpenSSH form of a public key: {@code ecdsa-sha2-nistp256 AAAA…} (RFC 5656 §3.1). */
  static String publicKeyText(PublicKey key) {
    ECPublicKey ec = (ECPublicKey) key;
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(blob)) {
      string(out, TYPE.getBytes(StandardCharsets.US_ASCII));
      string(out, "nistp256".getBytes(StandardCharsets.US_ASCII));
      byte[] point = new byte[65];
      point[0] = 4; // uncompressed
      copy(ec.getW().getAffineX(), point, 1);
      copy(ec.getW().getAffineY(), point, 33);
      string(out, point);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TYPE + " " + Base64.getEncoder().encodeToString(blob.toByteArray());
  }

  private static void string(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** A coordinate as exactly 32 big-endian bytes at {@code at}. */
  private static void copy(BigInteger coordinate, byte[] to, int at) {
    byte[] b = coordinate.toByteArray();
    int skip = Math.max(0, b.length - 32);
    System.arraycopy(b, skip, to, at + 32 - (b.length - skip), b.length - skip);
  }

  /**
   * Writes the private key (mode 0600, as ssh(1) insists) as SEC 1 PEM ({@code BEGIN EC PRIVATE KEY},
   * which both JSch and OpenSSH read) and {@code file.pub} beside it.
   */
  static void writeClientKey(KeyPair pair, Path file) throws IOException {
    String pem = "-----BEGIN EC PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(sec1(pair))
        + "\n-----END EC PRIVATE KEY-----\n";
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), publicKeyText(pair.getPublic()) + " opsplay-lab\n");
  }

  /**
   * The DER of RFC 5915's ECPrivateKey for a P-256 key: SEQUENCE { version 1, the 32-byte secret,
   * [0] the curve's OID, [1] the public point }. Every length is fixed for this curve.
   */
  private static byte[] sec1(KeyPair pair) {
    byte[] der = new byte[121];
    byte[] head = {0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20};
    byte[] curve = {(byte) 0xa0, 0x0a, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07,
        (byte) 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04};
    System.arraycopy(head, 0, der, 0, head.length);
    copy(((ECPrivateKey) pair.getPrivate()).getS(), der, head.length);
    System.arraycopy(curve, 0, der, head.length + 32, curve.length);
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    copy(pub.getW().getAffineX(), der, head.length + 32 + curve.length);
    copy(pub.getW().getAffineY(), der, head.length + 64 + curve.length);
    return der;
  }
}
