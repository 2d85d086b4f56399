package io.deconflict.cli.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
import io.deconflict.service.command.CancelItem;
import io.deconflict.service.command.NotifyItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the journal's notifications and withdrawals to the detection job's input topic (D32):
 * for each {@code item.notify} record, the item's feature as the state parsed it (its id the engine
 * id {@code party/id}, the party, kind and separation written in), keyed by the engine id; for each
 * {@code item.cancel}, a tombstone. Each message carries the record's sequence number in the header
 * {@code deconflict-version}, which the job takes as the item's version and uses to drop copies and
 * older versions: every node publishes every record, so a node's failure loses nothing, and the job
 * sees each version once.
 *
 * <p>It follows the journal on a thread of its own, starting after the highest sequence number at
 * the end of the topic's partitions. Not thread-safe: one thread runs it.
 */
final class NotificationFeed {

  /** The header the job reads an item's version from ({@code NotificationDeserializer}). */
  static final String VERSION_HEADER = "deconflict-version";

  private static final Logger LOG = LoggerFactory.getLogger(NotificationFeed.class);

  private final Journal journal;
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private long position;

  NotificationFeed(Journal journal, KafkaProducer<byte[], byte[]> producer, String topic) {
    this.journal = journal;
    this.producer = producer;
    this.topic = topic;
  }

  /** Starts after the highest version any node published to the topic. */
  void resumeFrom(KafkaConsumer<byte[], byte[]> consumer, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    long highest = 0;
    for (TopicPartition tp : partitions) {
      long end = ends.getOrDefault(tp, 0L);
      if (end == 0) {
        consumer.pause(List.of(tp));
        continue;
      }
      consumer.seek(tp, end - 1);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int left = (int) ends.values().stream().filter(e -> e > 0).count();
    while (left > 0 && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() == ends.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L) - 1) {
          left--;
        }
        Header h = r.headers().lastHeader(VERSION_HEADER);
        if (h != null) {
          try {
            highest =
                Math.max(highest, Long.parseLong(new String(h.value(), StandardCharsets.UTF_8)));
          } catch (NumberFormatException e) {
            // another writer's message: not ours to resume from
          }
        }
      }
    }
    position = highest;
    LOG.info("publishing notifications to {} after journal record {}", topic, position);
  }

  /**
   * Publishes every notification and withdrawal journaled after the last one published, and waits
   * until Kafka has them; a failed send is tried again at the next call (the job drops the copies).
   */
  void publishNew() {
    List<Long> seqs = new ArrayList<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    journal.read(
        position + 1,
        rec -> {
          ProducerRecord<byte[], byte[]> message = message(rec, topic);
          if (message != null) {
            seqs.add(rec.seq());
            sent.add(producer.send(message));
          }
          if (seqs.isEmpty()) {
            position = rec.seq(); // nothing to wait for before it
          }
        });
    producer.flush();
    long last = position;
    for (int i = 0; i < sent.size(); i++) {
      try {
        sent.get(i).get();
        last = seqs.get(i);
      } catch (ExecutionException e) {
        LOG.warn("cannot publish journal record {} to {}: {}", seqs.get(i), topic, e.getCause());
        position = seqs.get(i) - 1;
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    position = Math.max(position, last);
  }

  /** The message for a record, or null if the job has no use for it. */
  static @Nullable ProducerRecord<byte[], byte[]> message(JournalRecord rec, String topic) {
    if (!rec.type().equals(NotifyItem.TYPE) && !rec.type().equals(CancelItem.TYPE)) {
      return null;
    }
    Event e = Application.toEvent(rec);
    String party = e.audience().parties().iterator().next();
    JsonNode result = e.body().path("result");
    byte[] value = null;
    String id;
    if (rec.type().equals(NotifyItem.TYPE)) {
      id = result.path("id").asText();
      String kind = e.body().path("kind").asText();
      ObjectNode feature = ((ObjectNode) e.body().path("feature")).deepCopy();
      feature.put("id", party + "/" + id);
      ObjectNode properties =
          feature.path("properties").isObject()
              ? (ObjectNode) feature.get("properties")
              : feature.putObject("properties");
      properties.put("kind", kind).put("party", party);
      if (kind.equals("movement")) {
        properties.set("separationMeters", result.path("engineSeparationMeters"));
      }
      value = feature.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      id = e.body().path("id").asText();
    }
    ProducerRecord<byte[], byte[]> message =
        new ProducerRecord<>(topic, (party + "/" + id).getBytes(StandardCharsets.UTF_8), value);
    message
        .headers()
        .add(VERSION_HEADER, Long.toString(rec.seq()).getBytes(StandardCharsets.UTF_8));
    return message;
  }
}
