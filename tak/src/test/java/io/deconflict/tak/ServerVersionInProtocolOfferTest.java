package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 8 (streaming part): clients that ask for the server's version got nothing. The TAK
 * protocol offer ({@code t-x-takp-v}) now carries {@code <TakServerVersionInfo serverVersion
 * apiVersion>} as TAK Server sends it, with this build's version.
 */
class ServerVersionInProtocolOfferTest extends ListenerTest {

  @Test
  void theOfferNamesTheServerAndItsVersion() throws Exception {
    try (TakClient c = TakClient.connect(tak.listener.tcpPort(), "ANDROID-1")) {
      CotEvent offer = c.await(e -> e.type().equals("t-x-takp-v"), Duration.ofSeconds(10));
      Element control = offer.detail().child("TakControl").orElseThrow();
      assertThat(control.child("TakProtocolSupport").flatMap(s -> s.attr("version"))).contains("1");
      Element info = control.child("TakServerVersionInfo").orElseThrow();
      assertThat(info.attr("serverVersion").orElseThrow())
          .isEqualTo("deconflict " + ServerVersion.version())
          .matches("deconflict \\d+\\.\\d+\\.\\d+.*");
      assertThat(info.attr("apiVersion")).contains("3");
    }
  }
}
