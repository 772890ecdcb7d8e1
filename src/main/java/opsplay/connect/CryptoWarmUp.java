package opsplay.connect;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * Java's crypto made ready before the first SSH login of a run needs it. Loading the security
 * providers and running curve25519's arithmetic for the first time (interpreted, then compiled)
 * cost that login about 40 ms of a 0.6 s preview; done on a side thread while the playbook loads,
 * on the other core, it is off the path.
 */
public final class CryptoWarmUp {
  private CryptoWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once; nothing waits for it. */
  public static void start() {
    Thread thread = new Thread(CryptoWarmUp::run, "opsplay-crypto-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      KeyPairGenerator curve = KeyPairGenerator.getInstance("XDH");
      curve.initialize(NamedParameterSpec.X25519);
      curve.generateKeyPair();
      KeyAgreement.getInstance("XDH");
      Signature.getInstance("SHA256withECDSA");
      Cipher.getInstance("AES/GCM/NoPadding");
      Mac.getInstance("HmacSHA256");
      MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      // nothing to prepare; a login that needs what is missing says so itself
    }
  }
}
