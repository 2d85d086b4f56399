package io.deconflict.journal.kafka;

import io.deconflict.journal.JournalException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * One consumer of the journal's partition, outside any consumer group, that sees only committed
 * transactions ({@code read_committed}): its end is the last stable offset, after the last
 * committed record. Offsets are not sequence numbers: transaction markers and aborted records take
 * offsets too. Not thread-safe: one caller at a time (the journal pools them).
 */
final class TopicReader implements AutoCloseable {

  /** How long one poll waits. */
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final KafkaJournalSettings settings;

  TopicReader(KafkaJournalSettings settings, String clientId) {
    this.settings = settings;
    this.partition = new TopicPartition(settings.topic(), 0);
    this.consumer = new KafkaConsumer<>(Clients.consumer(settings, clientId));
    consumer.assign(List.of(partition));
  }

  /** The offset after the last committed message: what a read that begins now reads up to. */
  long end() {
    try {
      return offset(consumer.endOffsets(List.of(partition), settings.timeout()).get(partition));
    } catch (KafkaException e) {
      throw unreadable(e);
    }
  }

  /** The offset of the first message kept. */
  long beginning() {
    try {
      return offset(
          consumer.beginningOffsets(List.of(partition), settings.timeout()).get(partition));
    } catch (KafkaException e) {
      throw unreadable(e);
    }
  }

  /**
   * Hands the committed messages from offset {@code from} up to {@code end} (exclusive) to {@code
   * visitor}, in offset order, until it returns false.
   *
   * @throws JournalException if the brokers do not answer within the timeout
   */
  void scan(long from, long end, Visitor visitor) {
    try {
      consumer.seek(partition, from);
      long idleSince = System.nanoTime();
      while (consumer.position(partition, settings.timeout()) < end) {
        List<ConsumerRecord<byte[], byte[]>> polled = consumer.poll(POLL).records(partition);
        if (polled.isEmpty()) {
          if (System.nanoTime() - idleSince > settings.timeout().toNanos()) {
            throw new JournalException(
                "cannot read journal "
                    + settings.where()
                    + ": no message from offset "
                    + consumer.position(partition)
                    + " within "
                    + settings.timeout());
          }
          continue;
        }
        idleSince = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> message : polled) {
          if (message.offset() >= end || !visitor.visit(message)) {
            return;
          }
        }
      }
    } catch (KafkaException e) {
      throw unreadable(e);
    }
  }

  /**
   * The first committed message at offset {@code from} or after, before {@code end}; empty if there
   * is none.
   */
  Optional<ConsumerRecord<byte[], byte[]>> first(long from, long end) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>(1);
    scan(
        from,
        end,
        message -> {
          found.add(message);
          return false;
        });
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * The last {@code count} committed messages before {@code end}, or fewer if there are not so
   * many, in offset order: read from a little before {@code end}, further back while too few are
   * found (transaction markers and aborted messages take offsets too).
   */
  List<ConsumerRecord<byte[], byte[]>> last(long end, int count) {
    long beginning = beginning();
    for (long back = 8L * count; ; back *= 8) {
      long from = Math.max(beginning, end - back);
      ArrayDeque<ConsumerRecord<byte[], byte[]>> last = new ArrayDeque<>(count + 1);
      scan(
          from,
          end,
          message -> {
            last.addLast(message);
            if (last.size() > count) {
              last.removeFirst();
            }
            return true;
          });
      if (last.size() == count || from == beginning) {
        return List.copyOf(last);
      }
    }
  }

  @Override
  public void close() {
    try {
      consumer.close();
    } catch (KafkaException e) {
      // closing: nothing to hand back
    }
  }

  private long offset(@Nullable Long offset) {
    if (offset == null) {
      throw new JournalException(
          "cannot read journal " + settings.where() + ": the brokers gave no offset for it");
    }
    return offset;
  }

  private JournalException unreadable(KafkaException e) {
    return new JournalException("cannot read journal " + settings.where() + ": " + e, e);
  }

  /** Receives messages; returns false to stop. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(ConsumerRecord<byte[], byte[]> message);
  }
}
