package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Issue 13, item 2: a client sometimes got its own hotline messages echoed back (a few in forty):
 * the message id was recorded only after the command returned, while the hub could already be
 * fanning the message out. Forty messages, repeated: none comes back to its sender, while another
 * device of the same member and the other party get every one.
 */
class OwnHotlineMessageNotEchoedTest extends ListenerTest {

  private static final int MESSAGES = 40;

  @RepeatedTest(3)
  void fortyMessagesNoneEchoedToTheSender() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient usOther = tak.client("us-officer", "ANDROID-us-2");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      for (int i = 0; i < MESSAGES; i++) {
        us.send(us.chat("pair:ru:us", "message " + i));
      }
      for (int i = 0; i < MESSAGES; i++) {
        String text = "message " + i;
        ru.await(e -> hotline(e) && TakClient.text(e).equals(text), Duration.ofSeconds(20));
        usOther.await(e -> hotline(e) && TakClient.text(e).equals(text), Duration.ofSeconds(20));
      }
      Thread.sleep(300); // anything the fan-out queued for the sender has arrived by now
      List<CotEvent> echoed =
          us.all().stream().filter(OwnHotlineMessageNotEchoedTest::hotline).toList();
      assertThat(echoed).isEmpty();
      assertThat(us.all()).noneMatch(TakClient::isError);
    }
  }

  private static boolean hotline(CotEvent e) {
    return e.type().equals("b-t-f")
        && e.detail().child("__deconflict").flatMap(x -> x.attr("message")).isPresent();
  }
}
