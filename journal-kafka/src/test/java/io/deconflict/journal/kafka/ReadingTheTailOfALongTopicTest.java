package io.deconflict.journal.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.journal.Entry;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteSnapshots;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal opened afresh on a long topic (a node restarting from its snapshot, D40) reads the
 * records after a sequence number without scanning the topic from its beginning: a binary search
 * over the offsets finds where they are, aborted transactions in between notwithstanding.
 */
class ReadingTheTailOfALongTopicTest {

  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  private static final int RECORDS = 6_000;

  @TempDir Path dir;

  @Test
  void aFreshJournalReadsTheTailOfALongTopicWithoutScanningItFromTheStart() throws Exception {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    List<JournalRecord> written = new ArrayList<>();
    try (KafkaJournal journal = KafkaJournal.open(settings)) {
      for (int batch = 0; batch < RECORDS / 200; batch++) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          entries.add(new Entry(T0.plusSeconds(batch), "t", ("{\"n\":" + i + "}").getBytes(UTF_8)));
        }
        written.addAll(journal.append(entries));
        if (batch % 7 == 3) {
          abortedTransaction(settings.topic()); // offsets that hold no record
        }
      }
    }

    try (KafkaJournal fresh =
        KafkaJournal.open(settings, SqliteSnapshots.inFile(dir.resolve("snapshots.db")))) {
      assertThat(fresh.snapshots()).isPresent();
      List<JournalRecord> tail = new ArrayList<>();
      fresh.read(RECORDS - 10, tail::add);
      assertThat(tail).hasSize(11);
      for (JournalRecord r : tail) {
        assertThat(r.hashHex()).isEqualTo(written.get((int) r.seq() - 1).hashHex());
      }
      assertThat(fresh.scannedMessages())
          .as("messages scanned to read the last 11 of " + RECORDS)
          .isLessThan(KafkaJournal.INDEX_EVERY);

      for (long seq : List.of(1L, 2L, 1_025L, 2_999L, 4_321L, (long) RECORDS)) {
        List<JournalRecord> one = new ArrayList<>();
        fresh.read(seq, seq, one::add);
        assertThat(one).as("record " + seq).hasSize(1);
        assertThat(one.get(0).seq()).isEqualTo(seq);
        assertThat(one.get(0).hashHex()).isEqualTo(written.get((int) seq - 1).hashHex());
      }
      List<JournalRecord> all = new ArrayList<>();
      fresh.read(1, all::add);
      assertThat(all).hasSize(RECORDS);
    }
  }

  /** Messages of a transaction that another producer aborts: readers never see them. */
  private static void abortedTransaction(String topic) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-" + topic);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(
            producer.send(new ProducerRecord<>(topic, 0, null, "not a record".getBytes(UTF_8))));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
      producer.abortTransaction();
    }
  }
}
