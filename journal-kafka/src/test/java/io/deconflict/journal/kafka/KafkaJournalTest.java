package io.deconflict.journal.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.journal.Entry;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What the Kafka journal does beyond the contract: its topic, its settings, a damaged topic. */
class KafkaJournalTest {

  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00.123456789Z");

  @Test
  void openingCreatesATopicOfOnePartitionKeptForever() throws Exception {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    assertThat(KafkaJournal.exists(settings)).isFalse();

    try (KafkaJournal journal = KafkaJournal.open(settings)) {
      assertThat(journal.lastSeq()).isZero();
    }

    assertThat(KafkaJournal.exists(settings)).isTrue();
    try (Admin admin = admin()) {
      var topics = admin.describeTopics(List.of(settings.topic())).allTopicNames().get();
      assertThat(java.util.Objects.requireNonNull(topics.get(settings.topic())).partitions())
          .hasSize(1);
    }
  }

  @Test
  void aTopicOfSeveralPartitionsIsRefused() throws Exception {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    createTopic(settings.topic(), 3, Map.of());

    assertThatThrownBy(() -> KafkaJournal.open(settings))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(settings.topic())
        .hasMessageContaining("3 partitions")
        .hasMessageContaining("exactly 1");
  }

  @Test
  void aTopicThatExpiresOrCompactsRecordsIsRefused() throws Exception {
    KafkaJournalSettings expiring = KafkaBroker.newJournal();
    createTopic(expiring.topic(), 1, Map.of("retention.ms", "604800000", "retention.bytes", "-1"));
    KafkaJournalSettings compacted = KafkaBroker.newJournal();
    createTopic(compacted.topic(), 1, Map.of("cleanup.policy", "compact"));

    assertThatThrownBy(() -> KafkaJournal.open(expiring))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("retention.ms=604800000");
    assertThatThrownBy(() -> KafkaJournal.open(compacted))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("cleanup.policy=compact");
  }

  @Test
  void settingsTheGuaranteesRestOnCannotBeConfigured() {
    KafkaJournalSettings settings = KafkaJournalSettings.of("localhost:9092", "journal");

    assertThatThrownBy(() -> settings.withProperties(Map.of("acks", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("properties.acks is set by the journal itself and cannot be configured");
    assertThatThrownBy(() -> KafkaJournalSettings.of("localhost:9092", "a topic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a topic\"");
    assertThat(settings.withProperties(Map.of("security.protocol", "SASL_SSL")).properties())
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void aRecordWithAForeignLinkIsFoundByVerifyReadAndOpen() {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    List<JournalRecord> written;
    try (KafkaJournal journal = KafkaJournal.open(settings)) {
      written = journal.append(List.of(entry(1), entry(2), entry(3)));
    }
    // a forger appends record 4 linked to record 2 instead of 3, with a hash right for its content
    JournalRecord forged = JournalRecord.chain(4, entry(4), written.get(1).hash());
    produceRaw(settings.topic(), RecordCodec.encode(forged));

    List<JournalRecord> passed = new ArrayList<>();
    Verification verification = KafkaJournal.verify(settings, passed::add);
    assertThat(verification.ok()).isFalse();
    assertThat(verification.firstBadSeq()).contains(4L);
    assertThat(verification.problem()).contains("record 4: previous hash does not match record 3");
    assertThat(verification.recordsChecked()).isEqualTo(3);
    assertThat(verification.lastHashHex()).contains(written.get(2).hashHex());
    assertThat(passed).isEqualTo(written);
    assertThatThrownBy(() -> KafkaJournal.open(settings))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("refusing to open journal")
        .hasMessageContaining("record 4: previous hash does not match record 3");
  }

  @Test
  void aMalformedMessageIsNamedByTheRecordItShouldHaveBeen() {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    try (KafkaJournal journal = KafkaJournal.open(settings)) {
      journal.append(List.of(entry(1), entry(2)));
      produceRaw(settings.topic(), "not a record".getBytes(UTF_8));
      List<JournalRecord> read = new ArrayList<>();

      assertThatThrownBy(() -> journal.read(1, read::add))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("record 3: the message at offset")
          .hasMessageContaining("is malformed");
      assertThat(read).extracting(JournalRecord::seq).containsExactly(1L, 2L);
      Verification verification = KafkaJournal.verify(settings, r -> {});
      assertThat(verification.firstBadSeq()).isEqualTo(Optional.of(3L));
    }
  }

  @Test
  void readingWhileAnotherJournalWritesDoesNotFenceIt() {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    try (KafkaJournal writer = KafkaJournal.open(settings)) {
      writer.append(List.of(entry(1)));
      try (KafkaJournal reader = KafkaJournal.open(settings)) {
        assertThat(reader.lastSeq()).isEqualTo(1);
        assertThat(KafkaJournal.verify(settings, r -> {}).ok()).isTrue();
      }
      writer.append(List.of(entry(2)));

      assertThat(writer.writerRegistrations()).isEqualTo(1);
      assertThat(writer.lastSeq()).isEqualTo(2);
    }
  }

  private static Entry entry(int n) {
    return new Entry(T0.plusMillis(n), "test.event", ("{\"n\":" + n + "}").getBytes(UTF_8));
  }

  private static Admin admin() {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
    return Admin.create(config);
  }

  private static void createTopic(String topic, int partitions, Map<String, String> config)
      throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(config)))
          .all()
          .get();
    }
  }

  /** Writes a message as a forger with access to the brokers would: no transaction, no fence. */
  private static void produceRaw(String topic, byte[] value) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, 0, null, value));
      producer.flush();
    }
  }
}
