package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Joint routes over TAK (D39, tak.md): a Russian route naming Turkey in {@code <participant>} is a
 * joint movement; Turkey's client is told in chat and answers {@code JOIN ru/uid accept}; the
 * Russian client hears that it is joint; a US route crossing it puts an alert marker on Turkey's
 * device too, whose remarks say it is a joint movement Turkey takes part in.
 */
class JointRoutesOverTakTest extends ListenerTest {

  private static Predicate<CotEvent> chat(String containing) {
    return e -> e.type().equals("b-t-f") && TakClient.text(e).contains(containing);
  }

  @Test
  void aParticipantIsToldAnswersInChatAndGetsTheAlertOfAThirdPartysConflict() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1");
        TakClient tr = tak.client("tr-officer", "ANDROID-tr-1")) {
      Instant t0 = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
      CotEvent plain =
          PlansAndChatTest.route(
              "ru-joint",
              new double[][] {{37.0, 40.9}, {37.0, 41.0}, {37.0, 41.1}},
              List.of(t0, t0.plusSeconds(900), t0.plusSeconds(1800)));
      Element x = plain.detail().child("__deconflict").orElseThrow();
      x.add("participant").attr("party", "tr").attr("joinAt", "1");
      ru.send(plain);
      ru.await(
          e -> TakClient.isReply(e) && TakClient.text(e).startsWith("movement ru-joint"), WAIT);
      ObjectNode item =
          tak.app.read(d -> d.item(tak.member("tr-officer"), "movement", "ru", "ru-joint"));
      assertThat(item.path("joint").path("participants").toString())
          .isEqualTo(
              "[{\"party\":\"tr\",\"joinAt\":1,\"leaveAt\":2,\"participation\":\"pending\"}]");

      CotEvent told = tr.await(chat("RU notified joint movement ru/ru-joint"), WAIT);
      assertThat(TakClient.text(told)).contains("JOIN ru/ru-joint accept");
      tr.send(tr.chat("deconflict", "JOIN ru/ru-joint accept"));
      CotEvent answered =
          tr.await(
              e -> TakClient.isReply(e) && TakClient.text(e).contains("ru/ru-joint: accept"), WAIT);
      assertThat(TakClient.text(answered)).endsWith("it is joint");
      ru.await(chat("TR accepted joint movement ru/ru-joint (version 1): it is joint"), WAIT);

      PlansAndChatTest.notify(us, "us-cross", new double[][] {{36.9, 41.0}, {37.1, 41.0}}, t0);
      CotEvent marker =
          tr.await(e -> e.type().equals("b-m-p-s-m") && e.uid().startsWith("deconflict."), WAIT);
      assertThat(marker.detail().child("remarks").map(Element::text).orElse(""))
          .contains("Own item: ru/ru-joint (a joint movement you take part in)");
      ru.await(e -> e.type().equals("b-m-p-s-m"), WAIT);
    }
  }
}
