package io.deconflict.flink;

import io.deconflict.engine.conflict.Conflict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A reader of the job's conflicts topic as a service node would read it ({@code read_committed}):
 * folds appearances and tombstones into the current conflicts, and records every message that
 * breaks the alternation an exactly-once changelog keeps (an appearance of a live conflict, a
 * tombstone of one that is not live).
 */
final class ConflictsTopic implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, String> live = new LinkedHashMap<>();
  private final List<String> broken = new ArrayList<>();
  private int messages;

  ConflictsTopic(String bootstrapServers, String topic, int partitions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> all = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      all.add(new TopicPartition(topic, i));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
  }

  /** Reads what is committed now and folds it. */
  void poll() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      messages++;
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        if (live.remove(key) == null) {
          broken.add("tombstone of a conflict that is not live: " + key);
        }
      } else if (live.put(key, new String(r.value(), StandardCharsets.UTF_8)) != null) {
        broken.add("appearance of a live conflict: " + key);
      }
    }
  }

  /** The current conflicts, in {@link Conflict#ORDER}. */
  List<Conflict> conflicts() {
    List<Conflict> all = new ArrayList<>();
    for (String json : live.values()) {
      all.add(ConflictCodec.read(json));
    }
    all.sort(Conflict.ORDER);
    return all;
  }

  /** The messages that broke the alternation, in the order read. */
  List<String> broken() {
    return broken;
  }

  /** How many messages were read. */
  int messages() {
    return messages;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
