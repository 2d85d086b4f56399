package io.deconflict.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.access.Gate;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The real service as {@code serve} wires it for access control: a configuration file, the runtime,
 * one {@link Gate} reloading from that file, the API on a free port. Parties {@code us} and {@code
 * ru}, an officer each and an operator, whose tokens are {@code token-<member>} unless a test
 * writes other tokens into the file.
 */
final class AccessFixture implements AutoCloseable {

  final Path file;
  final Path data;
  final Clock clock;
  final HttpClient http = HttpClient.newHttpClient();
  final ServiceRuntime runtime;
  final Gate gate;
  final ApiServer server;

  AccessFixture(Path dir, Clock clock, ObjectNode config) throws IOException {
    this.file = dir.resolve("deconflict.json");
    this.data = dir.resolve("data");
    this.clock = clock;
    config.put("data", data.toString());
    write(config);
    Configuration c = Configuration.read(file, Map.of());
    runtime = ServiceRuntime.open(c.dataDirectory(), c.directory(), c.defaults(), clock, 20);
    gate =
        Gate.open(
            runtime.application(),
            c.directory(),
            clock,
            () -> Configuration.read(file, Map.of()).directory());
    server =
        ApiServer.start(
            runtime.application(), c, clock, io.deconflict.server.map.MapLayers.none(), gate);
  }

  /** The configuration: us and ru with an officer each, and an operator. */
  static ObjectNode config() {
    ObjectNode root = Json.object().put("host", "127.0.0.1").put("port", 0);
    ArrayNode parties = root.putArray("parties");
    parties.addObject().put("id", "us");
    parties.addObject().put("id", "ru");
    ArrayNode members = root.putArray("members");
    member(members, "us-officer", "us", "officer");
    member(members, "ru-officer", "ru", "officer");
    member(members, "operator", "mechanism", "operator");
    return root;
  }

  private static void member(ArrayNode members, String id, String party, String role) {
    members
        .addObject()
        .put("id", id)
        .put("party", party)
        .put("role", role)
        .put("tokenSha256", Tokens.sha256("token-" + id));
  }

  /** The member entry with this id in a configuration document. */
  static ObjectNode member(ObjectNode config, String id) {
    for (JsonNode m : config.path("members")) {
      if (m.path("id").asText().equals(id)) {
        return (ObjectNode) m;
      }
    }
    throw new IllegalArgumentException("no member " + id);
  }

  void write(ObjectNode config) throws IOException {
    Files.writeString(file, Json.MAPPER.writeValueAsString(config));
  }

  /** An HTTP answer. */
  record Reply(int status, String contentType, JsonNode json) {}

  Reply call(@Nullable String token, String method, String path, @Nullable String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? Json.object() : Json.MAPPER.readTree(r.body());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json);
  }

  Reply me(String token) throws IOException, InterruptedException {
    return call(token, "GET", "/me", null);
  }

  /** Opens the event stream of a token; the body is read by the caller until it ends. */
  InputStream events(String token) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/events"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("event stream: " + r.statusCode());
    }
    return r.body();
  }

  /** Reads a stream until it ends; what it sent. */
  static String readToEnd(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Stops the server and the gate (the gate's recorder finishes first), keeps the journal. */
  @Override
  public void close() {
    server.close();
    gate.close();
    runtime.close();
  }

  /** The journal's records of a type, read from the file (after {@link #close()}). */
  List<JsonNode> journaled(String type) {
    List<JsonNode> out = new ArrayList<>();
    try (SqliteJournal journal = SqliteJournal.open(data.resolve("journal.db"))) {
      journal.read(
          1,
          (JournalRecord rec) -> {
            if (rec.type().equals(type)) {
              try {
                out.add(Json.MAPPER.readTree(rec.payload()));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            }
          });
    }
    return out;
  }
}
