package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead reckoning over the wire: two units head-on, each reporting every 7 s exactly along its
 * geodesic (GeographicLib), through two services, one with dead reckoning (the default) and one
 * with {@code live.deadReckoning.enabled} false. Both raise the same alert with the same levels and
 * the same predicted loss of separation; with dead reckoning each level change is told at its
 * boundary in event time ({@code live.at}), without it at the first report past the boundary.
 */
class DeadReckoningOverHttpTest {

  /** 40 km apart, 20 m/s each: separation lost at 975 s; 1,250 m apart again at 1,031.25 s. */
  private static final double RANGE = 40_000;

  @TempDir Path withData;
  @TempDir Path withoutData;

  @Test
  void reportsAlongThePredictionRaiseTheSameAlertAtTheSameLevelsAndTimes() {
    List<Change> on;
    List<Change> off;
    SettableClock clock = SettableClock.at(T0);
    try (TestService with = new TestService(withData, clock)) {
      on = run(with, clock);
    }
    clock = SettableClock.at(T0);
    try (TestService without =
        new TestService(
            withoutData,
            clock,
            root -> root.putObject("live").putObject("deadReckoning").put("enabled", false))) {
      off = run(without, clock);
    }
    assertThat(kinds(on))
        .as("%s / %s", on, off)
        .containsExactly("advisory", "caution", "warning", "resolved");
    assertThat(kinds(off)).isEqualTo(kinds(on));
    double[] boundaries = {75, 675, 915};
    for (int i = 0; i < boundaries.length; i++) {
      Change d = on.get(i);
      Change e = off.get(i);
      assertThat(d.at).as("dead reckoning: %s", d).isCloseTo(boundaries[i], within(0.05));
      assertThat(e.at).as("every report: %s", e).isBetween(d.at, d.at + 7);
      assertThat(d.loss).as("loss instant %s", d).isCloseTo(975, within(0.05));
      assertThat(e.loss).as("loss instant %s", e).isCloseTo(975, within(0.05));
    }
  }

  /** A level the alert was raised or updated to, or its resolution; seconds after T0. */
  record Change(String kind, double at, double loss) {}

  private static List<Change> run(TestService service, SettableClock clock) {
    Reply agreement =
        service.agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}");
    assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
    EventStream stream = service.events("us-officer", Optional.empty());
    GeodesicData east = Geodesic.WGS84.Direct(36.5, 40.0, 90, RANGE);
    GeodesicLine us = Geodesic.WGS84.Line(36.5, 40.0, 90);
    GeodesicLine ru = Geodesic.WGS84.Line(east.lat2, east.lon2, east.azi2 + 180);
    for (double s = 1; s <= 1100; s += 7) {
      Instant t = T0.plusMillis(Math.round(s * 1000));
      clock.set(t);
      post(service, "us-officer", "u1", us, s, t);
      post(service, "ru-officer", "r1", ru, s, t);
    }
    List<Change> changes = new ArrayList<>();
    String level = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Sse e = poll(stream);
      if (e == null) {
        continue;
      }
      JsonNode body = e.data().path("body");
      if (e.event().equals("alert.resolved")) {
        changes.add(new Change("resolved", Double.NaN, Double.NaN));
        return changes;
      }
      JsonNode live = body.path("live");
      if (!live.isObject()) {
        continue;
      }
      String now = live.path("level").asText();
      if (now.equals(level)) {
        continue;
      }
      level = now;
      double at = seconds(Instant.parse(live.path("at").asText()));
      changes.add(new Change(now, at, at + live.path("timeToLossSeconds").asDouble()));
    }
    throw new AssertionError("no alert.resolved within 20 s; saw " + changes);
  }

  private static Sse poll(EventStream stream) {
    try {
      return stream.events.poll(100, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void post(
      TestService service, String member, String unit, GeodesicLine line, double s, Instant t) {
    GeodesicData p = line.Position(20 * s);
    double course = (p.azi2 % 360 + 360) % 360;
    Reply r =
        service.post(member, "/positions", "[" + report(unit, t, p.lon2, p.lat2, course, 20) + "]");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
  }

  private static List<String> kinds(List<Change> changes) {
    return changes.stream().map(Change::kind).toList();
  }

  private static double seconds(Instant t) {
    return Duration.between(T0, t).toMillis() / 1000.0;
  }
}
