package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 6: the protocol-switch response did not reuse the request's uid, as the TAK
 * protocol description says the server shall, and the pong's uid differed from TAK Server's ({@code
 * takPong}).
 */
class ProtocolResponseReusesRequestUidTest extends ListenerTest {

  private static CotEvent request(String uid, String version) {
    Instant now = Instant.now();
    Element detail = new Element("detail");
    detail.add("TakControl").add("TakRequest").attr("version", version);
    return new CotEvent(
        uid, "t-x-takp-q", "m-g", now, now, now.plusSeconds(60), 0, 0, 0, 0, 0, detail);
  }

  @Test
  void aRefusedAndAnAcceptedRequestAreAnsweredWithTheirOwnUid() throws Exception {
    try (TakClient c = tak.client("us-officer", "ANDROID-us-1")) {
      c.send(request("request-for-v2", "2"));
      CotEvent refused = c.await(e -> e.type().equals("t-x-takp-r"), WAIT);
      assertThat(refused.uid()).isEqualTo("request-for-v2");
      assertThat(refused.detail().toXml()).contains("status=\"false\"");

      c.send(request("request-for-v1", "1"));
      CotEvent accepted =
          c.await(e -> e.type().equals("t-x-takp-r") && e.uid().equals("request-for-v1"), WAIT);
      assertThat(accepted.detail().toXml()).contains("status=\"true\"");
    }
  }

  @Test
  void thePongIsTakPongInXmlAndInProtocol() throws Exception {
    try (TakClient c = tak.client("us-officer", "ANDROID-us-1")) {
      Instant now = Instant.now();
      CotEvent ping =
          new CotEvent(
              "ANDROID-us-1-ping",
              "t-x-c-t",
              "h-g-i-g-o",
              now,
              now,
              now.plusSeconds(60),
              0,
              0,
              0,
              CotEvent.UNKNOWN,
              CotEvent.UNKNOWN,
              new Element("detail"));
      c.send(ping);
      assertThat(c.await(e -> e.type().equals("t-x-c-t-r"), WAIT).uid()).isEqualTo("takPong");
      c.negotiate();
      c.send(ping);
      long pongs = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (pongs < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        pongs =
            c.all().stream()
                .filter(e -> e.type().equals("t-x-c-t-r") && e.uid().equals("takPong"))
                .count();
      }
      assertThat(pongs).isEqualTo(2);
    }
  }
}
