package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link TakProtocolFuzzTest}: a TAK protocol event whose uid, type or how held a
 * character XML cannot carry (here NUL) was accepted, and the XML written for it dropped the
 * character, so the event reached XML clients with another identity (uid {@code "A\0"} became
 * {@code "A"}, another unit's). Such an event is now refused, naming the field.
 */
class TakProtocolControlCharacterInEventTest {

  @Test
  void aNulInHowIsRefused() throws IOException {
    assertThatThrownBy(() -> TakProtocol.decode(message("ANDROID-1", "m-\u0000g")))
        .isInstanceOf(CotException.class)
        .hasMessage("event ANDROID-1: how has the character U+0000 at 2, which XML cannot carry");
  }

  @Test
  void aControlCharacterInTheUidIsRefused() throws IOException {
    assertThatThrownBy(() -> TakProtocol.decode(message("A\u0001", "m-g")))
        .isInstanceOf(CotException.class)
        .hasMessage("event uid: uid has the character U+0001 at 1, which XML cannot carry");
  }

  @Test
  void uPlusFffeInTheUidIsRefused() throws IOException {
    assertThatThrownBy(() -> TakProtocol.decode(message("A\uFFFE", "m-g")))
        .isInstanceOf(CotException.class)
        .hasMessageContaining("U+FFFE");
  }

  /** A TakMessage holding one event with this uid and how. */
  private static byte[] message(String uid, String how) throws IOException {
    return RawTakMessage.event(uid, how, 1_665_219_600_000L);
  }
}
