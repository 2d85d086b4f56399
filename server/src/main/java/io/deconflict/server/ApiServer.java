package io.deconflict.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Event;
import io.deconflict.service.Hotline;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.Subscription;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.hotline.Vocabulary;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP API: REST/JSON under {@code /api/v1}, RFC 9457 problem details for every error, a
 * server-sent event stream per member, and the OpenAPI document. Every route is in {@link
 * #routes()}, which a test holds against the OpenAPI document.
 *
 * <p>Thread-safe; one instance per listening port.
 */
public final class ApiServer implements AutoCloseable {

  /** The API's base path. */
  public static final String BASE = "/api/v1";

  private static final String MEMBER = "deconflict.member";
  private static final long HEARTBEAT_MILLIS = 15_000;

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
  private final Application app;
  private final Clock clock;
  private final MapLayers mapLayers;
  private final Javalin javalin;
  private final List<Route> routes = new ArrayList<>();
  private final Bodies bodies;
  private final Set<Subscription> streams = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** One route: method, path (Javalin syntax, {@code {id}} for a parameter) and handler. */
  public record Route(HandlerType method, String path, io.javalin.http.Handler handler) {}

  private ApiServer(Application app, Configuration config, Clock clock, MapLayers mapLayers) {
    this.config = config;
    this.clock = clock;
    this.mapLayers = mapLayers;
    this.app = app;
    this.bodies = new Bodies(config.maxBodyBytes());
    defineRoutes();
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
    stopping = true;
    for (Subscription s : streams) {
      s.close();
    }
    javalin.stop();
  }

  // ---------------------------------------------------------------------------------------------
  // routes

  private void route(HandlerType method, String path, io.javalin.http.Handler handler) {
    routes.add(new Route(method, BASE + path, handler));
  }

  private void defineRoutes() {
    route(HandlerType.GET, "/openapi.json", this::openApi);
    route(HandlerType.GET, "/me", ctx -> json(ctx, 200, me(member(ctx))));
    route(HandlerType.GET, "/parties", ctx -> json(ctx, 200, parties()));
    route(
        HandlerType.GET,
        "/clock",
        ctx -> json(ctx, 200, Json.object().put("now", clock.instant().toString())));
    route(
        HandlerType.GET,
        "/map/layers",
        ctx -> {
          ArrayNode out = Json.array();
          for (MapLayers.Layer l : mapLayers.layers()) {
            out.addObject()
                .put("id", l.id())
                .put("name", l.name())
                .put("features", l.geojson().path("features").size());
          }
          json(ctx, 200, Json.object().set("layers", out));
        });
    route(
        HandlerType.GET,
        "/map/layers/{id}",
        ctx ->
            json(
                ctx,
                200,
                mapLayers
                    .layer(ctx.pathParam("id"))
                    .orElseThrow(
                        () -> ServiceException.notFound("no map layer " + ctx.pathParam("id")))
                    .geojson()));
    route(HandlerType.GET, "/agreements", this::listAgreements);
    route(
        HandlerType.POST,
        "/agreements",
        ctx -> {
          ObjectNode body = bodies.object(ctx);
          if (body.has("id")) {
            throw ServiceException.invalid(
                "/id",
                "/id is assigned by the service; revise an agreement with PUT /agreements/{id}");
          }
          created(ctx, "/agreements", Deconfliction.AGREEMENT_SET, body);
        });
    route(HandlerType.GET, "/agreements/{id}", this::getAgreement);
    route(
        HandlerType.PUT,
        "/agreements/{id}",
        command(Deconfliction.AGREEMENT_SET, "id", "id", 200, false));
    route(
        HandlerType.POST,
        "/agreements/{id}/suspend",
        command(Deconfliction.AGREEMENT_SUSPEND, "id", "id", 200, true));
    route(
        HandlerType.POST,
        "/agreements/{id}/resume",
        command(Deconfliction.AGREEMENT_RESUME, "id", "id", 200, true));
    for (String kind : List.of("movement", "site", "zone")) {
      String plural = "/" + kind + "s";
      route(HandlerType.GET, plural, ctx -> listItems(ctx, kind));
      route(HandlerType.POST, plural, ctx -> notifyItem(ctx, kind, false));
      route(HandlerType.GET, plural + "/{id}", ctx -> getItem(ctx, kind));
      route(HandlerType.PUT, plural + "/{id}", ctx -> notifyItem(ctx, kind, true));
      route(
          HandlerType.DELETE,
          plural + "/{id}",
          ctx -> {
            ObjectNode body = Json.object().put("kind", kind).put("id", ctx.pathParam("id"));
            json(ctx, 200, submit(ctx, Deconfliction.ITEM_CANCEL, body));
          });
    }
    route(HandlerType.POST, "/positions", this::positions);
    route(
        HandlerType.GET,
        "/tracks",
        ctx -> {
          Member m = member(ctx);
          String scope = Optional.ofNullable(ctx.queryParam("scope")).orElse("own");
          if (!scope.equals("own") && !scope.equals("visible")) {
            throw ServiceException.invalid("scope", "query parameter scope must be own or visible");
          }
          ArrayNode out = Json.array();
          app.read(s -> s.tracks(m, scope.equals("own"))).forEach(out::add);
          json(ctx, 200, Json.object().set("tracks", out));
        });
    route(HandlerType.GET, "/alerts", this::listAlerts);
    route(
        HandlerType.GET,
        "/alerts/{id}",
        ctx -> {
          Member m = member(ctx);
          json(ctx, 200, app.read(s -> s.alert(m, ctx.pathParam("id"))));
        });
    route(
        HandlerType.POST,
        "/alerts/{id}/acknowledge",
        command(Deconfliction.ALERT_ACKNOWLEDGE, "alert", "id", 200, false));
    route(
        HandlerType.POST,
        "/alerts/{id}/deconflict",
        command(Deconfliction.ALERT_DECONFLICT, "alert", "id", 200, false));
    route(HandlerType.GET, "/events", this::events);
    route(HandlerType.GET, "/hotline/vocabulary", ctx -> json(ctx, 200, Vocabulary.toJson()));
    route(
        HandlerType.GET,
        "/hotline/threads",
        ctx -> {
          Member m = member(ctx);
          ArrayNode out = Json.array();
          app.read(s -> s.hotlineThreads(m)).forEach(out::add);
          json(ctx, 200, Json.object().set("threads", out));
        });
    route(HandlerType.GET, "/hotline/threads/{thread}/messages", this::messages);
    route(
        HandlerType.POST,
        "/hotline/threads/{thread}/messages",
        command(Deconfliction.HOTLINE_POST, "thread", "thread", 201, false));
    route(
        HandlerType.GET,
        "/incidents",
        ctx -> {
          Member m = member(ctx);
          ArrayNode out = Json.array();
          app.read(s -> s.incidents(m)).forEach(out::add);
          json(ctx, 200, Json.object().set("incidents", out));
        });
    route(
        HandlerType.POST,
        "/incidents",
        ctx -> created(ctx, "/incidents", Deconfliction.INCIDENT_RECORD, bodies.object(ctx)));
    route(
        HandlerType.GET,
        "/incidents/{id}",
        ctx -> {
          Member m = member(ctx);
          json(ctx, 200, app.read(s -> s.incident(m, ctx.pathParam("id"))));
        });
    route(
        HandlerType.PUT,
        "/incidents/{id}",
        command(Deconfliction.INCIDENT_REVISE, "id", "id", 200, false));
    route(
        HandlerType.POST,
        "/incidents/{id}/accounts",
        command(Deconfliction.INCIDENT_ACCOUNT, "id", "id", 201, false));
  }

  // ---------------------------------------------------------------------------------------------
  // handlers

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
    ctx.attribute(MEMBER, member.get());
  }

  private static Member member(Context ctx) {
    Member m = ctx.attribute(MEMBER);
    if (m == null) {
      throw new IllegalStateException("no member on an authenticated route");
    }
    return m;
  }

  private ObjectNode me(Member m) {
    ObjectNode out =
        Json.object()
            .put("member", m.id())
            .put("name", m.name())
            .put("party", m.party())
            .put("role", m.role().wireName());
    config.directory().party(m.party()).ifPresent(p -> out.put("language", p.language()));
    return out;
  }

  private ObjectNode parties() {
    ArrayNode list = Json.array();
    for (Party p : config.directory().parties()) {
      list.addObject().put("id", p.id()).put("name", p.name()).put("language", p.language());
    }
    return (ObjectNode) Json.object().set("parties", list);
  }

  private void listAgreements(Context ctx) {
    Member m = member(ctx);
    ArrayNode out = Json.array();
    for (Agreement a : app.read(s -> s.agreements(m))) {
      out.add(Deconfliction.agreementJson(a));
    }
    json(ctx, 200, Json.object().set("agreements", out));
  }

  private void getAgreement(Context ctx) {
    Member m = member(ctx);
    List<Agreement> versions = app.read(s -> s.agreementVersions(m, ctx.pathParam("id")));
    ObjectNode out = Deconfliction.agreementJson(versions.get(versions.size() - 1));
    ArrayNode all = out.putArray("versions");
    versions.forEach(v -> all.add(Deconfliction.agreementJson(v)));
    json(ctx, 200, out);
  }

  /**
   * A handler that submits the request body as a command of {@code type}, with the path parameter
   * {@code param} set as the body's {@code field}.
   *
   * @param emptyBodyAllowed whether an empty body stands for {@code {}}
   */
  private io.javalin.http.Handler command(
      String type, String field, String param, int status, boolean emptyBodyAllowed) {
    return ctx -> {
      ObjectNode body = bodies.object(ctx, emptyBodyAllowed);
      body.put(field, ctx.pathParam(param));
      json(ctx, status, submit(ctx, type, body));
    };
  }

  private void notifyItem(Context ctx, String kind, boolean replace) {
    ObjectNode feature = bodies.object(ctx);
    ObjectNode command = Json.object().put("kind", kind).put("replace", replace);
    if (replace) {
      JsonNode id = feature.get("id");
      if (id != null && !id.asText().equals(ctx.pathParam("id"))) {
        throw ServiceException.invalid(
            "/id", "/id \"" + id.asText() + "\" differs from the path's " + ctx.pathParam("id"));
      }
      feature.put("id", ctx.pathParam("id"));
    }
    JsonNode emergency = feature.path("properties").path("emergency");
    if (!emergency.isMissingNode()) {
      if (!emergency.isBoolean()) {
        throw ServiceException.invalid(
            "/properties/emergency", "/properties/emergency must be true or false");
      }
      command.put("emergency", emergency.booleanValue());
      ((ObjectNode) feature.get("properties")).remove("emergency");
    }
    command.set("feature", feature);
    JsonNode reply;
    try {
      reply = submit(ctx, Deconfliction.ITEM_NOTIFY, command);
    } catch (ServiceException e) {
      // the service names fields inside the command; over HTTP the body is the feature itself
      if (e.kind() == ServiceException.Kind.INVALID && e.field().startsWith("/feature")) {
        String field = e.field().substring("/feature".length());
        String detail = String.valueOf(e.getMessage());
        detail =
            detail.startsWith("/feature: ")
                ? detail.substring("/feature: ".length())
                : detail.replace("/feature/", "/");
        throw ServiceException.invalid(field.isEmpty() ? Bodies.pointerOf(detail) : field, detail);
      }
      throw e;
    }
    if (replace) {
      json(ctx, 200, reply);
    } else {
      ctx.header("Location", BASE + "/" + kind + "s/" + reply.path("id").asText());
      json(ctx, 201, reply);
    }
  }

  private void listItems(Context ctx, String kind) {
    Member m = member(ctx);
    String scope = Optional.ofNullable(ctx.queryParam("scope")).orElse("own");
    if (!scope.equals("own") && !scope.equals("visible")) {
      throw ServiceException.invalid("scope", "query parameter scope must be own or visible");
    }
    ArrayNode out = Json.array();
    app.read(s -> s.items(m, kind, scope.equals("own"))).forEach(out::add);
    json(ctx, 200, Json.object().set(kind + "s", out));
  }

  private void getItem(Context ctx, String kind) {
    Member m = member(ctx);
    String party = Optional.ofNullable(ctx.queryParam("party")).orElse(m.party());
    json(ctx, 200, app.read(s -> s.item(m, kind, party, ctx.pathParam("id"))));
  }

  /**
   * A batch of position reports: a JSON array, an object {@code {"reports": [...]}}, or NDJSON (one
   * report per line) when the content type is {@code application/x-ndjson}.
   */
  private void positions(Context ctx) {
    byte[] bytes = bodies.bounded(ctx);
    String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
    ArrayNode reports = Json.array();
    if (type.startsWith("application/x-ndjson") || type.startsWith("application/ndjson")) {
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        try {
          reports.add(Json.MAPPER.readTree(lines[i]));
        } catch (JsonProcessingException e) {
          throw ServiceException.invalid(
              "/reports/" + reports.size(),
              "line " + (i + 1) + " is not valid JSON: " + e.getOriginalMessage());
        }
      }
    } else {
      JsonNode node = Bodies.parse(bytes);
      if (node.isArray()) {
        reports = (ArrayNode) node;
      } else if (node.isObject() && node.path("reports").isArray()) {
        reports = (ArrayNode) node.get("reports");
      } else {
        throw ServiceException.invalid(
            "", "send a JSON array of reports, {\"reports\": [...]}, or NDJSON");
      }
    }
    ObjectNode body = Json.object();
    body.set("reports", reports);
    json(ctx, 200, submit(ctx, Deconfliction.POSITIONS_REPORT, body));
  }

  private void listAlerts(Context ctx) {
    Member m = member(ctx);
    Optional<String> state = Optional.ofNullable(ctx.queryParam("state"));
    if (state.isPresent() && !Set.of("open", "acknowledged", "resolved").contains(state.get())) {
      throw ServiceException.invalid(
          "state", "query parameter state must be open, acknowledged or resolved");
    }
    int limit = Bodies.intParam(ctx, "limit", 100, 1, 10_000);
    ArrayNode out = Json.array();
    app.read(s -> s.alerts(m, state, limit)).forEach(out::add);
    json(ctx, 200, Json.object().set("alerts", out));
  }

  private void messages(Context ctx) {
    Member m = member(ctx);
    Language language = language(ctx, m);
    ArrayNode out = Json.array();
    app.read(s -> s.hotlineMessages(m, ctx.pathParam("thread"), language)).forEach(out::add);
    json(ctx, 200, Json.object().put("thread", ctx.pathParam("thread")).set("messages", out));
  }

  private Language language(Context ctx, Member m) {
    String lang = ctx.queryParam("lang");
    if (lang != null) {
      try {
        return Language.of(lang);
      } catch (IllegalArgumentException e) {
        throw ServiceException.invalid("lang", String.valueOf(e.getMessage()));
      }
    }
    String accept = ctx.header("Accept-Language");
    if (accept != null && !accept.isBlank()) {
      return Language.parse(accept);
    }
    return config
        .directory()
        .party(m.party())
        .map(p -> Language.parse(p.language()))
        .orElse(Language.EN);
  }

  private void openApi(Context ctx) throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  /** The event stream: every fact the member is told, from {@code Last-Event-ID} on. */
  private void events(Context ctx) throws IOException, InterruptedException {
    Member m = member(ctx);
    long after = app.lastSeq();
    String last =
        Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
    if (last != null && !last.isBlank()) {
      try {
        after = Long.parseLong(last.trim());
      } catch (NumberFormatException e) {
        throw ServiceException.invalid(
            "Last-Event-ID", "Last-Event-ID must be an event id (an integer)");
      }
      if (after < 0) {
        throw ServiceException.invalid("Last-Event-ID", "Last-Event-ID must not be negative");
      }
    }
    Language language = language(ctx, m);
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-store");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    out.write(
        ("retry: 2000\n: connected, events after " + after + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    Subscription sub = app.subscribe(m, after);
    streams.add(sub);
    try {
      while (!stopping) {
        Optional<Event> next;
        try {
          next = sub.next(HEARTBEAT_MILLIS);
        } catch (IllegalStateException closed) {
          break;
        }
        if (next.isEmpty()) {
          out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(sse(next.get(), language).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
    } catch (IOException gone) {
      // the client went away
    } finally {
      streams.remove(sub);
      app.unsubscribe(sub);
    }
  }

  private static String sse(Event e, Language language) throws JsonProcessingException {
    ObjectNode data = Json.object();
    data.put("seq", e.seq()).put("type", e.type()).put("time", e.time().toString());
    data.put("by", e.by());
    ObjectNode body = e.body().deepCopy();
    if (e.type().equals(Deconfliction.HOTLINE_POST)) {
      body = Hotline.render(Hotline.message(body), language);
    }
    data.set("body", body);
    return "id: "
        + e.seq()
        + "\nevent: "
        + e.type()
        + "\ndata: "
        + Json.MAPPER.writeValueAsString(data)
        + "\n\n";
  }

  // ---------------------------------------------------------------------------------------------
  // plumbing

  /** Decodes {@code body} as a command of {@code type} and submits it for the signed-in member. */
  private JsonNode submit(Context ctx, String type, ObjectNode body) {
    return app.submit(member(ctx), CommandCodec.decode(type, body));
  }

  private void created(Context ctx, String collection, String type, ObjectNode body) {
    JsonNode reply = submit(ctx, type, body);
    ctx.header("Location", BASE + collection + "/" + reply.path("id").asText());
    json(ctx, 201, reply);
  }

  private static void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
