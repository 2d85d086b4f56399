package io.deconflict.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.geojson.GeoJsonFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scenario's data holds to the contract and reproduces the five encounters in the engine. */
class NeSyriaTest {

  private static Scenario scenario;
  private static List<Conflict> conflicts;

  @BeforeAll
  static void runTheWholeScenarioThroughTheEngine() {
    scenario = NeSyria.load();
    List<Item> items = new ArrayList<>();
    for (ObjectNode f : scenario.items()) {
      items.add(GeoJsonFeatures.parse(f, 1000));
    }
    Detector detector = Detectors.indexed();
    conflicts = detector.putAll(items).appeared(); // all of them: the detector was empty
  }

  private static List<Conflict> between(String a, String b) {
    return conflicts.stream().filter(c -> c.involves(a) && c.involves(b)).toList();
  }

  @Test
  void everyItemParsesUnderTheStrictContract() {
    Set<String> ids = new HashSet<>();
    Set<String> partyIds = new HashSet<>();
    scenario.parties().forEach(p -> partyIds.add(p.id()));
    for (ObjectNode f : scenario.items()) {
      Item item = GeoJsonFeatures.parse(f, 1000);
      assertThat(ids.add(item.id())).as("unique id %s", item.id()).isTrue();
      assertThat(partyIds).as("party of %s", item.id()).contains(item.party());
      assertThat(f.path("properties").has("notifyAt")).as("notifyAt is not posted").isFalse();
    }
    assertThat(scenario.zones()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(scenario.sites()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(scenario.zones())
        .allSatisfy(
            z ->
                assertThat(z.path("properties").path("access").asText())
                    .isIn("open", "notice", "forbidden"));
  }

  @Test
  void placesAndRoadsAreGeoJson() {
    assertThat(scenario.places()).hasSizeGreaterThanOrEqualTo(18);
    for (ObjectNode p : scenario.places()) {
      assertThat(p.path("geometry").path("type").asText()).isEqualTo("Point");
      assertThat(p.path("properties").path("source").asText()).isNotBlank();
      JsonNode c = p.path("geometry").path("coordinates");
      GeoPoint.of(c.get(0).asDouble(), c.get(1).asDouble());
    }
    for (ObjectNode r : scenario.roads()) {
      assertThat(r.path("geometry").path("type").asText()).isEqualTo("LineString");
      assertThat(r.path("geometry").path("coordinates").size()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void partiesAgreementsAndMembersAreComplete() {
    assertThat(scenario.parties())
        .extracting(Scenario.Party::id)
        .containsExactly("us", "ru", "tr", "sy", "sdf", "obs");
    for (Scenario.Party p : scenario.parties()) {
      assertThat(p.language()).isIn("en", "ru", "ar", "tr");
      if (p.id().equals("obs")) {
        assertThat(p.members()).extracting(Scenario.Member::role).containsOnly("observer");
      } else {
        assertThat(p.members())
            .extracting(Scenario.Member::role)
            .contains("officer", "commander", "observer");
      }
    }
    assertThat(scenario.operators()).isNotEmpty();
    assertThat(scenario.agreements())
        .extracting(Scenario.AgreementPlan::key)
        .contains("us-ru", "manbij-2017", "ru-tr", "us-tr", "ru-sy", "us-sdf");
    for (Scenario.AgreementPlan a : scenario.agreements()) {
      for (ObjectNode v : a.versions()) {
        assertThat(v.path("escalation").size()).isEqualTo(2);
        assertThat(v.path("sharing").size()).isEqualTo(v.path("parties").size());
      }
    }
  }

  @Test
  void everyEncounterExpectationHoldsInTheEngine() {
    for (Encounter e : scenario.encounters()) {
      for (Encounter.Expectation x : e.expected()) {
        List<Conflict> found = between(x.a(), x.b());
        if (x.conflict()) {
          assertThat(found)
              .as("encounter %d: %s vs %s (%s)", e.number(), x.a(), x.b(), x.note())
              .isNotEmpty()
              .allSatisfy(c -> assertThat(c.kind().wireName()).isEqualTo(x.kind()));
          // on the encounter's days
          assertThat(LocalDate.ofInstant(found.get(0).start(), ZoneOffset.UTC))
              .isBetween(e.date(), e.date().plusDays(14));
        } else {
          assertThat(found)
              .as("encounter %d: %s vs %s (%s)", e.number(), x.a(), x.b(), x.note())
              .isEmpty();
        }
      }
    }
  }

  @Test
  void theHeadlineConflictIsUsAgainstRussiaAtTheOilFieldOnTheEighthOfOctober() {
    List<Conflict> found = between("us-e5-oil-field", "ru-e5-oil-field");
    assertThat(found).hasSize(1);
    Conflict c = found.get(0);
    assertThat(LocalDate.ofInstant(c.start(), ZoneOffset.UTC)).isEqualTo(LocalDate.of(2022, 10, 8));
    assertThat(List.of(c.partyA(), c.partyB())).containsExactlyInAnyOrder("us", "ru");
    GeoPoint field = scenario.encounter(5).location();
    GeoPoint closest = c.closest().orElseThrow().a();
    assertThat(Route.distance(closest, field))
        .as("closest approach near the oil field")
        .isLessThan(1500);
    Instant demoStart = scenario.encounter(5).demoStart();
    assertThat(demoStart).isEqualTo(Instant.parse("2022-10-08T04:00:00Z"));
    assertThat(Duration.between(demoStart, c.start())).isGreaterThan(Duration.ofMinutes(90));
    assertThat(scenario.notifyAt().get("ru-e5-oil-field")).isAfter(demoStart);
  }

  @Test
  void manbijPatrolsStayBeyondEightKilometres() {
    Movement us = movement("us-e1-yalanli");
    Movement ru = movement("ru-e1-countryside");
    assertThat(us.separationMeters()).isEqualTo(8000);
    assertThat(ru.separationMeters()).isEqualTo(8000);
    double closest = Double.POSITIVE_INFINITY;
    for (var a : us.waypoints()) {
      for (var b : ru.waypoints()) {
        closest = Math.min(closest, Route.distance(a.point(), b.point()));
      }
    }
    assertThat(closest).as("closest waypoints").isBetween(8500.0, 12_000.0);
    assertThat(between("us-e1-yalanli", "ru-e1-countryside")).isEmpty();
  }

  @Test
  void everyPlannedConflictBelongsToAnEncounter() {
    Set<String> encounterItems = new HashSet<>();
    for (Encounter e : scenario.encounters()) {
      encounterItems.addAll(e.movements());
    }
    assertThat(conflicts)
        .as("routine patrols are planned around what is notified")
        .allSatisfy(
            c ->
                assertThat(encounterItems.contains(c.a()) || encounterItems.contains(c.b()))
                    .isTrue());
  }

  @Test
  void routinePatrolsAreNumerousEveryScenarioDayAndDriveAtEightToTwentyMetresPerSecond() {
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (ObjectNode m : scenario.movements()) {
      if (!m.path("properties").path("routine").asBoolean()) {
        continue;
      }
      perDay.merge(LocalDate.ofInstant(Scenario.start(m), ZoneOffset.UTC), 1, Integer::sum);
      Movement mv = (Movement) GeoJsonFeatures.parse(m, 1000);
      for (int i = 1; i < mv.waypoints().size(); i++) {
        double d = Route.distance(mv.waypoints().get(i - 1).point(), mv.waypoints().get(i).point());
        double s =
            Duration.between(mv.waypoints().get(i - 1).time(), mv.waypoints().get(i).time())
                    .toMillis()
                / 1000.0;
        if (d > 200) { // not a halt, and long enough for rounding to the second not to matter
          assertThat(d / s).as("speed of %s segment %d", mv.id(), i).isBetween(7.5, 20.5);
        }
      }
    }
    assertThat(perDay.keySet()).containsExactlyElementsOf(scenario.days());
    assertThat(perDay.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(24));
  }

  @Test
  void noMovementIsLateWhenNotifiedAtItsTime() {
    for (ObjectNode m : scenario.movements()) {
      String id = Scenario.idOf(m);
      assertThat(scenario.notifyAt()).as("notifyAt of %s", id).containsKey(id);
      Instant at = scenario.notifyAt().getOrDefault(id, Instant.MIN);
      Duration notice = Duration.between(at, Scenario.start(m));
      for (Scenario.Party other : scenario.parties()) {
        if (other.id().equals(Scenario.partyOf(m))) {
          continue;
        }
        Duration required = minimumNotice(Scenario.partyOf(m), other.id(), at);
        assertThat(notice)
            .as("%s notified %s before its start; %s requires %s", id, notice, other.id(), required)
            .isGreaterThanOrEqualTo(required);
      }
    }
  }

  /** The minimum notice of the agreement in force between two parties, as the service picks it. */
  private static Duration minimumNotice(String a, String b, Instant at) {
    Instant newest = Instant.MIN;
    Duration notice = Duration.ZERO;
    for (Scenario.AgreementPlan plan : scenario.agreements()) {
      ObjectNode inForce = null;
      for (ObjectNode v : plan.versions()) {
        if (!Instant.parse(v.path("effectiveFrom").asText()).isAfter(at)) {
          inForce = v;
        }
      }
      if (inForce == null) {
        continue;
      }
      List<String> ps = new ArrayList<>();
      inForce.path("parties").forEach(p -> ps.add(p.asText()));
      Instant from = Instant.parse(inForce.path("effectiveFrom").asText());
      if (ps.contains(a) && ps.contains(b) && from.isAfter(newest)) {
        newest = from;
        notice = Duration.parse(inForce.path("minimumNotice").asText());
      }
    }
    return notice;
  }

  @Test
  void theGeneratorReproducesTheCommittedFiles() throws IOException {
    NeSyriaGenerator.Output out = NeSyriaGenerator.generate();
    assertThat(out.zones()).isEqualTo(resource("zones.geojson"));
    assertThat(out.movements()).isEqualTo(resource("movements.geojson"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = NeSyria.class.getResourceAsStream(NeSyria.DIRECTORY + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Movement movement(String id) {
    return (Movement) GeoJsonFeatures.parse(scenario.item(id).orElseThrow(), 1000);
  }
}
