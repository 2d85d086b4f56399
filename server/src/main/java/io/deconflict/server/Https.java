package io.deconflict.server;

import io.deconflict.server.config.ConfigurationException;
import io.deconflict.server.config.ServerSecurity;
import io.deconflict.service.tls.KeyStores;
import io.javalin.config.JettyConfig;
import java.util.Optional;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The API's HTTPS connector: the key store of {@code server.tls}, read by {@link KeyStores} as the
 * TAK listener reads its own, TLS 1.3 and 1.2 only, no client certificates (members sign in with
 * their bearer token, as over plain HTTP).
 *
 * <p>Used once, while the server is configured.
 */
final class Https {

  private static final String FIELD = "server.tls";

  private Https() {}

  /**
   * Makes Jetty listen with TLS only, on {@code host:port}, if {@code tls} is given.
   *
   * @throws ConfigurationException naming {@code server.tls} and the file if the key store cannot
   *     be read
   */
  static void install(JettyConfig jetty, Optional<ServerSecurity.Tls> tls, String host, int port) {
    if (tls.isEmpty()) {
      return;
    }
    KeyStores.ServerKey key;
    try {
      key = KeyStores.serverKey(tls.get().keyStore(), tls.get().keyStorePassword(), FIELD);
    } catch (IllegalStateException e) {
      throw new ConfigurationException(String.valueOf(e.getMessage()));
    }
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(KeyStores.context(key, Optional.empty(), FIELD));
    factory.setIncludeProtocols(KeyStores.PROTOCOLS);
    jetty.addConnector(
        (server, http) -> {
          SecureRequestCustomizer secure = new SecureRequestCustomizer();
          // clients may reach the service by address; the certificate names it, not SNI
          secure.setSniHostCheck(false);
          http.addCustomizer(secure);
          http.setSecureScheme("https");
          ServerConnector connector =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString()),
                  new HttpConnectionFactory(http));
          connector.setHost(host);
          connector.setPort(port);
          return connector;
        });
  }
}
