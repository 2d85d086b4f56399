package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Air routes from TAK clients (issue 14 part 2, D37): a route's {@code <wp floor ceiling>} give its
 * legs' bands and {@code <link point="lat,lon,hae">} its altitudes; two crossing routes raise an
 * alert only when their bands are within the vertical separation; a band left out on a leg is
 * answered naming the waypoint.
 */
class AirRoutesFromTakTest extends ListenerTest {

  /** A two-leg route through three points {lat, lon, hae}, one band for both legs. */
  static CotEvent airRoute(
      String uid, double[][] points, Instant t0, double floor, double ceiling) {
    return airRoute(uid, points, t0, floor, ceiling, true);
  }

  /** As above; {@code everyLeg} false leaves the band out on the second leg. */
  static CotEvent airRoute(
      String uid, double[][] points, Instant t0, double floor, double ceiling, boolean everyLeg) {
    CotEvent plain =
        PlansAndChatTest.route(uid, points, List.of(t0, t0.plusSeconds(900), t0.plusSeconds(1800)));
    Element detail = new Element("detail");
    for (Element child : plain.detail().children()) {
      if (child.name().equals("link")) {
        int i = detail.all("link").size();
        Element link = detail.add("link");
        child.attributes().forEach(link::attr);
        link.attr("point", points[i][0] + "," + points[i][1] + "," + points[i][2]);
      } else if (child.name().equals("__deconflict")) {
        Element x = detail.add("__deconflict").attr("separationMeters", "1500");
        List<Element> wps = child.all("wp");
        for (int i = 0; i < wps.size(); i++) {
          Element wp = x.add("wp");
          wps.get(i).attributes().forEach(wp::attr);
          if (i + 1 < wps.size() && (everyLeg || i == 0)) {
            wp.attr("floor", String.valueOf(floor)).attr("ceiling", String.valueOf(ceiling));
          }
        }
      } else {
        detail.add(child);
      }
    }
    return new CotEvent(
        uid,
        plain.type(),
        plain.how(),
        plain.time(),
        plain.start(),
        plain.stale(),
        plain.lat(),
        plain.lon(),
        plain.hae(),
        plain.ce(),
        plain.le(),
        detail);
  }

  @Test
  void crossingAirRoutesRaiseAnAlertOnlyWithinTheVerticalSeparation() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      Instant t0 = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
      us.send(
          airRoute(
              "us-drone",
              new double[][] {{37.0, 40.9, 3100}, {37.0, 41.0, 3100}, {37.0, 41.1, 3100}},
              t0,
              3000,
              3200));
      us.await(
          e -> TakClient.isReply(e) && TakClient.text(e).startsWith("movement us-drone"), WAIT);
      // 500 m below the drone: no conflict
      ru.send(
          airRoute(
              "ru-heli",
              new double[][] {{36.9, 41.0, 2450}, {37.0, 41.0, 2450}, {37.1, 41.0, 2450}},
              t0,
              2400,
              2500));
      ru.await(e -> TakClient.isReply(e) && TakClient.text(e).startsWith("movement ru-heli"), WAIT);
      ObjectNode item =
          tak.app.read(d -> d.item(tak.member("us-officer"), "movement", "us", "us-drone"));
      assertThat(item.path("feature").path("properties").path("bands").toString())
          .isEqualTo("[[3000.0,3200.0],[3000.0,3200.0]]");
      assertThat(item.path("feature").path("geometry").path("coordinates").get(1).get(2).asDouble())
          .isEqualTo(3100);
      List<ObjectNode> alerts =
          tak.app.read(d -> d.alerts(tak.member("us-officer"), java.util.Optional.empty(), 100));
      assertThat(alerts).isEmpty();

      // 200 m below: an alert to both
      ru.send(
          airRoute(
              "ru-heli-2",
              new double[][] {{36.9, 41.0, 2900}, {37.0, 41.0, 2900}, {37.1, 41.0, 2900}},
              t0,
              2800,
              2900));
      CotEvent marker = us.await(e -> e.type().equals("b-m-p-s-m"), WAIT);
      assertThat(marker.detail().child("__deconflict").flatMap(x -> x.attr("kind")))
          .contains("movement-movement");
    }
  }

  @Test
  void aLegWithoutABandIsAnsweredNamingTheWaypoint() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1")) {
      Instant t0 = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
      CotEvent route =
          airRoute(
              "us-drone",
              new double[][] {{37.0, 40.9, 3100}, {37.0, 41.0, 3100}, {37.0, 41.1, 3100}},
              t0,
              3000,
              3200,
              false);
      us.send(route);
      CotEvent error =
          us.await(e -> TakClient.isReply(e) && TakClient.text(e).contains("<wp> 1"), WAIT);
      assertThat(TakClient.text(error)).contains("has no floor");
    }
  }
}
