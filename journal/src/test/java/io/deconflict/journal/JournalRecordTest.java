package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical encoding, pinned by hashes computed outside Java (Python's hashlib). */
class JournalRecordTest {

  @Test
  void hashesMatchIndependentlyComputedVectors() {
    JournalRecord first =
        JournalRecord.chain(
            1,
            new Entry(
                Instant.parse("2025-03-01T08:00:00.123456789Z"),
                "movement.notified",
                "{\"id\":\"m-1\"}".getBytes(UTF_8)),
            JournalRecord.zeroHash());
    JournalRecord second =
        JournalRecord.chain(
            2, new Entry(Instant.ofEpochSecond(-1, 999_999_999), "ü.x", new byte[0]), first.hash());

    assertThat(first.hashHex())
        .isEqualTo("541d11d51a6cb8a10ed50a9c36b828845c6493b134a01fe0ed8198d6101e41d0");
    assertThat(second.hashHex())
        .isEqualTo("873100d24e969db163c85797131971dc02804d9935b0a81c862c465142923fb3");
  }

  @Test
  void recordsAreValidated() {
    byte[] hash = new byte[32];
    assertThatThrownBy(() -> new JournalRecord(0, Instant.EPOCH, "t", new byte[0], hash, hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seq", "0");
    assertThatThrownBy(
            () -> new JournalRecord(1, Instant.EPOCH, "t", new byte[0], new byte[31], hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previousHash", "31");
  }

  @Test
  void aRecordWhoseHashDoesNotMatchSaysSo() {
    JournalRecord record =
        JournalRecord.chain(3, new Entry(Instant.EPOCH, "t", new byte[] {1}), new byte[32]);
    JournalRecord damaged =
        new JournalRecord(3, Instant.EPOCH, "t", new byte[] {2}, new byte[32], record.hash());

    assertThat(record.hashMatches()).isTrue();
    assertThat(damaged.hashMatches()).isFalse();
    assertThat(damaged.toString()).contains("seq=3", "1 bytes", record.hashHex().substring(0, 12));
  }
}
