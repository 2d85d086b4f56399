package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Reconfirmation reaches TAK clients (D36, tak.md): the owner's client is told in chat to reconfirm
 * its site, every client of a party that sees the site is told when it lapses, and the marker of a
 * conflict with the lapsed site says so in its remarks and its {@code __deconflict} detail; a party
 * that does not see the site hears nothing.
 */
class ReconfirmationOverTakTest extends ListenerTest {

  private static Predicate<CotEvent> chat(String containing) {
    return e -> e.type().equals("b-t-f") && TakClient.text(e).contains(containing);
  }

  @Test
  void theOwnerIsWarnedTheOtherPartyToldOfTheLapseAndTheMarkerSaysLapsed() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1");
        TakClient tr = tak.client("tr-officer", "ANDROID-tr-1")) {
      ObjectNode agreement = Json.object().put("id", "ag-1");
      agreement.putArray("parties").add("us").add("ru");
      agreement.put("effectiveFrom", "2020-01-01T00:00:00Z").put("separationMeters", 1000);
      agreement.putObject("sharing").put("us", "positions").put("ru", "positions");
      agreement.put("reconfirmEvery", "PT3S").put("reconfirmWarnBefore", "PT2S");
      tak.app.submit(tak.member("operator"), Deconfliction.AGREEMENT_SET, agreement);
      ObjectNode site = Json.object().put("kind", "site").put("replace", false);
      ObjectNode f = site.putObject("feature").put("type", "Feature").put("id", "clinic");
      f.putObject("geometry").put("type", "Point").putArray("coordinates").add(41.0).add(37.0);
      f.putObject("properties").put("radiusMeters", 500);
      tak.app.submit(tak.member("ru-officer"), Deconfliction.ITEM_NOTIFY, site);

      CotEvent due = ru.await(chat("reconfirm RU site clinic by"), WAIT);
      assertThat(TakClient.text(due)).contains("or it lapses");
      CotEvent lapsed = us.await(chat("RU site clinic LAPSED"), WAIT);
      assertThat(TakClient.text(lapsed)).contains("conflicts with it are still raised");
      ru.await(chat("RU site clinic LAPSED"), WAIT);

      Instant start = Instant.now().plus(Duration.ofHours(2));
      ObjectNode convoy = Json.object().put("kind", "movement").put("replace", false);
      ObjectNode m = convoy.putObject("feature").put("type", "Feature").put("id", "convoy");
      m.putObject("geometry")
          .put("type", "LineString")
          .putArray("coordinates")
          .add(Json.array().add(40.9).add(37.0))
          .add(Json.array().add(41.1).add(37.0));
      m.putObject("properties")
          .putArray("times")
          .add(start.toString())
          .add(start.plus(Duration.ofHours(1)).toString());
      tak.app.submit(tak.member("us-officer"), Deconfliction.ITEM_NOTIFY, convoy);
      CotEvent marker =
          us.await(e -> e.type().equals("b-m-p-s-m") && e.uid().startsWith("deconflict."), WAIT);
      Element x = marker.detail().child("__deconflict").orElseThrow();
      assertThat(x.attr("lapsed")).contains("true");
      assertThat(marker.detail().child("remarks").map(Element::text).orElse(""))
          .contains("The site or zone LAPSED (not reconfirmed)");

      tak.app.submit(
          tak.member("ru-officer"),
          Deconfliction.ITEM_RECONFIRM,
          Json.object().put("kind", "site").put("id", "clinic"));
      us.await(chat("RU site clinic is in force again (reconfirmed)"), WAIT);

      // tr shares no agreement with ru: nothing of the site reached it
      Thread.sleep(300);
      assertThat(tr.all()).noneMatch(e -> TakClient.text(e).contains("clinic"));
    }
  }
}
