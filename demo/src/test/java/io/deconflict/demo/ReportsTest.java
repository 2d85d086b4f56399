package io.deconflict.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

  private static final Scenario SCENARIO = NeSyria.load();

  private static List<ObjectNode> day(LocalDate d) {
    return SCENARIO.movements().stream()
        .filter(m -> LocalDate.ofInstant(Scenario.start(m), ZoneOffset.UTC).equals(d))
        .toList();
  }

  @Test
  void theSameSeedGivesTheSameReportsAndSomeUnitsDeviate() {
    List<ObjectNode> movements = day(LocalDate.of(2022, 10, 8));
    Instant from = Instant.parse("2022-10-08T03:00:00Z");
    Instant to = Instant.parse("2022-10-08T20:00:00Z");
    List<Reports.Report> a = Reports.generate(movements, from, to, Duration.ofMinutes(5), 7);
    List<Reports.Report> b = Reports.generate(movements, from, to, Duration.ofMinutes(5), 7);
    assertThat(a).isEqualTo(b).hasSizeGreaterThan(200);
    Reports reports = Reports.of(movements, 7);
    List<Reports.Kind> kinds =
        movements.stream().map(m -> reports.deviation(Scenario.idOf(m)).kind()).toList();
    assertThat(kinds).contains(Reports.Kind.NONE, Reports.Kind.LATE_START, Reports.Kind.WRONG_TURN);
    assertThat(reports.deviation("us-e5-oil-field")).isEqualTo(Reports.Deviation.NONE);
    java.util.Set<String> air = new java.util.HashSet<>();
    for (ObjectNode m : movements) {
      if (m.path("properties").has("bands")) {
        air.add(Scenario.idOf(m));
      }
    }
    assertThat(air).as("encounter 6's helicopter and drone").hasSize(2);
    for (Reports.Report r : a) {
      assertThat(r.toJson().path("course").asDouble()).isBetween(0.0, 359.99);
      // vehicles at most 20 m/s; encounter 6's drone flies at 30 m/s
      assertThat(r.speedMps()).isBetween(0.0, air.contains(r.unit()) ? 31.0 : 21.0);
    }
  }

  @Test
  void aUnitOnPlanIsWhereItsPlanSays() {
    ObjectNode m = SCENARIO.item("us-e5-oil-field").orElseThrow();
    Reports reports = Reports.of(List.of(m), 1);
    List<Reports.Report> atCrossing = reports.at(Instant.parse("2022-10-08T07:45:00Z"));
    assertThat(atCrossing).hasSize(1);
    GeoPoint field = SCENARIO.encounter(5).location();
    assertThat(Route.distance(atCrossing.get(0).position(), field)).isLessThan(5);
    assertThat(reports.at(Scenario.start(m).minusSeconds(1))).isEmpty();
  }

  @Test
  void aLateUnitWaitsAtItsStart() {
    List<ObjectNode> movements = day(LocalDate.of(2022, 10, 8));
    Reports reports = Reports.of(movements, 7);
    ObjectNode late =
        movements.stream()
            .filter(m -> reports.deviation(Scenario.idOf(m)).kind() == Reports.Kind.LATE_START)
            .findFirst()
            .orElseThrow();
    Instant t = Scenario.start(late).plus(Duration.ofMinutes(5));
    Reports.Report r =
        reports.at(t).stream()
            .filter(x -> x.unit().equals(Scenario.idOf(late)))
            .findFirst()
            .orElseThrow();
    assertThat(r.speedMps()).isZero();
    var c = late.path("geometry").path("coordinates").get(0);
    assertThat(Route.distance(r.position(), GeoPoint.of(c.get(0).asDouble(), c.get(1).asDouble())))
        .isLessThan(1);
  }
}
