package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.util.Locale;
import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 1: a live alert's marker stood where the unit was when the alert was raised, not
 * at the closest approach as docs/tak.md says, and the read-back place in its remarks was that same
 * point. Two units 2.2 km apart on parallels 500 m apart close head-on at 15 m/s each: by symmetry
 * they are closest half-way, at longitude 41.0125, each on its own parallel.
 */
class LiveAlertMarkerAtClosestApproachTest extends ListenerTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theMarkerStandsAtTheRecipientsOwnPositionAtClosestApproach(boolean protocol)
      throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      if (protocol) {
        us.negotiate();
        ru.negotiate();
      }
      Instant now = Instant.now();
      us.send(TakClient.atom("ANDROID-us-1", "a-f-G-U-C", 37.0, 41.000, 90, 15, now));
      ru.send(TakClient.atom("ANDROID-ru-1", "a-f-G-U-C", 37.0045, 41.025, 270, 15, now));

      CotEvent usMarker = us.await(LiveAlertMarkerAtClosestApproachTest::marker, WAIT);
      CotEvent ruMarker = ru.await(LiveAlertMarkerAtClosestApproachTest::marker, WAIT);
      // each at its own unit's position at closest approach: half-way in longitude, own parallel
      assertThat(usMarker.lon()).isCloseTo(41.0125, within(0.0003));
      assertThat(usMarker.lat()).isCloseTo(37.0, within(0.0003));
      assertThat(ruMarker.lon()).isCloseTo(41.0125, within(0.0003));
      assertThat(ruMarker.lat()).isCloseTo(37.0045, within(0.0003));
      // not where the unit was when the alert was raised (1.1 km back)
      double fromRaise = Geodesic.WGS84.Inverse(37.0, 41.0, usMarker.lat(), usMarker.lon()).s12;
      assertThat(fromRaise).isGreaterThan(1000);

      // the alert says the same, with the closest approach's time and distance
      String alert = ext(usMarker).attr("alert").orElseThrow();
      ObjectNode view = tak.app.read(d -> d.alert(tak.member("us-officer"), alert));
      assertThat(view.path("location").path(0).asDouble()).isCloseTo(usMarker.lon(), within(1e-9));
      assertThat(view.path("closest").path("distanceMeters").asDouble())
          .isCloseTo(500, within(5.0));
      assertThat(view.path("closest").path("own").path(0).asDouble())
          .isCloseTo(41.0125, within(0.0003));

      // the read-back in the remarks carries that point, and reading it back acknowledges
      String remarks = TakClient.text(usMarker);
      String place =
          String.format(Locale.ROOT, "lat %.5f lon %.5f", usMarker.lat(), usMarker.lon());
      assertThat(remarks).contains(place);
      us.send(
          us.chat(
              "deconflict",
              String.format(
                  Locale.ROOT,
                  "ACK %s %s %s %.5f,%.5f",
                  alert,
                  ext(usMarker).attr("start").orElseThrow(),
                  ext(usMarker).attr("end").orElseThrow(),
                  usMarker.lat(),
                  usMarker.lon())));
      us.await(
          e -> TakClient.isReply(e) && !TakClient.isError(e) && TakClient.text(e).contains("ackn"),
          WAIT);
    }
  }

  private static boolean marker(CotEvent e) {
    return e.type().equals("b-m-p-s-m") && e.uid().startsWith("deconflict.alert.");
  }

  private static Element ext(CotEvent e) {
    return e.detail().child("__deconflict").orElseThrow();
  }
}
