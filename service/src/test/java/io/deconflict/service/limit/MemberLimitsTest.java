package io.deconflict.service.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket and the connection count on a ticker the test moves by hand. */
class MemberLimitsTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final MemberLimits limits =
      MemberLimits.of(new MemberLimits.Settings(10, 5, 2, 3), now::get);

  @Test
  void aBurstIsServedThenRefusedWithTheTimeToTheNextToken() {
    for (int i = 0; i < 5; i++) {
      limits.admit("a");
    }
    assertThatThrownBy(() -> limits.admit("a"))
        .isInstanceOfSatisfying(
            LimitExceeded.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LimitExceeded.Limit.RATE);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
              assertThat(e.getMessage()).contains("member a", "5 requests at once", "10 a second");
            });
  }

  @Test
  void tokensComeBackAtTheRateUpToTheBurst() {
    for (int i = 0; i < 5; i++) {
      limits.admit("a");
    }
    now.addAndGet(100_000_000); // 0.1 s: one token at 10 a second
    limits.admit("a");
    assertThatThrownBy(() -> limits.admit("a")).isInstanceOf(LimitExceeded.class);
    now.addAndGet(60_000_000_000L); // a minute: the bucket is full again, not fuller
    for (int i = 0; i < 5; i++) {
      limits.admit("a");
    }
    assertThatThrownBy(() -> limits.admit("a")).isInstanceOf(LimitExceeded.class);
  }

  @Test
  void oneMembersFloodLeavesAnotherMembersBucketFull() {
    for (int i = 0; i < 5; i++) {
      limits.admit("a");
    }
    for (int i = 0; i < 1000; i++) {
      assertThatThrownBy(() -> limits.admit("a")).isInstanceOf(LimitExceeded.class);
    }
    for (int i = 0; i < 5; i++) {
      limits.admit("b");
    }
    assertThat(limits.refusals(LimitExceeded.Limit.RATE)).isEqualTo(1000);
  }

  @Test
  void aSlowRateWaitsSeveralSeconds() {
    MemberLimits slow = MemberLimits.of(new MemberLimits.Settings(0.25, 1, 1, 1), now::get);
    slow.admit("a");
    assertThatThrownBy(() -> slow.admit("a"))
        .isInstanceOfSatisfying(
            LimitExceeded.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
  }

  @Test
  void connectionsAreCountedPerMemberAndGivenBackOnce() {
    MemberLimits.Lease first = limits.open("a");
    MemberLimits.Lease second = limits.open("a");
    assertThatThrownBy(() -> limits.open("a"))
        .isInstanceOfSatisfying(
            LimitExceeded.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LimitExceeded.Limit.CONNECTIONS);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            });
    limits.open("b").close(); // another member is not affected
    first.close();
    first.close(); // a second close gives nothing back twice
    assertThat(limits.openConnections("a")).isEqualTo(1);
    limits.open("a");
    assertThatThrownBy(() -> limits.open("a")).isInstanceOf(LimitExceeded.class);
    second.close();
    assertThat(limits.openConnections("a")).isEqualTo(1);
  }

  @Test
  void takConnectionsHaveTheirOwnCount() {
    limits.open("a");
    limits.open("a");
    MemberLimits.Lease tak = limits.openTak("a");
    limits.openTak("a");
    limits.openTak("a");
    assertThatThrownBy(() -> limits.openTak("a"))
        .isInstanceOfSatisfying(
            LimitExceeded.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LimitExceeded.Limit.TAK_CONNECTIONS);
              assertThat(e.getMessage()).contains("limits.takConnectionsPerMember");
            });
    tak.close();
    assertThat(limits.openTakConnections("a")).isEqualTo(2);
    assertThat(limits.openConnections("a")).isEqualTo(2);
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new MemberLimits.Settings(0, 5, 2, 3))
        .hasMessageContaining("limits.requestsPerSecond");
    assertThatThrownBy(() -> new MemberLimits.Settings(10, 0, 2, 3))
        .hasMessageContaining("limits.burst");
    assertThatThrownBy(() -> new MemberLimits.Settings(10, 5, 0, 3))
        .hasMessageContaining("limits.connectionsPerMember");
    assertThatThrownBy(() -> new MemberLimits.Settings(10, 5, 2, 0))
        .hasMessageContaining("limits.takConnectionsPerMember");
  }
}
