package io.deconflict.service.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A kept alert's text packs and unpacks to itself, whatever it holds, and an alert packs small. */
class AlertTextTest {

  private static final String ALERT =
      "{\"id\":\"al-4182\",\"conflictId\":\"cf-2091\",\"recipient\":\"us\",\"kind\":\"unit-unit\","
          + "\"state\":\"open\",\"level\":1,\"deadline\":\"2027-10-08T07:53:12.481Z\","
          + "\"raisedAt\":\"2027-10-08T07:43:12.481Z\",\"start\":\"2027-10-08T07:49:02.113Z\","
          + "\"end\":\"2027-10-08T07:51:40.870Z\",\"location\":[41.38031270882056,37.03021856711997],"
          + "\"channelSuspended\":false,\"own\":{\"item\":\"us-a17\"},\"other\":{\"shares\":"
          + "\"conflicts\",\"party\":\"ru\"},\"closest\":{\"time\":\"2027-10-08T07:50:21.002Z\","
          + "\"distanceMeters\":412.7,\"own\":[41.38062541570874,37.02995512053486],\"other\":"
          + "[41.37999999977234,37.03048201286929]},\"live\":{\"at\":\"2027-10-08T07:43:12.481Z\","
          + "\"level\":\"advisory\",\"distanceNowMeters\":5210.4,\"timeToClosestSeconds\":428.5,"
          + "\"distanceAtClosestMeters\":412.7,\"timeToLossSeconds\":350.1,\"ownPosition\":"
          + "[41.3311,37.0102],\"separationMeters\":1000.0},\"notice\":\"Acknowledging an alert"
          + " means it was seen. It never means the movement is approved.\",\"history\":[{\"time\":"
          + "\"2027-10-08T07:43:12.481Z\",\"what\":\"raised at level 1\"},{\"time\":"
          + "\"2027-10-08T07:43:22.481Z\",\"what\":\"situation updated\"}],\"counterpart\":[]}";

  @Test
  void anyTextPacksAndUnpacksToItself() {
    AlertText text = new AlertText();
    Random random = new Random(20221008L);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(i < 10 ? 10 : 20_000)];
      if (i % 2 == 0) {
        random.nextBytes(bytes); // incompressible
      } else {
        String s = "Колонна 7 — ".repeat(1 + random.nextInt(200)) + ALERT;
        bytes = s.getBytes(StandardCharsets.UTF_8);
      }
      assertThat(text.unpack(text.pack(bytes))).isEqualTo(bytes);
    }
    assertThat(text.unpack(text.pack(new byte[0]))).isEmpty();
  }

  @Test
  void anAlertPacksToUnderAThirdOfItsText() {
    AlertText text = new AlertText();
    byte[] bytes = ALERT.getBytes(StandardCharsets.UTF_8);
    byte[] packed = text.pack(bytes);
    assertThat(packed.length).isLessThan(bytes.length / 3);
    assertThat(new String(text.unpack(packed), StandardCharsets.UTF_8)).isEqualTo(ALERT);
  }
}
