package io.deconflict.service.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.Viewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What crosses a week's ends: an alert raised on Sunday 23:55 and escalated on Monday 00:06 counts
 * as raised (unacknowledged) in the first week and as escalated in the second; its acknowledgement
 * on Monday is not the first week's. The facts are fed as {@link Reviews} feeds them: those before
 * the week's end, in journal order.
 */
class AcrossTheWeeksEndTest {

  private final List<Event> journal = new ArrayList<>();

  private void fact(String time, String type, boolean operators, ObjectNode body) {
    journal.add(
        new Event(
            journal.size() + 1,
            Instant.parse(time),
            type,
            "system",
            new Audience(Set.of("us"), operators),
            body));
  }

  private JsonNode review(String week) {
    IsoWeek w = IsoWeek.parse(week);
    WeekFold fold = new WeekFold("ag-1", w, Viewer.party("us"), member -> "us");
    for (Event e : journal) {
      if (e.time().isBefore(w.until())) {
        fold.apply(e, new Ref(e.seq(), "h" + e.seq(), e.type()));
      }
    }
    return fold.toJson(journal.size(), true);
  }

  AcrossTheWeeksEndTest() {
    ObjectNode agreement = Json.object().put("id", "ag-1").put("version", 1);
    agreement.putArray("parties").add("ru").add("us");
    agreement.put("effectiveFrom", "2022-10-01T00:00:00Z").put("separationMeters", 1000.0);
    agreement.put("minimumNotice", "PT24H").put("emergencyNotice", "PT1H");
    agreement.put("acknowledgeWithin", "PT10M").putArray("escalation").add("PT30M").add("PT1H");
    fact("2022-10-01T00:00:00Z", "agreement.set", true, Json.object().set("result", agreement));
    ObjectNode raised =
        Json.object()
            .put("id", "al-1")
            .put("conflictId", "cf-1")
            .put("recipient", "us")
            .put("kind", "movement-movement")
            .put("level", 1)
            .put("raisedAt", "2022-10-16T23:55:00Z")
            .put("start", "2022-10-17T06:00:00Z")
            .put("end", "2022-10-17T06:05:00Z");
    raised.putArray("location").add(40.7).add(36.5);
    raised.putObject("other").put("party", "ru").put("shares", "conflicts");
    fact("2022-10-16T23:55:00Z", "alert.raised", true, raised);
    fact(
        "2022-10-17T00:06:00Z",
        "alert.escalated",
        true,
        Json.object().put("alert", "al-1").put("level", 2));
    ObjectNode ack = Json.object().put("alert", "al-1");
    ack.putObject("result").put("alert", "al-1").put("at", "2022-10-17T00:20:00Z");
    fact("2022-10-17T00:20:00Z", "alert.acknowledge", true, ack);
  }

  @Test
  void theFirstWeekCountsTheAlertUnacknowledged() {
    JsonNode r = review("2022-W41");
    assertThat(r.path("alerts").path("byParty").path("us").path("raised").asInt()).isEqualTo(1);
    assertThat(r.path("alerts").path("byParty").path("us").path("unacknowledged").asInt())
        .isEqualTo(1);
    assertThat(r.path("escalations").path("byParty").isEmpty()).isTrue();
    // lead: from Sunday 23:55 to its start on Monday 06:00
    assertThat(r.path("conflicts").path("leadSeconds").get(0).asDouble()).isEqualTo(21_900.0);
    assertThat(r.path("conflicts").path("byDayHour").toString()).isEqualTo("[[0,6,1]]");
  }

  @Test
  void theSecondWeekCountsItsEscalationOnly() {
    JsonNode r = review("2022-W42");
    assertThat(r.path("alerts").path("byParty").isEmpty()).isTrue();
    assertThat(r.path("conflicts").path("total").asInt()).isZero();
    assertThat(r.path("escalations").path("byParty").path("us").toString())
        .isEqualTo("{\"level2\":1,\"level3\":0,\"overdue\":0}");
  }
}
