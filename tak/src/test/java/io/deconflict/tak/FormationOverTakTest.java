package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.view.AlertView;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Formations from TAK (design-decisions.md, D29): atoms that link to a timed route the party
 * notified ({@code <link uid="route" type="b-m-r"/>}) report under that movement; a 3-vehicle US
 * patrol meeting a 2-vehicle RU patrol gives each client one alert marker for the pair of
 * formations, whose remarks tell the planned crossing and the units.
 */
class FormationOverTakTest extends ListenerTest {

  /** An atom of {@code uid} linked to the route {@code route}. */
  static CotEvent under(
      String route, String uid, double lat, double lon, double course, Instant time) {
    CotEvent atom = TakClient.atom(uid, "a-f-G-U-C", lat, lon, course, 15, time);
    Element detail = atom.detail();
    detail.add("link").attr("uid", route).attr("type", "b-m-r").attr("relation", "p-p");
    return atom;
  }

  @Test
  void atomsLinkedToARouteJoinItsFormationAndTheClientGetsOneMarkerForThePatrolPair()
      throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      Instant t0 = Instant.now().minusSeconds(5);
      // the plans: along 37.0 N, us eastwards, ru westwards, crossing at 41.0125 E
      PlansAndChatTest.notify(
          us, "us-route-1", new double[][] {{37.0, 40.9}, {37.0, 41.125}}, t0.minusSeconds(900));
      PlansAndChatTest.notify(
          ru, "ru-route-1", new double[][] {{37.0, 41.125}, {37.0, 40.9}}, t0.minusSeconds(900));
      CotEvent planned = us.await(FormationOverTakTest::marker, WAIT);
      assertThat(kind(planned)).isEqualTo("movement-movement");

      // the leads 2.2 km apart closing at 30 m/s; the others 200 m behind each other
      for (int k = 0; k < 3; k++) {
        us.send(under("us-route-1", "us-v" + k, 37.0, 41.000 - k * 0.00225, 90, t0));
      }
      for (int k = 0; k < 2; k++) {
        ru.send(under("ru-route-1", "ru-v" + k, 37.0, 41.025 + k * 0.00225, 270, t0));
      }
      // raised with the first pairs the listener's batches bring, re-sent as the others join
      // (with dead reckoning a pair not yet in an encounter joins when its advisory level is due,
      // at a later tick, so the full list can come a marker later)
      CotEvent tactical =
          us.await(
              e ->
                  marker(e)
                      && kind(e).equals("formation-formation")
                      && TakClient.text(e)
                          .contains("units us-v0, us-v1, us-v2 against ru-v0, ru-v1"),
              WAIT);
      String remarks = TakClient.text(tactical);
      assertThat(remarks)
          .contains("units us-v0, us-v1, us-v2 against ru-v0, ru-v1")
          .contains("closest pair us-v0 - ru-v0")
          .contains("Planned to cross at ")
          .contains("now closing");
      // give the other pairs time to arrive, then count the markers: one per alert
      Thread.sleep(1500);
      Set<String> markers = new TreeSet<>();
      for (CotEvent e : us.all()) {
        if (marker(e)) {
          markers.add(e.uid() + " " + kind(e));
        }
      }
      assertThat(markers).hasSize(2);
      List<String> kinds =
          tak.app.read(
              d ->
                  d.alertViews(tak.member("us-officer"), Optional.of("open"), 100).stream()
                      .map(AlertView::kind)
                      .sorted()
                      .toList());
      assertThat(kinds).containsExactly("formation-formation", "movement-movement");
    }
  }

  @Test
  void aLinkToARouteThePartyDidNotNotifyKeepsThePositionAndTellsTheSender() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1")) {
      Instant t0 = Instant.now().minusSeconds(5);
      us.send(under("us-route-9", "us-v7", 37.0, 41.0, 90, t0));
      CotEvent told =
          us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("us-route-9"), WAIT);
      assertThat(TakClient.text(told))
          .contains(
              "event us-v7/movement \"us-route-9\" is not one of party us's notified movements")
          .contains("position kept without it");
      // the answer goes out before the batch is stored again without the link: wait for it
      long deadline = System.nanoTime() + WAIT.toNanos();
      List<String> units = List.of();
      while (units.isEmpty() && System.nanoTime() < deadline) {
        units =
            tak.app.read(d -> d.trackViews(tak.member("us-officer"), true)).stream()
                .map(t -> t.unit())
                .toList();
        Thread.sleep(20);
      }
      assertThat(units).containsExactly("us-v7");
    }
  }

  private static boolean marker(CotEvent e) {
    return e.type().equals("b-m-p-s-m") && e.uid().startsWith("deconflict.alert.");
  }

  private static String kind(CotEvent e) {
    return e.detail().child("__deconflict").flatMap(x -> x.attr("kind")).orElse("");
  }
}
