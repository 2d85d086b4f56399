package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 4: the service's own GeoChat lines reused ids across connections ({@code reply-1}
 * named two different messages to the same device, which keeps its chat history). Every line now
 * has its own UUID, as ATAK names chat messages, on every connection.
 */
class ServiceChatIdsUniqueAcrossConnectionsTest extends ListenerTest {

  @Test
  void everyLineHasItsOwnIdOnEveryConnection() throws Exception {
    List<CotEvent> lines = new ArrayList<>();
    for (int connection = 0; connection < 2; connection++) {
      try (TakClient us = tak.client("us-officer", "ANDROID-us-1")) {
        us.send(us.chat("lobby", "hello " + connection));
        us.send(us.chat("lobby", "anyone " + connection));
        us.await(
            e -> TakClient.isError(e) && TakClient.text(e).contains("lobby"),
            Duration.ofSeconds(5));
        long errors = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (errors < 2 && System.nanoTime() < deadline) {
          Thread.sleep(20);
          errors = us.all().stream().filter(TakClient::isError).count();
        }
        lines.addAll(us.all().stream().filter(TakClient::isReply).toList());
      }
    }
    // per connection: the sign-in line and two refusals
    assertThat(lines).hasSize(6);
    HashSet<String> messageIds = new HashSet<>();
    HashSet<String> uids = new HashSet<>();
    for (CotEvent line : lines) {
      String id = line.detail().child("__chat").flatMap(c -> c.attr("messageId")).orElseThrow();
      assertThat(UUID.fromString(id).toString()).isEqualTo(id);
      messageIds.add(id);
      uids.add(line.uid());
    }
    assertThat(messageIds).hasSize(6);
    assertThat(uids).hasSize(6);
  }
}
