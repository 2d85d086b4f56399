package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.TakProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input over real sockets: entity expansion, external entities, a 10 MB event,
 * garbage bytes, truncated streams and broken TAK protocol frames. Each is answered with an error
 * naming the problem, the same connection carries on, and everyone else does too.
 */
class HostileInputTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path data;
  private TakFixture tak;
  private TakClient watcher;
  private int n;

  @BeforeEach
  void start() throws Exception {
    tak =
        new TakFixture(
            data, s -> s.withLimits(64 * 1024, TakSettings.DEFAULT_MAX_CLIENT_BUFFER_BYTES));
    watcher = tak.client("ru-officer", "ANDROID-ru-watch");
  }

  @AfterEach
  void stop() throws Exception {
    watcher.close();
    tak.close();
  }

  /** A report from {@code client} reaches the other party: the server and this connection work. */
  private void stillWorks(TakClient client) throws Exception {
    String unit = "ANDROID-us-" + (++n);
    client.send(TakClient.atom(unit, "a-f-G", 37.0, 41.0, 0, 0, Instant.now()));
    watcher.await(e -> e.uid().equals(unit), WAIT);
  }

  private static String atomXml(String uid, String inDetail) {
    String now = Instant.now().toString();
    return "<event version=\"2.0\" uid=\""
        + uid
        + "\" type=\"a-f-G\" how=\"m-g\" time=\""
        + now
        + "\" start=\""
        + now
        + "\" stale=\""
        + now
        + "\"><point lat=\"37\" lon=\"41\" hae=\"0\" ce=\"9\" le=\"9\"/><detail>"
        + inDetail
        + "</detail></event>";
  }

  @Test
  void entityExpansionIsRefusedAndTheConnectionCarriesOn() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-0")) {
      StringBuilder dtd =
          new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE event [<!ENTITY lol \"lol\">");
      for (int i = 1; i < 10; i++) {
        dtd.append("<!ENTITY lol").append(i).append(" \"");
        dtd.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
      }
      dtd.append("]>");
      us.sendRaw(dtd + atomXml("ANDROID-lol", "<remarks>&lol9;</remarks>"));
      CotEvent err = us.await(TakClient::isError, WAIT);
      assertThat(TakClient.text(err)).containsIgnoringCase("DOCTYPE");
      assertThat(watcher.all()).noneMatch(e -> e.uid().equals("ANDROID-lol"));
      stillWorks(us);
    }
  }

  @Test
  void externalEntitiesAreNeverFetched() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-0")) {
      us.sendRaw(
          "<?xml version=\"1.0\"?><!DOCTYPE event [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
              + atomXml("ANDROID-xxe", "<remarks>&xxe;</remarks>"));
      us.await(TakClient::isError, WAIT);
      us.sendRaw(atomXml("ANDROID-xxe2", "<remarks>&xxe;</remarks>"));
      CotEvent err = us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("xxe"), WAIT);
      assertThat(TakClient.text(err)).doesNotContain("root:");
      stillWorks(us);
    }
  }

  @Test
  void aTenMegabyteEventIsSkippedWithoutBufferingIt() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-0")) {
      byte[] big =
          atomXml("ANDROID-big", "<remarks>" + "A".repeat(10 << 20) + "</remarks>")
              .getBytes(StandardCharsets.UTF_8);
      us.sendRaw(big);
      CotEvent err = us.await(TakClient::isError, Duration.ofSeconds(30));
      assertThat(TakClient.text(err)).contains("longer than 65536 bytes");
      stillWorks(us);
      assertThat(watcher.all()).noneMatch(e -> e.uid().equals("ANDROID-big"));
    }
  }

  @Test
  void garbageBytesAreSkippedAndWhatFollowsIsRead() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-0")) {
      byte[] junk = new byte[256 * 1024];
      new Random(42).nextBytes(junk);
      junk[0] = '<'; // looks like a tag, is not one
      us.sendRaw(junk);
      us.await(TakClient::isError, WAIT);
      stillWorks(us);
      // a malformed event and an event cut short by the next one
      us.sendRaw(atomXml("ANDROID-x", "").replace("lat=\"37\"", "lat=\"north\""));
      us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("north"), WAIT);
      us.sendRaw("<event uid=\"cut\" type=\"a-f-G\"><poi");
      stillWorks(us);
      us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("cut short"), WAIT);
    }
  }

  @Test
  void aTruncatedStreamOnlyEndsItsOwnConnection() throws Exception {
    TakClient us = tak.client("us-officer", "ANDROID-us-0");
    us.sendRaw(atomXml("ANDROID-trunc", "<remarks>half").substring(0, 120));
    us.close();
    try (TakClient again = tak.client("us-officer", "ANDROID-us-00")) {
      stillWorks(again);
    }
  }

  @Test
  void brokenTakProtocolFramesAreSkipped() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-0")) {
      us.negotiate();
      us.sendRaw(new byte[] {1, 2, 3, 4, 5}); // not a frame
      us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("not TAK protocol"), WAIT);
      us.sendRaw(new byte[] {(byte) TakProtocol.MAGIC, 3, 0x0A, 0x7F, 0x01}); // not a message
      us.await(
          e -> TakClient.isError(e) && TakClient.text(e).contains("TAK protocol message"), WAIT);
      // a declared length over the limit is skipped, not buffered
      byte[] huge = TakProtocol.frame(new byte[100_000]);
      us.sendRaw(huge);
      us.await(e -> TakClient.isError(e) && TakClient.text(e).contains("100000 bytes"), WAIT);
      stillWorks(us);
    }
  }

  @Test
  void aClientThatStartsInTakProtocolIsAnsweredInKind() throws Exception {
    try (TakClient us = TakClient.connect(tak.listener.tcpPort(), "ANDROID-proto")) {
      us.await(e -> e.type().equals("t-x-takp-v"), WAIT);
      us.switchToProtocol();
      // an atom before signing in: refused, and the refusal comes back as a TAK protocol frame
      us.send(TakClient.atom("ANDROID-proto", "a-f-G", 37.0, 41.0, 0, 0, Instant.now()));
      us.await(e -> TakClient.isError(e) && TakClient.text(e).startsWith("sign in first"), WAIT);
      // by now the client reads only TAK protocol: a ping's answer must come as a frame
      Instant now = Instant.now();
      us.send(
          new CotEvent(
              "ANDROID-proto",
              "t-x-c-t",
              "m-g",
              now,
              now,
              now.plusSeconds(10),
              0,
              0,
              0,
              0,
              0,
              new io.deconflict.tak.cot.Element("detail")));
      us.await(e -> e.type().equals("t-x-c-t-r"), WAIT);
    }
  }

  @Test
  void manyClientsComingAndGoingLeaveNothingBehind() throws Exception {
    for (int i = 0; i < 50; i++) {
      TakClient c = TakClient.connect(tak.listener.tcpPort(), "ANDROID-x-" + i);
      c.sendRaw("<auth><cot username=\"us-officer\" password=\"token-us-officer\"/></auth><event");
      c.close();
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (tak.listener.connections() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(tak.listener.connections()).isEqualTo(1); // the watcher
    try (TakClient us = tak.client("us-officer", "ANDROID-us-0")) {
      stillWorks(us);
    }
  }
}
