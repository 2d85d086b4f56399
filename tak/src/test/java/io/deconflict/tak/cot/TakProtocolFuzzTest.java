package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the TAK protocol version 1 decoder, {@link TakProtocol#decode} (docs/fuzzing.md).
 * Property: a refused message is a {@link CotException} whose message says what is wrong; an
 * accepted event written back as TAK protocol and as XML reads again to the same event. Seeds:
 * {@code TakProtocolFuzzTestInputs/decode}.
 */
class TakProtocolFuzzTest {

  @FuzzTest
  void decode(byte[] input) {
    TakProtocol.Message message;
    try {
      message = TakProtocol.decode(input);
    } catch (CotException e) {
      assertThat(e.getMessage()).as("a refusal says what is wrong").isNotBlank();
      return;
    }
    CotEvent event = message.event();
    if (event != null) {
      RoundTrips.check(event);
    }
  }
}
