package io.deconflict.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.demo.Scenario;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The demo scenario's parties and members as a configuration file, with a fresh token for every
 * member, and its agreements, zones, sites and movements loaded over a node's HTTP API as the
 * mechanism's operator and each party's officer. The same for every mode, so that an embedded node
 * and flink nodes given the same load can be compared. Thread-safe once built.
 */
public final class DemoSetup {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Scenario scenario;
  private final ObjectNode configuration;
  private final Map<String, String> officers = new TreeMap<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private String operator = "";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** The configuration of the scenario's parties and members, tokens made now. */
  public DemoSetup(Scenario scenario) {
    this.scenario = scenario;
    ObjectNode root = MAPPER.createObjectNode();
    // the tokens are printed for anyone on this machine to use: plain HTTP on the loopback
    root.putObject("server").put("allowPlainHttp", true);
    ArrayNode parties = root.putArray("parties");
    ArrayNode members = root.putArray("members");
    for (Scenario.Party p : scenario.parties()) {
      parties.addObject().put("id", p.id()).put("name", p.name()).put("language", p.language());
      for (Scenario.Member m : p.members()) {
        add(members, p.id(), m);
      }
    }
    for (Scenario.Member m : scenario.operators()) {
      add(members, Scenario.MECHANISM, m);
    }
    this.configuration = root;
  }

  private void add(ArrayNode members, String party, Scenario.Member m) {
    String token = Tokens.newToken();
    members
        .addObject()
        .put("id", m.id())
        .put("party", party)
        .put("role", m.role())
        .put("name", m.name())
        .put("tokenSha256", Tokens.sha256(token));
    tokens.put(m.id(), token);
    if (m.role().equals("officer")) {
      officers.putIfAbsent(party, token);
    }
    if (m.role().equals("operator") && operator.isEmpty()) {
      operator = token;
    }
  }

  /** A copy of the configuration (parties, members, plain HTTP); add the journal and detection. */
  public ObjectNode configuration() {
    return configuration.deepCopy();
  }

  /** Every member's token, by member id. */
  public Map<String, String> tokens() {
    return Collections.unmodifiableMap(tokens);
  }

  /** The first officer's token of each party, by party id. */
  public Map<String, String> officers() {
    return Collections.unmodifiableMap(officers);
  }

  /** The scenario. */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * Records the agreements through the first node, then notifies every zone, site and movement of
   * the scenario (its whole time span) through the nodes in turn, as each item's party's officer.
   *
   * @param apis the nodes' API bases, such as {@code http://127.0.0.1:8081/api/v1}
   * @return how many items were notified
   * @throws IllegalStateException naming the call a node refused
   */
  public int load(List<URI> apis) {
    agreements(apis.get(0));
    return load(apis, 0, scenario.items().size());
  }

  /** Records the scenario's agreements through a node, as the mechanism's operator. */
  public void agreements(URI first) {
    for (Scenario.AgreementPlan plan : scenario.agreements()) {
      String id = "";
      for (ObjectNode version : plan.versions()) {
        if (id.isEmpty()) {
          id = send(first, operator, "POST", "/agreements", version).path("id").asText();
        } else {
          send(first, operator, "PUT", "/agreements/" + id, version);
        }
      }
    }
  }

  /**
   * Notifies the scenario's items from index {@code from} (inclusive) to {@code to} (exclusive),
   * through the nodes in turn, as each item's party's officer; the agreements are {@link #load}'s.
   *
   * @return how many items were notified
   * @throws IllegalStateException naming the call a node refused
   */
  public int load(List<URI> apis, int from, int to) {
    List<ObjectNode> items = new ArrayList<>(scenario.items()).subList(from, to);
    int n = 0;
    for (ObjectNode item : items) {
      String kind = item.path("properties").path("kind").asText();
      String party = item.path("properties").path("party").asText();
      String token = officers.get(party);
      if (token == null) {
        throw new IllegalStateException("party " + party + " has no officer");
      }
      send(apis.get(n % apis.size()), token, "POST", "/" + kind + "s", item);
      n++;
    }
    return n;
  }

  /**
   * The alerts a party's officer reads from a node, without what differs between two runs of the
   * same notifications (alert and conflict ids, when raised, deadlines), sorted: what the party was
   * told.
   */
  public List<String> alertsOf(URI api, String party) {
    String token = officers.get(party);
    if (token == null) {
      throw new IllegalArgumentException("party " + party + " has no officer");
    }
    JsonNode alerts = send(api, token, "GET", "/alerts?limit=10000", null);
    List<String> out = new ArrayList<>();
    for (JsonNode a : alerts.path("alerts").isArray() ? alerts.path("alerts") : alerts) {
      ObjectNode copy = ((ObjectNode) a).deepCopy();
      copy.remove(List.of("id", "conflictId", "raisedAt", "deadline", "linked"));
      out.add(copy.toString());
    }
    Collections.sort(out);
    return out;
  }

  JsonNode send(URI api, String token, String method, String path, @Nullable JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + api + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + api + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + api + path, e);
    }
  }
}
