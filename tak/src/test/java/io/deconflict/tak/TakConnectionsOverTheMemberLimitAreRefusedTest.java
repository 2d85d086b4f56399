package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.limit.LimitExceeded;
import io.deconflict.service.limit.MemberLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 5: TAK connections count against their member's {@code
 * limits.takConnectionsPerMember}. With a limit of 2, a third client signing in as the same member
 * is refused with the reason and disconnected, another member still signs in, and once one of the
 * two disconnects the member may sign in again. Over real sockets.
 */
class TakConnectionsOverTheMemberLimitAreRefusedTest {

  @TempDir Path data;

  @Test
  void aThirdConnectionOfOneMemberIsRefusedAndAnotherMemberIsNot() throws Exception {
    MemberLimits limits =
        MemberLimits.of(new MemberLimits.Settings(1000, 1000, 100, 2), System::nanoTime);
    try (TakFixture tak = new TakFixture(data, UnaryOperator.identity(), limits);
        TakClient first = tak.client("us-officer", "ANDROID-1")) {
      TakClient second = tak.client("us-officer", "ANDROID-2");
      try (TakClient third = TakClient.connect(tak.listener.tcpPort(), "ANDROID-3")) {
        third.sendRaw("<auth><cot username=\"us-officer\" password=\"token-us-officer\"/></auth>");
        var refused =
            third.await(
                e -> TakClient.isError(e) && TakClient.text(e).startsWith("sign-in refused"),
                Duration.ofSeconds(10));
        assertThat(TakClient.text(refused))
            .contains("us-officer", "2 TAK connections", "limits.takConnectionsPerMember");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!third.ended() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(third.ended()).as("the refused client is disconnected").isTrue();
      }
      assertThat(limits.refusals(LimitExceeded.Limit.TAK_CONNECTIONS)).isEqualTo(1);
      try (TakClient other = tak.client("ru-officer", "ANDROID-RU")) {
        assertThat(limits.openTakConnections("ru-officer")).isEqualTo(1);
      }
      second.close();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (limits.openTakConnections("us-officer") > 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      try (TakClient again = tak.client("us-officer", "ANDROID-4")) {
        assertThat(limits.openTakConnections("us-officer")).isEqualTo(2);
      }
    }
  }
}
