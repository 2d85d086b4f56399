package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Resolution proposals over TAK (D41): with a planned conflict's alert each party's clients get the
 * proposals as GeoChat text, its own movement's shifts and the other's as the agreement lets it see
 * them; a third party's client gets none.
 */
class ProposalsOverTakTest extends ListenerTest {

  @Test
  void bothPartiesReadTheProposalAsChatAndAThirdReadsNothing() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1");
        TakClient tr = tak.client("tr-officer", "ANDROID-tr-1")) {
      Instant t0 = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
      PlansAndChatTest.notify(us, "us-route-1", new double[][] {{37.0, 40.9}, {37.0, 41.1}}, t0);
      PlansAndChatTest.notify(ru, "ru-route-1", new double[][] {{36.9, 41.0}, {37.1, 41.0}}, t0);

      CotEvent usSays =
          us.await(e -> TakClient.isReply(e) && TakClient.text(e).startsWith("Proposal: "), WAIT);
      assertThat(TakClient.text(usSays))
          .startsWith("Proposal: Delay yours by ")
          .contains("or delay theirs by")
          .contains("To accept, delay yours by ")
          .contains("propose-delay")
          .contains("until the movement's owner accepts it");
      CotEvent ruSays =
          ru.await(e -> TakClient.isReply(e) && TakClient.text(e).startsWith("Proposal: "), WAIT);
      assertThat(TakClient.text(ruSays)).startsWith("Proposal: Delay yours by ");

      Thread.sleep(500);
      assertThat(tr.all()).noneMatch(e -> TakClient.text(e).contains("Proposal"));
    }
  }
}
