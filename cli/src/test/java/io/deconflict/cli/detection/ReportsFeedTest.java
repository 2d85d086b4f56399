package io.deconflict.cli.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.journal.JournalRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A {@code positions.report} record as the detection job's live input (D38): one message per
 * report, keyed by unit, with the party and the fields the job reads, versioned by the record's
 * sequence number and the report's place; nothing without a reports topic.
 */
class ReportsFeedTest {

  private static final JournalRecord RECORD =
      new JournalRecord(
          12,
          Instant.parse("2027-03-01T08:00:01Z"),
          "positions.report",
          ("{\"by\":\"blue-officer\",\"audience\":{\"parties\":[\"blue\"]},\"body\":{\"reports\":["
                  + "{\"unit\":\"u-1\",\"time\":\"2027-03-01T08:00:00Z\",\"lon\":40.1,\"lat\":36.9,"
                  + "\"course\":90,\"speed\":12.5,\"movement\":\"m-1\"},"
                  + "{\"unit\":\"u-2\",\"time\":\"2027-03-01T08:00:00.5Z\",\"lon\":40.2,\"lat\":36.8}"
                  + "]}}")
              .getBytes(StandardCharsets.UTF_8),
          new byte[JournalRecord.HASH_LENGTH],
          new byte[JournalRecord.HASH_LENGTH]);

  @Test
  void everyReportBecomesAMessageOfItsUnitVersionedByItsPlace() {
    List<ProducerRecord<byte[], byte[]>> out =
        NotificationFeed.messages(RECORD, "notifications", Optional.of("reports"));
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(m -> assertThat(m.topic()).isEqualTo("reports"));
    assertThat(text(out.get(0).key())).isEqualTo("blue/u-1");
    assertThat(text(out.get(0).value()))
        .isEqualTo(
            "{\"party\":\"blue\",\"unit\":\"u-1\",\"time\":\"2027-03-01T08:00:00Z\","
                + "\"lon\":40.1,\"lat\":36.9,\"course\":90,\"speed\":12.5}");
    assertThat(text(out.get(1).key())).isEqualTo("blue/u-2");
    assertThat(version(out.get(0))).isEqualTo(12 * NotificationFeed.BATCH_SLOTS);
    assertThat(version(out.get(1))).isEqualTo(12 * NotificationFeed.BATCH_SLOTS + 1);
  }

  @Test
  void withoutAReportsTopicReportsAreNotPublished() {
    assertThat(NotificationFeed.messages(RECORD, "notifications", Optional.empty())).isEmpty();
  }

  private static long version(ProducerRecord<byte[], byte[]> m) {
    return Long.parseLong(text(m.headers().lastHeader(NotificationFeed.VERSION_HEADER).value()));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
