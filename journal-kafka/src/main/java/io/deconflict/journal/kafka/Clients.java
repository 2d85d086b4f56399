package io.deconflict.journal.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The configurations of the journal's Kafka clients: the configured properties (TLS, SASL), then
 * the settings the journal's guarantees rest on, which the configuration cannot change ({@link
 * KafkaJournalSettings#RESERVED}). Stateless.
 */
final class Clients {

  /**
   * The largest message value the journal writes and its topic accepts: a command's facts are
   * bounded by the service's request limit (64 MiB at most), and a record adds under a kilobyte.
   */
  static final int MAX_MESSAGE_BYTES = (64 << 20) + (1 << 20);

  private Clients() {}

  /** A transactional, idempotent producer that waits for every in-sync replica. */
  static Map<String, Object> producer(KafkaJournalSettings settings, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.putAll(settings.properties());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.timeout().toMillis());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** A consumer that sees only committed transactions and belongs to no group. */
  static Map<String, Object> consumer(KafkaJournalSettings settings, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
    // a read stops at the end it was given, but the consumer has sent a fetch ahead, which waits
    // at the log's end up to this long and is awaited when the reader seeks elsewhere (the probes
    // of the binary search, D40): with Kafka's default 500 ms, reading one record of 6,000 on a
    // fresh journal took 1.5 s instead of 0.08 s (ReadingTheTailOfALongTopicTest)
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    config.putAll(settings.properties());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** An admin client, to create or check the topic. */
  static Map<String, Object> admin(KafkaJournalSettings settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "deconflict-journal-admin");
    // only the properties an admin client knows: the producer's would be logged as unknown
    for (Map.Entry<String, String> e : settings.properties().entrySet()) {
      if (AdminClientConfig.configNames().contains(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      }
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
    return config;
  }
}
