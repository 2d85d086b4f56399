package io.deconflict.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.ApiServer;
import io.deconflict.service.Json;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.sse.SseClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The people a benchmark's service knows and how they speak to it: one officer per party of {@link
 * ScenarioGenerator#PARTIES} and an operator, each with a fresh token, over one HTTP/1.1 client.
 * Thread-safe.
 */
final class Officers {

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final Map<String, String> tokenByParty = new LinkedHashMap<>();
  private final String operatorToken = Tokens.newToken();
  private final Duration requestTimeout;

  /** Officers whose requests time out after {@code requestTimeout}. */
  Officers(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    for (String party : ScenarioGenerator.PARTIES) {
      tokenByParty.put(party, Tokens.newToken());
    }
  }

  /** The bearer token of the party's officer. */
  String token(String party) {
    String token = tokenByParty.get(party);
    if (token == null) {
      throw new IllegalArgumentException("no officer for party " + party);
    }
    return token;
  }

  /**
   * The server's configuration on 127.0.0.1, a free port and {@code data}: the parties, their
   * officers and the operator (by their tokens' hashes).
   */
  ObjectNode configJson(Path data) {
    ObjectNode root = Json.object();
    root.put("host", "127.0.0.1").put("port", 0).put("data", data.toString());
    ArrayNode parties = root.putArray("parties");
    ArrayNode members = root.putArray("members");
    for (Map.Entry<String, String> e : tokenByParty.entrySet()) {
      parties.addObject().put("id", e.getKey()).put("name", e.getKey()).put("language", "en");
      members
          .addObject()
          .put("id", e.getKey() + "-officer")
          .put("party", e.getKey())
          .put("role", "officer")
          .put("tokenSha256", Tokens.sha256(e.getValue()));
    }
    members
        .addObject()
        .put("id", "operator")
        .put("party", Party.MECHANISM)
        .put("role", "operator")
        .put("tokenSha256", Tokens.sha256(operatorToken));
    return root;
  }

  /** One agreement per pair of parties, both sharing positions, defaults otherwise. */
  void recordAgreements(URI api) throws IOException, InterruptedException {
    List<String> parties = ScenarioGenerator.PARTIES;
    for (int i = 0; i < parties.size(); i++) {
      for (int j = i + 1; j < parties.size(); j++) {
        ObjectNode body = Json.object();
        body.putArray("parties").add(parties.get(i)).add(parties.get(j));
        body.putObject("sharing").put(parties.get(i), "positions").put(parties.get(j), "positions");
        HttpResponse<String> r =
            post(
                api.resolve(ApiServer.BASE + "/agreements"),
                operatorToken,
                Json.MAPPER.writeValueAsBytes(body));
        if (r.statusCode() != 201) {
          throw new IllegalStateException(
              "recording an agreement failed: " + r.statusCode() + " " + r.body());
        }
      }
    }
  }

  /** Posts JSON with the token and waits for the answer. */
  HttpResponse<String> post(URI uri, String token, byte[] json)
      throws IOException, InterruptedException {
    return http.send(
        request(uri, token, json), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * An answer to a post, or the failure in its place.
   *
   * @param status the HTTP status, or -1 if the request failed
   * @param body the answer's body, or the failure
   */
  record Answer(int status, String body) {}

  /** Posts JSON as the party's officer; a failed request becomes an answer of status -1. */
  Answer postAs(String party, URI uri, byte[] json) throws InterruptedException {
    try {
      HttpResponse<String> r = post(uri, token(party), json);
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    }
  }

  /** Posts JSON with the token; the answer comes later. */
  CompletableFuture<HttpResponse<String>> postAsync(URI uri, String token, byte[] json) {
    return http.sendAsync(
        request(uri, token, json), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * The party officer's event stream at {@code events}, to be opened: read on thread {@code
   * sse-<party>}, reopened at once from the last id whenever the server ends it.
   */
  SseClient.Builder stream(URI events, String party) {
    return SseClient.to(events)
        .http(http)
        .bearer(token(party))
        .name(party)
        .reconnectDelay(Duration.ZERO);
  }

  private HttpRequest request(URI uri, String token, byte[] json) {
    return HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
  }
}
