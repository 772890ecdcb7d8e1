package opsplay.testing;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A client key pair generated for a test: the private key file and the public key line. */
public record ClientKey(Path privateKey, String publicKey) {
  /** An ed25519 key in OpenSSH format (what ssh-keygen writes today). */
  public static ClientKey ed25519(Path file) {
    return generate(file, KeyPair.ED25519, 0, true);
  }

  /** A key in the older PEM format: {@link KeyPair#RSA} (2048 bits) or {@link KeyPair#ECDSA} (256 bits). */
  public static ClientKey pem(Path file, int type) {
    return generate(file, type, type == KeyPair.RSA ? 2048 : 256, false);
  }

  private static ClientKey generate(Path file, int type, int bits, boolean openSsh) {
    JSch jsch = new JSch();
    try {
      KeyPair pair = bits == 0 ? KeyPair.genKeyPair(jsch, type) : KeyPair.genKeyPair(jsch, type, bits);
      if (openSsh) pair.writeOpenSSHv1PrivateKey(file.toString());
      else pair.writePrivateKey(file.toString());
      ByteArrayOutputStream pub = new ByteArrayOutputStream();
      pair.writePublicKey(pub, "opsplay-test");
      pair.dispose();
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // else ssh(1) ignores it
      return new ClientKey(file, pub.toString(StandardCharsets.US_ASCII).strip());
    } catch (JSchException e) {
      throw new IllegalStateException("cannot generate a test key: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
