package io.deconflict.server;

import io.deconflict.server.config.Configuration;
import io.deconflict.server.map.MapLayers;
import io.deconflict.server.metrics.ServiceMetrics;
import io.deconflict.service.Application;
import io.deconflict.service.access.Gate;
import io.deconflict.service.access.SignIn;
import io.deconflict.service.limit.MemberLimits;
import io.deconflict.service.party.Member;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger ACCESS = LoggerFactory.getLogger("io.deconflict.http.access");
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Configuration config;
  private final Javalin javalin;
  private final List<Route> routes;
  private final EventStream events;
  private final Gate gate;
  private final boolean ownsGate;
  private final Operations operations;

  /** One route: method, path (Javalin syntax, {@code {id}} for a parameter) and handler. */
  public record Route(HandlerType method, String path, io.javalin.http.Handler handler) {}

  /**
   * What the server shares with the rest of the service for its operators: the per-member limits
   * (one instance with the TAK listener, so that both count a member's connections) and the metrics
   * it records its requests in.
   */
  public record Operations(MemberLimits limits, ServiceMetrics metrics) {

    /**
     * For a server started on its own (tests, the demo, benchmarks): limits nobody reaches ({@link
     * MemberLimits.Settings#NONE}) and metrics that nobody scrapes. {@code serve} passes the
     * configured limits, whose defaults are {@link MemberLimits.Settings#DEFAULT}.
     */
    public static Operations standalone() {
      return new Operations(
          MemberLimits.of(MemberLimits.Settings.NONE, System::nanoTime), new ServiceMetrics());
    }
  }

  private ApiServer(
      Application app,
      Configuration config,
      Clock clock,
      MapLayers mapLayers,
      Gate gate,
      boolean ownsGate,
      Operations operations) {
    config.server().requireSafe(config.host(), "host");
    this.config = config;
    this.gate = gate;
    this.ownsGate = ownsGate;
    this.operations = operations;
    Exchange exchange = new Exchange(app, config, gate);
    this.events = new EventStream(exchange);
    operations.metrics().bindEventStreams(events::subscribers);
    RouteTable table = new RouteTable();
    for (RouteTable.Group group :
        List.of(
            new ServiceRoutes(exchange, clock, mapLayers),
            new AgreementRoutes(exchange),
            new ReviewRoutes(exchange, mapLayers),
            new ItemRoutes(exchange),
            new PositionRoutes(exchange),
            new AlertRoutes(exchange),
            events,
            new PictureRoutes(exchange),
            new HotlineRoutes(exchange),
            new IncidentRoutes(exchange),
            new AccessRoutes(exchange))) {
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
              c.requestLogger.http(this::log);
              ContainerErrors.install(c.jetty);
              Https.install(c.jetty, config.server().tls(), config.host(), config.port());
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
      javalin.addHttpHandler(r.method(), r.path(), limited(r.handler()));
    }
    Problems.install(javalin, config.maxBodyBytes());
    try {
      javalin.start(config.host(), config.port());
    } catch (RuntimeException e) {
      if (ownsGate) {
        gate.close();
      }
      throw e;
    }
  }

  /**
   * Listens on the configured host and port for the application (built by {@code ServiceRuntime},
   * which owns it: closing the server leaves the application running); in HTTPS only with {@code
   * server.tls}, whose key store is read here.
   *
   * @throws io.deconflict.server.config.ConfigurationException if plain HTTP would listen on an
   *     address other than loopback without {@code server.allowPlainHttp}, or the key store cannot
   *     be read
   */
  public static ApiServer start(Application app, Configuration config, Clock clock) {
    return start(app, config, clock, MapLayers.none());
  }

  /**
   * As {@link #start(Application, Configuration, Clock)}, with base-map layers for the web map; the
   * members' tokens are those of the configuration, not reloadable.
   */
  public static ApiServer start(
      Application app, Configuration config, Clock clock, MapLayers mapLayers) {
    return new ApiServer(
        app,
        config,
        clock,
        mapLayers,
        Gate.fixed(app, config.directory(), clock),
        true,
        Operations.standalone());
  }

  /**
   * As {@link #start(Application, Configuration, Clock, MapLayers)}, signing members in through
   * {@code gate}, which the TAK listener shares and its owner closes (so that a revocation ends the
   * connections of both, and a reload changes the tokens of both).
   */
  public static ApiServer start(
      Application app, Configuration config, Clock clock, MapLayers mapLayers, Gate gate) {
    return new ApiServer(app, config, clock, mapLayers, gate, false, Operations.standalone());
  }

  /**
   * As {@link #start(Application, Configuration, Clock, MapLayers)}, with the limits and metrics
   * the composition root shares with the TAK listener and the management listener.
   */
  public static ApiServer start(
      Application app,
      Configuration config,
      Clock clock,
      MapLayers mapLayers,
      Operations operations) {
    return new ApiServer(
        app,
        config,
        clock,
        mapLayers,
        Gate.fixed(app, config.directory(), clock),
        true,
        operations);
  }

  /**
   * The server {@code serve} starts: members signed in through {@code gate} (shared with the TAK
   * listener, closed by its owner), with the limits and metrics shared with the TAK listener and
   * the management listener.
   */
  public static ApiServer start(
      Application app,
      Configuration config,
      Clock clock,
      MapLayers mapLayers,
      Gate gate,
      Operations operations) {
    return new ApiServer(app, config, clock, mapLayers, gate, false, operations);
  }

  /** The web map's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI webUri() {
    return URI.create(scheme() + "://" + config.host() + ":" + port() + "/");
  }

  /** {@code https} with {@code server.tls}, else {@code http}. */
  private String scheme() {
    return config.server().tls().isPresent() ? "https" : "http";
  }

  /** The port it listens on. */
  public int port() {
    return javalin.port();
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:8080/api/v1}. */
  public URI uri() {
    return URI.create(scheme() + "://" + config.host() + ":" + port() + BASE);
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
    if (ownsGate) {
      gate.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The handler inside the signed-in member's limits: one request of its rate, and one of its
   * connections for as long as the handler runs (an event stream holds it while it is open).
   */
  private Handler limited(Handler handler) {
    return ctx -> {
      Member m = ctx.attribute(Exchange.MEMBER);
      if (m == null) {
        handler.handle(ctx); // the OpenAPI document and preflight requests need no member
        return;
      }
      operations.limits().admit(m.id());
      try (MemberLimits.Lease lease = operations.limits().open(m.id())) {
        handler.handle(ctx);
      }
    };
  }

  /**
   * Records a finished request: in the metrics by route template and status, and in the access log
   * (at debug) with the member's id. Never the token or a header.
   */
  private void log(Context ctx, Float millis) {
    String route = route(ctx);
    int status = ctx.statusCode();
    long nanos = (long) (millis * 1_000_000.0);
    operations.metrics().request(route, ctx.method().name(), status, nanos);
    if (ACCESS.isDebugEnabled()) {
      Member m = ctx.attribute(Exchange.MEMBER);
      ACCESS
          .atDebug()
          .addKeyValue("method", ctx.method().name())
          .addKeyValue("route", route)
          .addKeyValue("path", ctx.path())
          .addKeyValue("status", status)
          .addKeyValue("millis", millis)
          .addKeyValue("member", m == null ? "" : m.id())
          .addKeyValue("remote", ctx.ip())
          .log("{} {} {}", ctx.method().name(), route, status);
    }
  }

  /** The route template the request matched; {@code static} or {@code unmatched} otherwise. */
  private static String route(Context ctx) {
    String matched;
    try {
      matched = ctx.endpointHandlerPath();
    } catch (RuntimeException none) {
      matched = "";
    }
    if (matched.startsWith(BASE)) {
      return matched;
    }
    return ctx.path().startsWith(BASE) ? "unmatched" : "static";
  }

  private void authenticate(Context ctx) {
    if (ctx.path().equals(BASE + "/openapi.json") || ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    String header = ctx.header("Authorization");
    Optional<String> token = Optional.empty();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = Optional.of(header.substring(7).trim());
    }
    SignIn result = gate.signIn(token, Gate.HTTP, ctx.ip(), ctx.method().name() + " " + ctx.path());
    if (result instanceof SignIn.Refused refused) {
      LOG.atInfo()
          .addKeyValue("remote", ctx.ip())
          .addKeyValue("path", ctx.path())
          .log(
              "authentication failed: {}",
              header == null ? "no Authorization header" : refused.reason().wireName());
      ctx.header("WWW-Authenticate", "Bearer realm=\"deconflict\"");
      Problems.write(
          ctx,
          401,
          refused.reason() == SignIn.Reason.EXPIRED
              ? "token-expired"
              : refused.reason() == SignIn.Reason.REVOKED ? "token-revoked" : "unauthorized",
          header == null ? "sign in: send Authorization: Bearer <token>" : refused.message(),
          "");
      ctx.skipRemainingHandlers();
      return;
    }
    SignIn.Admitted admitted = (SignIn.Admitted) result;
    ctx.attribute(Exchange.MEMBER, admitted.member());
    ctx.attribute(Exchange.SIGN_IN, admitted);
  }
}
