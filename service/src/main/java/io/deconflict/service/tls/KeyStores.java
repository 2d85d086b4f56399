package io.deconflict.service.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads key stores (PKCS#12 or JKS, detected from the file) into the JDK's key and trust managers,
 * for every listener that speaks TLS. Every error names the configuration field ({@code
 * server.tls}, {@code tak.tls}) and the file.
 *
 * <p>Stateless and thread-safe; the factories it returns are thread-safe.
 */
public final class KeyStores {

  /** The protocols offered, newest first. */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private KeyStores() {}

  /**
   * A server's key: its private key and certificate chain, from {@code file}.
   *
   * @param field the configuration field, for the messages ({@code server.tls})
   * @throws IllegalStateException naming the field and file if it cannot be read or holds no
   *     private key with a certificate
   */
  public static ServerKey serverKey(Path file, String password, String field) {
    KeyStore ks = load(file, password, field, "key store");
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password.toCharArray());
      Optional<String> fingerprint = fingerprint(ks);
      if (fingerprint.isEmpty()) {
        throw new IllegalStateException(
            field + ": the key store " + file + " holds no private key with a certificate");
      }
      return new ServerKey(kmf, fingerprint.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          field + ": cannot use the key store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The authorities of a trust store, from {@code file}.
   *
   * @throws IllegalStateException naming the field and file if it cannot be read
   */
  public static TrustManagerFactory trust(Path file, String password, String field) {
    KeyStore ks = load(file, password, field, "trust store");
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          field + ": cannot use the trust store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A JDK SSL context with the server's key and, if given, the authorities whose client
   * certificates are accepted.
   */
  public static SSLContext context(
      ServerKey key, Optional<TrustManagerFactory> trust, String field) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          key.managers().getKeyManagers(),
          trust.map(TrustManagerFactory::getTrustManagers).orElse(new TrustManager[0]),
          null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(field + ": cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, String password, String field, String what) {
    try {
      return KeyStore.getInstance(file.toFile(), password.toCharArray());
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          field + ": cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> fingerprint(KeyStore ks) throws GeneralSecurityException {
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        Certificate c = ks.getCertificate(alias);
        if (c != null) {
          return Optional.of(
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A server's private key and certificate chain, ready for TLS.
   *
   * @param managers the key managers over the key store
   * @param certificateSha256 SHA-256 of the server certificate's DER encoding, lower-case hex
   */
  public record ServerKey(KeyManagerFactory managers, String certificateSha256) {}
}
