package io.deconflict.tak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.deconflict.service.Json;
import io.deconflict.service.party.Member;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest useful part of TAK Server's Marti REST API, on its own HTTPS port (TAK Server's is
 * 8443): what TAK clients and libraries call when they connect, {@code GET /Marti/api/version} (the
 * server's name and version, plain text) and {@code GET /Marti/api/version/config} (the same as TAK
 * Server's {@code ServerConfig} JSON document). Served over TLS with the streaming port's key and
 * trust stores; a client certificate is required and must be mapped to a member, as on the
 * streaming port. Anything else under the API is answered 404 with what is provided. See {@code
 * docs/tak.md}.
 *
 * <p>The JDK's HTTPS server, on two daemon threads. Thread-safe.
 */
final class MartiApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MartiApi.class);

  static final String VERSION_PATH = "/Marti/api/version";
  static final String CONFIG_PATH = "/Marti/api/version/config";

  private final TakListener listener;
  private final String nodeId;
  private final HttpsServer server;
  private final ExecutorService threads;

  private MartiApi(TakListener listener, HttpsServer server, String nodeId) {
    this.listener = listener;
    this.server = server;
    this.nodeId = nodeId;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "deconflict-tak-marti-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Listens on {@code host:port} (0 picks a free port).
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  static MartiApi start(TakListener listener, String host, int port, TlsMaterial material) {
    HttpsServer server;
    try {
      server = HttpsServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen for the Marti API on " + host + ":" + port + ": " + e, e);
    }
    SSLContext ssl = material.sslContext();
    server.setHttpsConfigurator(
        new HttpsConfigurator(ssl) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = ssl.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            p.setProtocols(TlsMaterial.PROTOCOLS);
            params.setSSLParameters(p);
          }
        });
    // TAK Server names its node with a hex id; this one is stable: the start of the server
    // certificate's fingerprint
    MartiApi api = new MartiApi(listener, server, material.serverFingerprint().substring(0, 32));
    server.createContext("/", api::handle);
    server.setExecutor(api.threads);
    server.start();
    return api;
  }

  /** The port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      Optional<Member> member = member((HttpsExchange) x);
      if (member.isEmpty()) {
        text(x, 403, "this client certificate is not mapped to a member; ask the operator");
        return;
      }
      String method = x.getRequestMethod();
      String path = x.getRequestURI().getPath();
      LOG.debug("Marti {} {} from {}", method, path, member.get().id());
      if (!method.equals("GET") && !method.equals("HEAD")) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        text(x, 405, method + " is not allowed: the Marti API here is read-only (GET, HEAD)");
        return;
      }
      if (path.equals(VERSION_PATH)) {
        text(x, 200, ServerVersion.text());
      } else if (path.equals(CONFIG_PATH)) {
        ObjectNode config = Json.object().put("version", ServerVersion.API_VERSION);
        config.put("type", "ServerConfig");
        config
            .putObject("data")
            .put("version", ServerVersion.text())
            .put("api", ServerVersion.API_VERSION)
            .put("hostname", hostname(x));
        config.put("nodeId", nodeId);
        send(x, 200, "application/json", Json.MAPPER.writeValueAsBytes(config));
      } else {
        ObjectNode problem = Json.object().put("status", 404);
        problem.put(
            "error",
            path
                + " is not provided by this server: it answers "
                + VERSION_PATH
                + " and "
                + CONFIG_PATH
                + " (see docs/tak.md)");
        send(x, 404, "application/json", Json.MAPPER.writeValueAsBytes(problem));
      }
    } catch (RuntimeException e) {
      LOG.warn("Marti request {} failed", x.getRequestURI(), e);
      throw e;
    }
  }

  /** The host name the client called, from its {@code Host} header, else the local address. */
  private static String hostname(HttpExchange x) {
    String host = x.getRequestHeaders().getFirst("Host");
    if (host == null || host.isBlank()) {
      return x.getLocalAddress().getHostString();
    }
    host = host.trim();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(1, end) : host;
    }
    int colon = host.indexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  private Optional<Member> member(HttpsExchange x) {
    SSLSession session = x.getSSLSession();
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof java.security.cert.X509Certificate cert)) {
        return Optional.empty();
      }
      String fingerprint =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
      X500Principal subject = cert.getSubjectX500Principal();
      Optional<Member> m =
          listener.certificateMember(fingerprint, subject.getName(X500Principal.CANONICAL));
      if (m.isEmpty()) {
        LOG.info(
            "Marti API client {} with certificate {} (sha256 {}) is not mapped to a member",
            x.getRemoteAddress(),
            subject.getName(),
            fingerprint);
      }
      return m;
    } catch (SSLPeerUnverifiedException
        | CertificateEncodingException
        | NoSuchAlgorithmException e) {
      LOG.info(
          "Marti API client {} gave no usable certificate: {}", x.getRemoteAddress(), e.toString());
      return Optional.empty();
    }
  }

  private static void text(HttpExchange x, int status, String body) throws IOException {
    send(x, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int status, String type, byte[] body)
      throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    boolean head = x.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
    x.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops listening; requests in progress get a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
  }
}
