package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading is buffered up to the limit and then disconnected, while a client of
 * the same party that reads keeps receiving everything.
 */
class SlowClientTest {

  @TempDir Path data;

  @Test
  void aClientThatStopsReadingIsDroppedAndTheOthersCarryOn() throws Exception {
    try (TakFixture tak =
            new TakFixture(data, s -> s.withLimits(TakSettings.DEFAULT_MAX_EVENT_BYTES, 4 << 20));
        Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", tak.listener.tcpPort()));
      slow.getOutputStream()
          .write(
              "<auth><cot username=\"ru-officer\" password=\"token-ru-officer\"/></auth>"
                  .getBytes(StandardCharsets.UTF_8));
      slow.getOutputStream().flush();
      try (TakClient fast = tak.client("ru-officer", "ANDROID-ru-fast");
          TakClient us = tak.client("us-officer", "ANDROID-us-1")) {
        int units = 60_000;
        Instant now = Instant.now();
        for (int round = 0; round < 60; round++) {
          // 1,000 reports every 100 ms: the reading client keeps up, the other falls behind
          ByteArrayOutputStream burst = new ByteArrayOutputStream();
          for (int i = round * 1000; i < (round + 1) * 1000; i++) {
            burst.write(
                TakClient.atom("us-unit-" + i, "a-f-G", 36 + i * 1e-5, 40, 0, 0, now).toXmlBytes());
          }
          us.sendRaw(burst.toByteArray());
          Thread.sleep(100);
        }
        fast.await(e -> e.uid().equals("us-unit-" + (units - 1)), Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tak.listener.droppedClients() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(tak.listener.droppedClients()).isEqualTo(1);
        assertThat(fast.ended()).isFalse();
        assertThat(fast.all().stream().filter(e -> e.uid().startsWith("us-unit-")).count())
            .isEqualTo(units);
      }
    }
  }
}
