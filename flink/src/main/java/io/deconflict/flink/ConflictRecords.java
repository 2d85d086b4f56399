package io.deconflict.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a conflict change to the conflicts topic: key the identity; value the conflict's JSON when
 * it appeared, none (a tombstone) when it vanished. The topic can therefore be compacted, and its
 * live keys are the current conflicts.
 */
final class ConflictRecords implements KafkaRecordSerializationSchema<ConflictChange> {

  private static final long serialVersionUID = 1L;

  private final String topic;

  ConflictRecords(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      ConflictChange change, KafkaSinkContext context, Long timestamp) {
    byte[] key = change.identity().getBytes(StandardCharsets.UTF_8);
    byte[] value = change.appeared() ? change.conflict().getBytes(StandardCharsets.UTF_8) : null;
    return new ProducerRecord<>(topic, key, value);
  }
}
