package io.deconflict.tak;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The shared test keys ({@link io.deconflict.testkit.pki.TestPki}) as the TAK tests use them: the
 * server's TLS settings and TAK clients over TLS.
 */
final class TestPki {

  static final String PASS = io.deconflict.testkit.pki.TestPki.PASS;

  private final io.deconflict.testkit.pki.TestPki keys;

  private TestPki(io.deconflict.testkit.pki.TestPki keys) {
    this.keys = keys;
  }

  /** Makes every key in {@code dir}. */
  static TestPki make(Path dir) throws Exception {
    return new TestPki(io.deconflict.testkit.pki.TestPki.make(dir));
  }

  Path file(String name) {
    return keys.file(name);
  }

  /** The TLS material of the server, as configured. */
  TakSettings.Tls serverTls() {
    return new TakSettings.Tls(file("server.p12"), PASS, file("trust.p12"), PASS);
  }

  String sha256(String name) throws Exception {
    return keys.sha256(name);
  }

  SSLContext clientContext(String name) throws Exception {
    return keys.clientContext(name);
  }

  /** A TAK client over TLS with the key {@code name}. */
  TakClient connect(int port, String name, String uid) throws Exception {
    SSLSocket s = (SSLSocket) clientContext(name).getSocketFactory().createSocket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.startHandshake();
    return new TakClient(s, uid);
  }
}
