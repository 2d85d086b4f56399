package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 7: a marker's remarks never changed while the units closed (only level changes
 * were sent), although docs/api.md and docs/tak.md describe a live situation; and times in the
 * remarks carried fractions of seconds nobody can read aloud. Now the marker is re-sent with the
 * situation of the newest reports (at most every 10 s of report time), and its remarks give times
 * to the second.
 */
class LiveAlertRemarksFollowSituationTest extends ListenerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern FRACTION = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d");

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theRemarksFollowTheUnitsAsTheyClose(boolean protocol) throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      if (protocol) {
        us.negotiate();
        ru.negotiate();
      }
      // a time with a fraction of a second, as devices report
      Instant t0 = Instant.now().minusSeconds(5).plusNanos(123_456_789);
      us.send(TakClient.atom("ANDROID-us-1", "a-f-G-U-C", 37.0, 41.000, 90, 15, t0));
      ru.send(TakClient.atom("ANDROID-ru-1", "a-f-G-U-C", 37.0045, 41.025, 270, 15, t0));
      CotEvent first = us.await(LiveAlertRemarksFollowSituationTest::marker, WAIT);
      String before = TakClient.text(first);
      assertThat(before).contains("2281 m apart").doesNotContainPattern(FRACTION);

      // 12 s later each has come 180 m closer: 750 m apart
      Instant t1 = t0.plusSeconds(12);
      us.send(TakClient.atom("ANDROID-us-1", "a-f-G-U-C", 37.0, 41.002022, 90, 15, t1));
      ru.send(TakClient.atom("ANDROID-ru-1", "a-f-G-U-C", 37.0045, 41.022978, 270, 15, t1));
      CotEvent later =
          us.await(e -> marker(e) && e != first && !TakClient.text(e).equals(before), WAIT);
      String after = TakClient.text(later);
      assertThat(after)
          .contains("live at " + Outbound.readable(t1.toString()))
          .doesNotContainPattern(FRACTION);
      assertThat(metersApart(after)).isLessThan(metersApart(before) - 300);
      // the marker stays at the read-back place
      assertThat(later.lat()).isEqualTo(first.lat());
      assertThat(later.lon()).isEqualTo(first.lon());
    }
  }

  private static long metersApart(String remarks) {
    java.util.regex.Matcher m = Pattern.compile("(\\d+) m apart").matcher(remarks);
    assertThat(m.find()).as(remarks).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static boolean marker(CotEvent e) {
    return e.type().equals("b-m-p-s-m") && e.uid().startsWith("deconflict.alert.");
  }
}
