package io.deconflict.tak;

import io.deconflict.service.tls.KeyStores;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's TLS material, read once from the configured key and trust stores ({@link KeyStores},
 * as the HTTP API reads its own), for the streaming TLS port and the Marti API port alike: the same
 * key, the same accepted authorities. Immutable once built; the factories are thread-safe.
 *
 * @param keys the server's private key and certificate chain
 * @param trust the authorities whose client certificates are accepted
 * @param serverFingerprint SHA-256 of the server certificate's DER encoding, lower-case hex
 */
record TlsMaterial(KeyManagerFactory keys, TrustManagerFactory trust, String serverFingerprint) {

  /** The protocols offered, newest first. */
  static final String[] PROTOCOLS = KeyStores.PROTOCOLS;

  private static final String FIELD = "tak.tls";

  /**
   * Reads the stores.
   *
   * @throws IllegalStateException naming the field and the file if one cannot be read
   */
  static TlsMaterial read(TakSettings.Tls t) {
    KeyStores.ServerKey key = KeyStores.serverKey(t.keyStore(), t.keyStorePassword(), FIELD);
    TrustManagerFactory trust = KeyStores.trust(t.trustStore(), t.trustStorePassword(), FIELD);
    return new TlsMaterial(key.managers(), trust, key.certificateSha256());
  }

  /** A JDK SSL context with this material (for the Marti API's HTTPS server). */
  SSLContext sslContext() {
    return KeyStores.context(
        new KeyStores.ServerKey(keys, serverFingerprint), Optional.of(trust), FIELD);
  }
}
