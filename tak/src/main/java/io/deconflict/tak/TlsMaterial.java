package io.deconflict.tak;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's TLS material, read once from the configured key and trust stores, for the streaming
 * TLS port and the Marti API port alike: the same key, the same accepted authorities. Immutable
 * once built; the factories are thread-safe.
 *
 * @param keys the server's private key and certificate chain
 * @param trust the authorities whose client certificates are accepted
 * @param serverFingerprint SHA-256 of the server certificate's DER encoding, lower-case hex
 */
record TlsMaterial(KeyManagerFactory keys, TrustManagerFactory trust, String serverFingerprint) {

  /** The protocols offered, newest first. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /**
   * Reads the stores.
   *
   * @throws IllegalStateException naming the files if they cannot be read
   */
  static TlsMaterial read(TakSettings.Tls t) {
    try {
      KeyStore ks = KeyStore.getInstance(t.keyStore().toFile(), t.keyStorePassword().toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, t.keyStorePassword().toCharArray());
      KeyStore trust =
          KeyStore.getInstance(t.trustStore().toFile(), t.trustStorePassword().toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      String fingerprint = "";
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          Certificate c = ks.getCertificate(alias);
          if (c != null) {
            fingerprint =
                HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
            break;
          }
        }
      }
      if (fingerprint.isEmpty()) {
        throw new IllegalStateException(
            "tak.tls: the key store " + t.keyStore() + " holds no private key with a certificate");
      }
      return new TlsMaterial(kmf, tmf, fingerprint);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "tak.tls: cannot read the key store "
              + t.keyStore()
              + " or trust store "
              + t.trustStore()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** A JDK SSL context with this material (for the Marti API's HTTPS server). */
  SSLContext sslContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("tak.tls: cannot make a TLS context: " + e.getMessage(), e);
    }
  }
}
