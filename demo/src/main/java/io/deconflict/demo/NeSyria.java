package io.deconflict.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The northeast Syria scenario of {@code SCENARIO.md}: five reported encounters between 2017 and
 * 2022 among the US-led coalition, Russia, Turkey, the Syrian government army and the SDF, with a
 * local monitoring group as observer, on the roads between the places of the scenario.
 *
 * <p>The data lives in {@code src/main/resources/io/deconflict/demo/nesyria/}; {@code
 * demo/README.md} says where each figure comes from and what is invented. {@code zones.geojson} and
 * {@code movements.geojson} are written by {@link NeSyriaGenerator}; the rest is written by hand.
 */
public final class NeSyria {

  /** The folder of the data files, relative to this class. */
  static final String DIRECTORY = "nesyria/";

  /** A plain mapper for the data files. Thread-safe. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private NeSyria() {}

  /**
   * Reads the scenario from the class path.
   *
   * @throws IllegalStateException if a file is missing or malformed (a packaging bug)
   */
  public static Scenario load() {
    List<Scenario.Party> parties = new ArrayList<>();
    JsonNode partiesJson = readJson("parties.json");
    for (JsonNode p : partiesJson.path("parties")) {
      List<Scenario.Member> members = new ArrayList<>();
      for (JsonNode m : p.path("members")) {
        members.add(member(m, m.path("role").asText()));
      }
      parties.add(
          new Scenario.Party(
              p.path("id").asText(),
              p.path("name").asText(),
              p.path("language").asText(),
              members));
    }
    List<Scenario.Member> operators = new ArrayList<>();
    for (JsonNode m : partiesJson.path("operators")) {
      operators.add(member(m, "operator"));
    }
    List<Scenario.AgreementPlan> agreements = new ArrayList<>();
    for (JsonNode a : readJson("agreements.json").path("agreements")) {
      List<ObjectNode> versions = new ArrayList<>();
      a.path("versions").forEach(v -> versions.add((ObjectNode) v));
      agreements.add(
          new Scenario.AgreementPlan(
              a.path("key").asText(),
              a.path("summary").asText(),
              a.path("source").asText(),
              versions));
    }
    List<ObjectNode> movements = new ArrayList<>();
    Map<String, Instant> notifyAt = new LinkedHashMap<>();
    for (ObjectNode m : features("movements.geojson")) {
      ObjectNode properties = (ObjectNode) m.get("properties");
      notifyAt.put(Scenario.idOf(m), Instant.parse(properties.path("notifyAt").asText()));
      properties.remove("notifyAt"); // when the demo posts it is not part of the feature
      movements.add(m);
    }
    List<ObjectNode> places = features("places.geojson");
    Map<String, ObjectNode> movementsById = new LinkedHashMap<>();
    movements.forEach(m -> movementsById.put(Scenario.idOf(m), m));
    List<Encounter> encounters = new ArrayList<>();
    for (JsonNode e : readJson("encounters.json").path("encounters")) {
      encounters.add(encounter(e, places, movementsById));
    }
    return new Scenario(
        parties,
        operators,
        agreements,
        places,
        features("roads.geojson"),
        features("zones.geojson"),
        features("sites.geojson"),
        movements,
        notifyAt,
        encounters);
  }

  private static Scenario.Member member(JsonNode m, String role) {
    return new Scenario.Member(m.path("id").asText(), m.path("name").asText(), role);
  }

  private static Encounter encounter(
      JsonNode e, List<ObjectNode> places, Map<String, ObjectNode> movements) {
    String place = e.path("place").asText();
    JsonNode at =
        places.stream()
            .filter(p -> Scenario.idOf(p).equals(place))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("encounters.json: no place " + place))
            .path("geometry")
            .path("coordinates");
    List<String> ids = new ArrayList<>();
    Instant from = Instant.MAX;
    Instant to = Instant.MIN;
    for (JsonNode id : e.path("movements")) {
      ObjectNode m = movements.get(id.asText());
      if (m == null) {
        throw new IllegalStateException("encounters.json: no movement " + id);
      }
      ids.add(id.asText());
      from = Scenario.start(m).isBefore(from) ? Scenario.start(m) : from;
      to = Scenario.end(m).isAfter(to) ? Scenario.end(m) : to;
    }
    List<Encounter.Expectation> expected = new ArrayList<>();
    for (JsonNode x : e.path("expected")) {
      expected.add(
          new Encounter.Expectation(
              x.path("a").asText(),
              x.path("b").asText(),
              x.path("kind").asText(),
              x.path("conflict").asBoolean(),
              x.path("note").asText()));
    }
    return new Encounter(
        e.path("number").asInt(),
        e.path("name").asText(),
        LocalDate.parse(e.path("date").asText()),
        place,
        GeoPoint.of(at.get(0).asDouble(), at.get(1).asDouble()),
        e.path("summary").asText(),
        e.path("source").asText(),
        ids,
        from,
        to,
        Instant.parse(e.path("demoStart").asText()),
        expected);
  }

  /** The features of a FeatureCollection file. */
  static List<ObjectNode> features(String file) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode f : readJson(file).path("features")) {
      out.add((ObjectNode) f);
    }
    return out;
  }

  /** One data file, parsed. */
  static JsonNode readJson(String file) {
    try (InputStream in = NeSyria.class.getResourceAsStream(DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException("the scenario file " + DIRECTORY + file + " is missing");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the scenario file " + file, e);
    }
  }
}
