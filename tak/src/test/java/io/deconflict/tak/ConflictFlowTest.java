package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenario over real sockets: two parties' TAK clients report their units, each sees
 * the other's unit as the agreement lets it, both get the alert when the units close on each other
 * and acknowledge it from TAK with a read-back; a third party's client receives nothing of it. Run
 * in XML and in TAK protocol version 1.
 */
class ConflictFlowTest extends ListenerTest {

  private static Predicate<CotEvent> marker() {
    return e -> e.type().equals("b-m-p-s-m") && e.uid().startsWith("deconflict.alert.");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void twoPartiesSeeEachOtherAndTheAlertAndAThirdSeesNothing(boolean protocol) throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1");
        TakClient tr = tak.client("tr-officer", "ANDROID-tr-1");
        TakClient operator = tak.client("operator", "WINTAK-mechanism")) {
      if (protocol) {
        us.negotiate();
        ru.negotiate();
        tr.negotiate();
      }
      Instant now = Instant.now();
      // 2.2 km apart on the same parallel, closing head-on at 15 m/s each
      us.send(TakClient.atom("ANDROID-us-1", "a-f-G-U-C", 37.0, 41.00, 90, 15, now));
      ru.send(TakClient.atom("ANDROID-ru-1", "a-f-G-U-C-I", 37.0, 41.025, 270, 15, now));
      tr.send(TakClient.atom("ANDROID-tr-1", "a-f-G", 36.5, 40.0, 0, 0, now));

      // each sees the other's unit, neutral, with position and motion but not its own detail
      CotEvent seenByRu = ru.await(e -> e.uid().equals("ANDROID-us-1"), WAIT);
      assertThat(seenByRu.type()).isEqualTo("a-n-G-U-C");
      assertThat(seenByRu.lat()).isEqualTo(37.0);
      assertThat(seenByRu.lon()).isEqualTo(41.00);
      assertThat(seenByRu.detail().child("track").flatMap(t -> t.attr("course"))).contains("90.0");
      assertThat(seenByRu.detail().child("x_custom")).isEmpty(); // shares positions, not more
      assertThat(seenByRu.detail().child("contact").flatMap(c -> c.attr("callsign")))
          .contains("ANDROID-us-1");
      CotEvent seenByUs = us.await(e -> e.uid().equals("ANDROID-ru-1"), WAIT);
      assertThat(seenByUs.type()).isEqualTo("a-n-G-U-C-I");

      // both get the alert as a marker near the closing point, with remarks to read back
      CotEvent usAlert = us.await(marker(), WAIT);
      CotEvent ruAlert = ru.await(marker(), WAIT);
      assertThat(usAlert.uid()).isNotEqualTo(ruAlert.uid());
      assertThat(usAlert.lat()).isCloseTo(37.0, org.assertj.core.data.Offset.offset(0.01));
      assertThat(usAlert.lon()).isBetween(40.99, 41.03);
      Element ext = usAlert.detail().child("__deconflict").orElseThrow();
      assertThat(ext.attr("kind")).contains("unit-unit");
      assertThat(ext.attr("state")).contains("open");
      assertThat(usAlert.detail().child("remarks").orElseThrow().text())
          .contains("ACK " + ext.attr("alert").orElseThrow());

      // the mechanism's operator sees both parties' alerts of the conflict, and no units
      CotEvent first = operator.await(marker(), WAIT);
      operator.await(marker().and(e -> !e.uid().equals(first.uid())), WAIT);
      assertThat(operator.all()).noneMatch(e -> e.type().startsWith("a-"));

      // a wrong read-back is refused with the service's reason; the right one acknowledges
      String alert = ext.attr("alert").orElseThrow();
      us.send(
          us.chat(
              "deconflict",
              "ACK " + alert + " 2001-01-01T00:00:00Z 2001-01-01T00:10:00Z 37.0,41.0"));
      CotEvent refused =
          us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("readBack/start"), WAIT);
      assertThat(refused.detail().child("__deconflict").flatMap(x -> x.attr("field")))
          .contains("/readBack/start");
      String readBack =
          String.format(
              Locale.ROOT,
              "ACK %s %s %s %.5f,%.5f",
              alert,
              readable(ext.attr("start").orElseThrow(), protocol),
              readable(ext.attr("end").orElseThrow(), protocol),
              usAlert.lat(),
              usAlert.lon());
      us.send(us.chat("deconflict", readBack));
      us.await(
          e ->
              TakClient.isReply(e)
                  && !TakClient.isError(e)
                  && TakClient.text(e).contains("acknowledged"),
          WAIT);
      ObjectNode stored = tak.app.read(d -> d.alert(tak.member("us-officer"), alert));
      assertThat(stored.path("state").asText()).isEqualTo("acknowledged");
      assertThat(stored.path("acknowledged").path("meaning").asText())
          .isEqualTo("seen, not approved");

