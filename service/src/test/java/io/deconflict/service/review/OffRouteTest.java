package io.deconflict.service.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

/**
 * Off route, exactly: a unit reporting under its movement half a metre farther from where the
 * notified route puts it than the agreement's separation is off route; half a metre nearer is not.
 * The planned position is the exact geodesic one, at the report's own time.
 */
class OffRouteTest {

  static final Instant MONDAY = Instant.parse("2022-10-10T00:00:00Z");
  static final List<GeoPoint> ROUTE =
      List.of(GeoPoint.of(40.6, 36.5), GeoPoint.of(41.4, 37.2), GeoPoint.of(41.9, 37.0));
  static final List<Instant> TIMES =
      List.of(
          Instant.parse("2022-10-12T06:00:00Z"),
          Instant.parse("2022-10-12T08:00:00Z"),
          Instant.parse("2022-10-12T09:00:00Z"));
  static final double SEPARATION = 2000;

  private long seq;

  private Event event(Instant time, String type, Set<String> parties, boolean ops, ObjectNode b) {
    return new Event(++seq, time, type, "us-officer", new Audience(parties, ops), b);
  }

  private Ref ref(String type) {
    return new Ref(seq, "h" + seq, type);
  }

  private void apply(WeekFold fold, Event e) {
    fold.apply(e, ref(e.type()));
  }

  /** The review's compliance after a unit reports once at {@code meters} due north of its plan. */
  private JsonNode reportAt(Instant t, double meters) {
    WeekFold fold = new WeekFold("ag-1", IsoWeek.of(MONDAY), Viewer.party("us"), member -> "us");
    ObjectNode agreement = Json.object().put("id", "ag-1").put("version", 1);
    agreement.putArray("parties").add("ru").add("us");
    agreement.put("effectiveFrom", "2022-10-01T00:00:00Z").put("separationMeters", SEPARATION);
    agreement.put("minimumNotice", "PT24H").put("emergencyNotice", "PT1H");
    agreement.put("acknowledgeWithin", "PT10M").putArray("escalation").add("PT30M").add("PT1H");
    apply(
        fold,
        event(
            MONDAY.minusSeconds(86400),
            "agreement.set",
            Set.of("us", "ru"),
            true,
            Json.object().set("result", agreement)));
    ObjectNode feature = Json.object().put("type", "Feature").put("id", "us-1");
    feature.putObject("geometry").put("type", "LineString");
    ROUTE.forEach(
        p ->
            ((com.fasterxml.jackson.databind.node.ArrayNode)
                    feature.with("geometry").withArray("coordinates"))
                .addArray()
                .add(p.lon())
                .add(p.lat()));
    TIMES.forEach(t2 -> feature.with("properties").withArray("times").add(t2.toString()));
    ObjectNode notify = Json.object().put("kind", "movement").put("replace", false);
    notify.set("feature", feature);
    notify.putObject("result").put("id", "us-1").put("version", 1).put("late", false);
    apply(fold, event(MONDAY, "item.notify", Set.of("us"), false, notify));
    GeoPoint planned = Geodesics.positionAt(ROUTE, TIMES, t);
    GeodesicData at = Geodesic.WGS84.Direct(planned.lat(), planned.lon(), 0, meters);
    ObjectNode report = Json.object();
    report
        .putArray("reports")
        .addObject()
        .put("unit", "us-patrol-1")
        .put("time", t.toString())
        .put("lon", at.lon2)
        .put("lat", at.lat2)
        .put("movement", "us-1");
    apply(fold, event(t, "positions.report", Set.of("us"), false, report));
    return fold.toJson(seq, true).path("compliance");
  }

  @Test
  void halfAMetreBeyondTheSeparationIsOffRouteHalfAMetreWithinIsNot() {
    for (Instant t :
        List.of(
            Instant.parse("2022-10-12T06:00:00Z"),
            Instant.parse("2022-10-12T07:13:27.5Z"),
            Instant.parse("2022-10-12T08:00:00Z"),
            Instant.parse("2022-10-12T08:59:59Z"))) {
      JsonNode beyond = reportAt(t, SEPARATION + 0.5);
      assertThat(beyond.size()).as("at %s, 2000.5 m off", t).isEqualTo(1);
      assertThat(beyond.get(0).path("rule").asText()).isEqualTo("off-route");
      assertThat(beyond.get(0).path("at").asText()).isEqualTo(t.toString());
      assertThat(beyond.get(0).findValuesAsText("type"))
          .containsExactly("agreement.set", "item.notify", "positions.report");
      assertThat(reportAt(t, SEPARATION - 0.5).size()).as("at %s, 1999.5 m off", t).isZero();
    }
  }

  @Test
  void reportsOutsideTheMovementsTimesAreNotJudged() {
    assertThat(reportAt(Instant.parse("2022-10-12T05:59:59Z"), 50_000).size()).isZero();
    assertThat(reportAt(Instant.parse("2022-10-12T09:00:01Z"), 50_000).size()).isZero();
  }

  @Test
  void aFlatApproximationWouldJudgeDifferently() {
    // between waypoints 1 and 2 the geodesic's midpoint is not the midpoint in degrees: a review
    // that interpolated longitude and latitude linearly would misplace the plan by this much
    Instant mid = Instant.parse("2022-10-12T07:00:00Z");
    GeoPoint exact = Geodesics.positionAt(ROUTE, TIMES, mid);
    GeoPoint flat = GeoPoint.of((40.6 + 41.4) / 2, (36.5 + 37.2) / 2);
    assertThat(Geodesics.distanceMeters(exact, flat)).isGreaterThan(1.0);
  }
}
