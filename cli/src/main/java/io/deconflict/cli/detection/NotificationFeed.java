package io.deconflict.cli.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
import io.deconflict.service.command.CancelItem;
import io.deconflict.service.command.NotifyItem;
import io.deconflict.service.command.ReportPositions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Given a reports topic, it also publishes every report of each {@code positions.report} record
 * there (D38): key the unit {@code party/unit}, value the report as JSON with the party, header
 * {@code deconflict-version} the record's sequence number × {@value #BATCH_SLOTS} plus the report's
 * place in the record, so that the job drops the other nodes' copies.
 *
 * <p>It follows the journal on a thread of its own, starting after the highest sequence number at
 * the end of the topics' partitions. Not thread-safe: one thread runs it.
 */
final class NotificationFeed {

  /** The header the job reads an item's version from ({@code NotificationDeserializer}). */
  static final String VERSION_HEADER = "deconflict-version";

  /** Report versions per journal record (the job's {@code ReportDeserializer.BATCH_SLOTS}). */
  static final long BATCH_SLOTS = 1 << 15;

  private static final Logger LOG = LoggerFactory.getLogger(NotificationFeed.class);

  private final Journal journal;
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Optional<String> reportsTopic;
  private long position;

  NotificationFeed(
      Journal journal,
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      Optional<String> reportsTopic) {
    this.journal = journal;
    this.producer = producer;
    this.topic = topic;
    this.reportsTopic = reportsTopic;
  }

  /** Starts after the highest sequence number any node published to the topics. */
  void resumeFrom(KafkaConsumer<byte[], byte[]> consumer, Duration timeout) {
    long highest = highestVersion(consumer, topic, timeout);
    if (reportsTopic.isPresent()) {
      highest =
          Math.max(highest, highestVersion(consumer, reportsTopic.get(), timeout) / BATCH_SLOTS);
    }
    position = highest;
    LOG.info("publishing to the detection job's topics after journal record {}", position);
  }

  /** The highest version header at the end of a topic's partitions. */
  private static long highestVersion(
      KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
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
    consumer.unsubscribe();
    return highest;
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
          for (ProducerRecord<byte[], byte[]> message : messages(rec, topic, reportsTopic)) {
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

  /** The messages for a record: none if the job has no use for it. */
  static List<ProducerRecord<byte[], byte[]>> messages(
      JournalRecord rec, String topic, Optional<String> reportsTopic) {
    if (rec.type().equals(ReportPositions.TYPE)) {
      return reportsTopic.isPresent() ? reports(rec, reportsTopic.get()) : List.of();
    }
    ProducerRecord<byte[], byte[]> m = message(rec, topic);
    return m == null ? List.of() : List.of(m);
  }

  /** One message per report of a {@code positions.report} record. */
  static List<ProducerRecord<byte[], byte[]>> reports(JournalRecord rec, String topic) {
    Event e = Application.toEvent(rec);
    String party = e.audience().parties().iterator().next();
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : e.body().path("reports")) {
      ObjectNode value = JsonNodeFactory.instance.objectNode();
      value.put("party", party);
      for (String field : REPORT_FIELDS) {
        if (r.hasNonNull(field)) {
          value.set(field, r.get(field));
        }
      }
      String unit = r.path("unit").asText();
      ProducerRecord<byte[], byte[]> message =
          new ProducerRecord<>(
              topic,
              (party + "/" + unit).getBytes(StandardCharsets.UTF_8),
              value.toString().getBytes(StandardCharsets.UTF_8));
      message
          .headers()
          .add(
              VERSION_HEADER,
              Long.toString(rec.seq() * BATCH_SLOTS + i).getBytes(StandardCharsets.UTF_8));
      out.add(message);
      i++;
    }
    return out;
  }

  private static final List<String> REPORT_FIELDS =
      List.of("unit", "time", "lon", "lat", "course", "speed", "accuracy");

  /** The message for a notification or withdrawal record, or null for another record. */
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
