package io.deconflict.server;

import io.deconflict.server.config.Configuration;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.Application;
import io.deconflict.service.party.Member;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP API: REST/JSON under {@code /api/v1}, RFC 9457 problem details for every error ({@link
 * Problems}), a server-sent event stream per member ({@link EventStream}), and the OpenAPI
 * document. The routes are defined by one group per resource ({@link AgreementRoutes}, {@link
 * ItemRoutes}, {@link AlertRoutes}, ...) over the plumbing they share ({@link Exchange}, {@link
 * Bodies}); every route is in {@link #routes()}, which a test holds against the OpenAPI document.
 *
 * <p>Thread-safe; one instance per listening port.
 */
public final class ApiServer implements AutoCloseable {

  /** The API's base path. */
  public static final String BASE = "/api/v1";

  /** Where the web map's files are on the class path (the {@code web} module's jar). */
  static final String WEB_RESOURCES = "/io/deconflict/web/static";

  /**
   * Headers on the web map's files: nothing loads from anywhere but this service (the map has no
   * tile server), and no page frames it.
   */
  static final Map<String, String> WEB_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
              + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-cache");

  private final Configuration config;
  private final Javalin javalin;
  private final List<Route> routes;
  private final EventStream events;

  /** One route: method, path (Javalin syntax, {@code {id}} for a parameter) and handler. */
  public record Route(HandlerType method, String path, io.javalin.http.Handler handler) {}

  private ApiServer(Application app, Configuration config, Clock clock, MapLayers mapLayers) {
    this.config = config;
    Exchange exchange = new Exchange(app, config);
    this.events = new EventStream(exchange);
    RouteTable table = new RouteTable();
    for (RouteTable.Group group :
        List.of(
            new ServiceRoutes(exchange, clock, mapLayers),
            new AgreementRoutes(exchange),
            new ItemRoutes(exchange),
            new PositionRoutes(exchange),
            new AlertRoutes(exchange),
            events,
            new PictureRoutes(exchange),
            new HotlineRoutes(exchange),
            new IncidentRoutes(exchange))) {
      group.define(table);
    }
    this.routes = table.routes();
    QueuedThreadPool pool = new QueuedThreadPool(400, 8, 60_000);
    pool.setName("deconflict-http");
    this.javalin =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.http.maxRequestSize = config.maxBodyBytes();
              c.http.prefer405over404 = true;
              c.http.disableCompression();
              c.router.ignoreTrailingSlashes = true;
              c.jetty.threadPool = pool;
              ContainerErrors.install(c.jetty);
              if (ApiServer.class.getResource(WEB_RESOURCES + "/index.html") != null) {
                c.staticFiles.add(
                    files -> {
                      files.hostedPath = "/";
                      files.directory = WEB_RESOURCES;
                      files.location = Location.CLASSPATH;
                      files.headers = WEB_HEADERS;
                    });
              }
            });
    javalin.before(BASE + "/*", this::authenticate);
    for (Route r : routes) {
      javalin.addHttpHandler(r.method(), r.path(), r.handler());
    }
    Problems.install(javalin, config.maxBodyBytes());
    javalin.start(config.host(), config.port());
  }

  /**
   * Listens on the configured host and port for the application (built by {@code ServiceRuntime},
   * which owns it: closing the server leaves the application running).
   */
  public static ApiServer start(Application app, Configuration config, Clock clock) {
    return new ApiServer(app, config, clock, MapLayers.none());
  }

  /** As {@link #start(Application, Configuration, Clock)}, with base-map layers for the web map. */
  public static ApiServer start(
      Application app, Configuration config, Clock clock, MapLayers mapLayers) {
    return new ApiServer(app, config, clock, mapLayers);
  }

  /** The web map's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI webUri() {
    return URI.create("http://" + config.host() + ":" + port() + "/");
  }

  /** The port it listens on. */
  public int port() {
    return javalin.port();
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:8080/api/v1}. */
  public URI uri() {
    return URI.create("http://" + config.host() + ":" + port() + BASE);
  }

  /** Every route, in registration order. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Stops listening and ends the event streams it serves. The application keeps running: its owner
   * ({@code ServiceRuntime}) stops it.
   */
  @Override
  public void close() {
    events.close();
    javalin.stop();
  }

  // ---------------------------------------------------------------------------------------------

  private void authenticate(Context ctx) {
    if (ctx.path().equals(BASE + "/openapi.json") || ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    String header = ctx.header("Authorization");
    Optional<Member> member = Optional.empty();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      member = config.directory().authenticate(header.substring(7).trim());
    }
    if (member.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"deconflict\"");
      Problems.write(
          ctx,
          401,
          "unauthorized",
          header == null
              ? "sign in: send Authorization: Bearer <token>"
              : "the bearer token is not valid",
          "");
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute(Exchange.MEMBER, member.get());
  }
}
