package io.deconflict.server.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.deconflict.service.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The management listener: {@code GET /metrics} (Prometheus text format), {@code GET /health/live}
 * and {@code GET /health/ready}, with no token, on an address of its own (loopback by default) so
 * that only the operator's monitoring reaches it; see {@code docs/operations.md}. Started before
 * the journal is replayed, so readiness can say "not yet". Thread-safe.
 */
public final class ManagementServer implements AutoCloseable {

  /** The Prometheus text exposition format's content type. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin javalin;
  private final String host;

  private ManagementServer(String host, int port, ServiceMetrics metrics, Readiness readiness) {
    this.host = host;
    QueuedThreadPool pool = new QueuedThreadPool(8, 2, 60_000);
    pool.setName("deconflict-management");
    this.javalin =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.jetty.threadPool = pool;
              c.http.disableCompression();
            });
    javalin.get(
        "/metrics", ctx -> ctx.status(200).contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    javalin.get("/health/live", ctx -> status(ctx, 200, "up", Optional.empty()));
    javalin.get(
        "/health/ready",
        ctx -> {
          Optional<String> why = readiness.notReady();
          status(ctx, why.isEmpty() ? 200 : 503, why.isEmpty() ? "ready" : "not ready", why);
        });
    javalin.start(host, port);
  }

  /**
   * Listens on {@code host}:{@code port} (0 picks a free port).
   *
   * @throws RuntimeException (with a {@link java.net.BindException} as a cause) if the port is in
   *     use
   */
  public static ManagementServer start(
      String host, int port, ServiceMetrics metrics, Readiness readiness) {
    return new ManagementServer(host, port, metrics, readiness);
  }

  /** The port it listens on. */
  public int port() {
    return javalin.port();
  }

  /** Its base URI, such as {@code http://127.0.0.1:9464}. */
  public URI uri() {
    return URI.create("http://" + host + ":" + port());
  }

  @Override
  public void close() {
    javalin.stop();
  }

  private static void status(Context ctx, int status, String word, Optional<String> why) {
    var body = Json.object().put("status", word);
    why.ifPresent(w -> body.put("detail", w));
    try {
      ctx.status(status)
          .header("Cache-Control", "no-store")
          .contentType("application/json")
          .result(Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