      // the third party: no unit of theirs, no marker, no word of the conflict
      Thread.sleep(500);
      List<CotEvent> trGot = tr.all();
      assertThat(trGot)
          .noneMatch(e -> e.uid().startsWith("ANDROID-us") || e.uid().startsWith("ANDROID-ru"))
          .noneMatch(marker())
          .noneMatch(e -> TakClient.text(e).contains(alert));
      // and the two parties never received the third's unit
      assertThat(us.all()).noneMatch(e -> e.uid().equals("ANDROID-tr-1"));
      assertThat(ru.all()).noneMatch(e -> e.uid().equals("ANDROID-tr-1"));
      assertThat(us.protocol()).isEqualTo(protocol);

      // a client that connects later sees the party's alert and the other party's unit at once
      try (TakClient late = tak.client("ru-officer", "ANDROID-ru-2")) {
        late.await(marker(), WAIT);
        CotEvent unit = late.await(e -> e.uid().equals("ANDROID-us-1"), WAIT);
        assertThat(unit.type()).isEqualTo("a-n-G-U-C");
        assertThat(late.all()).noneMatch(e -> e.uid().equals("ANDROID-tr-1"));
      }
      try (TakClient lateTr = tak.client("tr-officer", "ANDROID-tr-2")) {
        Thread.sleep(300);
        assertThat(lateTr.all())
            .noneMatch(marker())
            .noneMatch(e -> e.uid().startsWith("ANDROID-us"));
      }
    }
  }

  /** The time as a person reads it back: to the minute (seconds left out) in one variant. */
  private static String readable(String instant, boolean minutes) {
    Instant t = Instant.parse(instant);
    if (!minutes) {
      return instant;
    }
    Instant nearest = t.plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    String s = nearest.toString(); // 2027-10-08T08:40:00Z
    return s.substring(0, s.length() - 4) + "Z";
  }

  @Test
  void theUnitsDetailIsKeptInTheJournal() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-2")) {
      us.send(TakClient.atom("ANDROID-us-2", "a-f-G-U-C", 37.0, 41.0, 0, 0, Instant.now()));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (tak.app.read(d -> d.tracks(tak.member("us-officer"), true)).isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      StringBuilder journaled = new StringBuilder();
      tak.journal.read(
          1,
          r -> journaled.append(new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(journaled.toString())
          .contains("x_custom")
          .contains("unknown content")
          .contains("Cyan");
    }
  }

  @Test
  void aClientThatHasNotSignedInIsToldSoAndNothingIsStored() throws Exception {
    try (TakClient anon = TakClient.connect(tak.listener.tcpPort(), "ANDROID-anon")) {
      anon.send(TakClient.atom("ANDROID-anon", "a-f-G", 37.0, 41.0, 0, 0, Instant.now()));
      anon.await(e -> TakClient.isError(e) && TakClient.text(e).startsWith("sign in first"), WAIT);
      anon.sendRaw("<auth><cot username=\"us-officer\" password=\"wrong\"/></auth>");
      anon.await(
          e -> TakClient.isError(e) && TakClient.text(e).startsWith("sign-in refused"), WAIT);
      List<ObjectNode> tracks = tak.app.read(d -> d.tracks(tak.member("us-officer"), true));
      assertThat(tracks).isEmpty();
    }
  }

  @Test
  void anObserverCannotReportAndIsToldWhy() throws Exception {
    try (TakClient obs = tak.client("us-observer", "ANDROID-obs")) {
      obs.send(TakClient.atom("ANDROID-obs", "a-f-G", 37.0, 41.0, 0, 0, Instant.now()));
      CotEvent err = obs.await(TakClient::isError, WAIT);
      assertThat(TakClient.text(err)).contains("ANDROID-obs");
    }
  }
}
