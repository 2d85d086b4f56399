package io.deconflict.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an encounter event to the encounters topic: key the encounter's identity, value the
 * event's JSON. Every event of an encounter has the same key, so they stay in order in one
 * partition.
 */
final class EncounterRecords implements KafkaRecordSerializationSchema<EncounterEvent> {

  private static final long serialVersionUID = 1L;

  private final String topic;

  EncounterRecords(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      EncounterEvent event, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        event.identity().getBytes(StandardCharsets.UTF_8),
        event.json().getBytes(StandardCharsets.UTF_8));
  }
}
