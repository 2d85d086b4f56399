package io.deconflict.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.sse.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real server on a random port over a temporary data directory, with three parties ({@code us},
 * {@code ru}, {@code tr}), an officer, commander and observer each, and an operator; tokens are
 * {@code token-<member>}. Speaks HTTP to it like any client.
 */
final class TestService implements AutoCloseable {

  static final Instant T0 = Instant.parse("2022-10-08T06:00:00Z");

  final Path data;
  final Clock clock;
  final HttpClient http = HttpClient.newHttpClient();
  ServiceRuntime runtime;
  ApiServer server;
  private final List<EventStream> streams = new ArrayList<>();
  private final ApiServer.Operations operations;
  private final java.util.function.Consumer<ObjectNode> configure;

  TestService(Path data, Clock clock) {
    this(data, clock, ApiServer.Operations.standalone());
  }

  /** A test service whose configuration document {@code configure} changes first. */
  TestService(Path data, Clock clock, java.util.function.Consumer<ObjectNode> configure) {
    this(data, clock, ApiServer.Operations.standalone(), configure);
  }

  /** A test service whose server records into these limits and metrics. */
  TestService(Path data, Clock clock, ApiServer.Operations operations) {
    this(data, clock, operations, root -> {});
  }

  private TestService(
      Path data,
      Clock clock,
      ApiServer.Operations operations,
      java.util.function.Consumer<ObjectNode> configure) {
    this.data = data;
    this.clock = clock;
    this.operations = operations;
    this.configure = configure;
    this.runtime = open();
    this.server = start();
  }

  static ObjectNode configJson(Path data) {
    ObjectNode root = Json.object();
    root.put("host", "127.0.0.1").put("port", 0).put("data", data.toString());
    ArrayNode parties = root.putArray("parties");
    parties.addObject().put("id", "us").put("name", "US-led coalition").put("language", "en");
    parties
        .addObject()
        .put("id", "ru")
        .put("name", "Russian military police")
        .put("language", "ru");
    parties.addObject().put("id", "tr").put("name", "Turkish armed forces").put("language", "tr");
    ArrayNode members = root.putArray("members");
    for (String party : List.of("us", "ru", "tr")) {
      for (String role : List.of("officer", "commander", "observer")) {
        String id = party + "-" + role;
        members
            .addObject()
            .put("id", id)
            .put("party", party)
            .put("role", role)
            .put("tokenSha256", Tokens.sha256("token-" + id));
      }
    }
    members
        .addObject()
        .put("id", "operator")
        .put("party", "mechanism")
        .put("role", "operator")
        .put("tokenSha256", Tokens.sha256("token-operator"));
    return root;
  }

  private ObjectNode document() {
    ObjectNode root = configJson(data);
    configure.accept(root);
    return root;
  }

  private ServiceRuntime open() {
    Configuration config = Configuration.parse(document(), Map.of());
    return ServiceRuntime.open(
        config.dataDirectory(), config.directory(), config.defaults(), clock, 20);
  }

  ApiServer start() {
    return ApiServer.start(
        runtime.application(),
        Configuration.parse(document(), Map.of()),
        clock,
        io.deconflict.server.map.MapLayers.none(),
        operations);
  }

  void restart() {
    restart(() -> {});
  }

  /** Stops the service, runs {@code whileStopped} (on the data directory), starts it again. */
  void restart(Runnable whileStopped) {
    closeStreams();
    server.close();
    runtime.close();
    whileStopped.run();
    runtime = open();
    server = start();
  }

  /** Deletes the journal's snapshots (the service must be stopped): the next start replays all. */
  void deleteSnapshots() {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + ServiceRuntime.journalFile(data));
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM snapshots");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  record Reply(
      int status,
      String contentType,
      JsonNode json,
      String raw,
      java.net.http.HttpHeaders headers) {}

  Reply call(@Nullable String member, String method, String path, @Nullable String body) {
    return callWithType(member, method, path, body, "application/json");
  }

  Reply callWithType(
      @Nullable String member,
      String method,
      String path,
      @Nullable String body,
      String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1" + path))
            .timeout(Duration.ofSeconds(30));
    if (member != null) {
      b.header("Authorization", "Bearer token-" + member);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isEmpty() ? Json.object() : Json.MAPPER.readTree(r.body());
      } catch (IOException e) {
        json = Json.object();
      }
      return new Reply(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          json,
          r.body(),
          r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String member, String path) {
    return call(member, "GET", path, null);
  }

  Reply post(String member, String path, Object body) {
    return call(member, "POST", path, body.toString());
  }

  /** A US–RU agreement recorded by the operator. */
  Reply agreement(String extraJson) {
    String body =
        "{\"parties\": [\"us\", \"ru\"], \"separationMeters\": 1000,"
            + " \"acknowledgeWithin\": \"PT10M\", \"escalation\": [\"PT30M\", \"PT60M\"]"
            + extraJson
            + "}";
    return post("operator", "/agreements", body);
  }

  /** A movement feature: straight from (lon1, lat1) to (lon2, lat2) between two times. */
  static String movement(
      @Nullable String id,
      double lon1,
      double lat1,
      double lon2,
      double lat2,
      Instant t1,
      Instant t2) {
    return "{\"type\": \"Feature\", "
        + (id == null ? "" : "\"id\": \"" + id + "\", ")
        + "\"geometry\": {\"type\": \"LineString\", \"coordinates\": [["
        + lon1
        + ", "
        + lat1
        + "], ["
        + lon2
        + ", "
        + lat2
        + "]]}, \"properties\": {\"times\": [\""
        + t1
        + "\", \""
        + t2
        + "\"]}}";
  }

  /** Opens a member's event stream, optionally resuming after an id. */
  EventStream events(String member, Optional<Long> lastEventId) {
    EventStream s = new EventStream(member, lastEventId);
    streams.add(s);
    return s;
  }

  /** A server-sent event as read off the wire. */
  record Sse(long id, String event, JsonNode data) {}

  /** A live event stream read on its own thread by the shared client. */
  final class EventStream implements AutoCloseable {
    final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
    private final SseClient client;

    EventStream(String member, Optional<Long> lastEventId) {
      SseClient.Builder b =
          SseClient.to(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/events"))
              .http(http)
              .bearer("token-" + member)
              .name(member)
              .reconnect(false)
              .onEvent(
                  e ->
                      events.add(
                          new Sse(
                              e.id().isEmpty() ? -1 : Long.parseLong(e.id()),
                              e.type(),
                              readJson(e.data()))));
      lastEventId.ifPresent(id -> b.lastEventId(String.valueOf(id)));
      try {
        client = b.open();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(member + "'s event stream: interrupted while opening", e);
      }
    }

    private static JsonNode readJson(String data) {
      try {
        return Json.MAPPER.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The next event of this type, waiting up to 10 s. */
    Sse next(String type) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      try {
        while (System.nanoTime() < deadline) {
          Sse e = events.poll(100, TimeUnit.MILLISECONDS);
          if (e != null && e.event().equals(type)) {
            return e;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new AssertionError("no " + type + " event within 10 s");
    }

    /** Every event received so far. */
    List<Sse> drain() {
      List<Sse> out = new ArrayList<>();
      events.drainTo(out);
      return out;
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private void closeStreams() {
    streams.forEach(EventStream::close);
    streams.clear();
  }

  @Override
  public void close() {
    closeStreams();
    server.close();
    runtime.close();
  }
}
