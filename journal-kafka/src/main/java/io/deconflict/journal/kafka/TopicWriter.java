package io.deconflict.journal.kafka;

import io.deconflict.journal.Entry;
import io.deconflict.journal.HeadMovedException;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.JournalRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

/**
 * The journal's side that writes: one transactional producer, used by the journal's one writer
 * thread, which commits each batch of appends as one Kafka transaction.
 *
 * <p><b>One writer at a time, fenced.</b> Every writer of a journal, in any process, uses the same
 * transactional id. Kafka lets only the producer that registered it last ({@code initTransactions})
 * commit: registering aborts or completes the transactions of every earlier one, and fences it, so
 * that its next transaction fails. A writer therefore reads the head of the topic right after it
 * registers, chains its batches onto that head, and keeps its head in memory while it stays
 * registered: nobody else can have committed meanwhile. When it is fenced (another process
 * appended), it registers again (fencing that one), reads the new head, and chains the batch anew
 * onto it.
 *
 * <p><b>Outcome unknown.</b> If a commit fails in a way that leaves its outcome open (a timeout, a
 * fence that arrived while the commit was under way), the writer registers again and reads the
 * records after its old head: each message carries a header naming the writer and the batch, so a
 * batch that was committed after all is recognised and answered, never written twice.
 *
 * <p>Not thread-safe: confined to the journal's writer thread.
 */
final class TopicWriter implements AutoCloseable {

  /** The header naming the writer instance and its batch: 16 bytes of UUID, 8 of counter. */
  static final String BATCH_HEADER = "deconflict-batch";

  /** How often a batch is tried before its callers are told it failed. */
  private static final int MAX_ATTEMPTS = 12;

  private final KafkaJournalSettings settings;
  private final KafkaJournal journal;
  private final byte[] writerId = uuidBytes(UUID.randomUUID());
  private final AtomicLong batches = new AtomicLong();
  private @Nullable KafkaProducer<byte[], byte[]> producer;

  /** The head this writer chains onto while registered: its seq and hash; seq 0 when empty. */
  private long headSeq;

  private byte[] headHash = JournalRecord.zeroHash();

  /** How many times this writer registered: for tests and the log. */
  private long registrations;

  TopicWriter(KafkaJournalSettings settings, KafkaJournal journal) {
    this.settings = settings;
    this.journal = journal;
  }

  /**
   * Commits the batch as one transaction and returns each request's records.
   *
   * @throws JournalException if it could not be stored; none of it is then visible, unless the
   *     brokers could not even be asked whether a commit under way went through
   */
  List<List<JournalRecord>> write(List<List<Entry>> batch) {
    @Nullable RuntimeException last = null;
    @Nullable Pending pending = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        register();
        if (pending != null) {
          Optional<List<List<JournalRecord>>> found = committedAfterAll(pending, batch);
          if (found.isPresent()) {
            return found.get();
          }
          pending = null;
        }
        pending = new Pending(headSeq + 1, nextBatchId());
        return commit(batch, pending);
      } catch (KafkaException | JournalException | IllegalStateException e) {
        last = e;
        discard();
        if (!retriable(e)) {
          break;
        }
        backOff(attempt);
      }
    }
    RuntimeException failure = last == null ? new IllegalStateException("no attempt") : last;
    throw new JournalException(
        "cannot append to journal " + settings.where() + ": " + failure.getMessage(), failure);
  }

  /**
   * Commits the entries as one transaction if the topic's last record is {@code expectedLastSeq},
   * and returns their records; refuses them otherwise. A fence met on the way is the sign that
   * another writer may have appended: the writer registers again, reads the head anew and compares
   * (after looking whether its own attempt was committed after all).
   *
   * @throws HeadMovedException if the head is past {@code expectedLastSeq}; nothing was stored
   * @throws JournalException as {@link #write}
   */
  List<JournalRecord> writeAfter(long expectedLastSeq, List<Entry> entries) {
    List<List<Entry>> batch = List.of(entries);
    @Nullable RuntimeException last = null;
    @Nullable Pending pending = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        boolean fresh = register();
        if (pending != null) {
          Optional<List<List<JournalRecord>>> found = committedAfterAll(pending, batch);
          if (found.isPresent()) {
            return found.get().get(0);
          }
          pending = null;
        }
        if (headSeq != expectedLastSeq && !fresh) {
          // the caller has seen records this writer has not: another writer committed them, so
          // this one is fenced and its head stale; register again to read the head anew
          discard();
          register();
        }
        if (headSeq != expectedLastSeq) {
          throw new HeadMovedException(settings.where(), expectedLastSeq, headSeq);
        }
        pending = new Pending(headSeq + 1, nextBatchId());
        return commit(batch, pending).get(0);
      } catch (HeadMovedException e) {
        throw e;
      } catch (KafkaException | JournalException | IllegalStateException e) {
        last = e;
        discard();
        if (!retriable(e)) {
          break;
        }
        backOff(attempt);
      }
    }
    RuntimeException failure = last == null ? new IllegalStateException("no attempt") : last;
    throw new JournalException(
        "cannot append to journal " + settings.where() + ": " + failure.getMessage(), failure);
  }

  /** How many times this writer registered its transactional id. */
  long registrations() {
    return registrations;
  }

  @Override
  public void close() {
    KafkaProducer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null) {
      try {
        p.close();
      } catch (KafkaException e) {
        // closing: nothing to hand back
      }
    }
  }

  /**
   * Registers the transactional id if not registered, and reads the head it chains onto; returns
   * whether it registered now.
   */
  private boolean register() {
    if (producer != null) {
      return false;
    }
    KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(Clients.producer(settings, "deconflict-journal-writer"));
    try {
      p.initTransactions(); // fences every earlier writer; their open transactions end first
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    producer = p;
    registrations++;
    Optional<JournalRecord> head = journal.head();
    headSeq = head.map(JournalRecord::seq).orElse(0L);
    headHash = head.map(JournalRecord::hash).orElse(JournalRecord.zeroHash());
    return true;
  }

  private List<List<JournalRecord>> commit(List<List<Entry>> batch, Pending pending) {
    KafkaProducer<byte[], byte[]> p = registered();
    long seq = headSeq;
    byte[] previous = headHash;
    List<List<JournalRecord>> stored = new ArrayList<>(batch.size());
    List<JournalRecord> all = new ArrayList<>();
    for (List<Entry> request : batch) {
      List<JournalRecord> records = new ArrayList<>(request.size());
      for (Entry entry : request) {
        JournalRecord record = JournalRecord.chain(++seq, entry, previous);
        previous = record.hash();
        records.add(record);
        all.add(record);
      }
      stored.add(List.copyOf(records));
    }
    Header tag = new RecordHeader(BATCH_HEADER, pending.tag(writerId));
    p.beginTransaction();
    List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>(all.size());
    for (JournalRecord record : all) {
      sent.add(
          p.send(
              new ProducerRecord<>(
                  settings.topic(),
                  0,
                  null,
                  RecordCodec.key(record.seq()),
                  RecordCodec.encode(record),
                  List.of(tag))));
    }
    p.commitTransaction(); // flushes; throws if any send failed, and then nothing is committed
    long lastOffset = -1;
    for (int i = 0; i < all.size(); i++) {
      lastOffset = offset(sent.get(i));
      journal.indexed(all.get(i).seq(), lastOffset);
    }
    // the commit returns once the coordinator has decided it; readers see the records once the
    // markers are written into the partition, which follows: the callers are answered after that
    journal.awaitVisible(lastOffset);
    JournalRecord last = all.get(all.size() - 1);
    headSeq = last.seq();
    headHash = last.hash();
    return stored;
  }

  /**
   * After a failure whose outcome was open: the batch's records if they were committed after all
   * (the records after the old head carry this batch's tag), else empty.
   */
  private Optional<List<List<JournalRecord>>> committedAfterAll(
      Pending pending, List<List<Entry>> batch) {
    if (headSeq < pending.firstSeq()) {
      return Optional.empty();
    }
    byte[] tag = pending.tag(writerId);
    List<JournalRecord> found = new ArrayList<>();
    boolean[] ours = {true};
    int size = batch.stream().mapToInt(List::size).sum();
    journal.readMessages(
        pending.firstSeq(),
        (record, message) -> {
          Header header = message.headers().lastHeader(BATCH_HEADER);
          if (header == null || !Arrays.equals(header.value(), tag)) {
            ours[0] = false;
            return false;
          }
          found.add(record);
          return found.size() < size;
        });
    if (!ours[0] || found.size() != size) {
      return Optional.empty();
    }
    List<List<JournalRecord>> stored = new ArrayList<>(batch.size());
    int at = 0;
    for (List<Entry> request : batch) {
      stored.add(List.copyOf(found.subList(at, at + request.size())));
      at += request.size();
    }
    return Optional.of(stored);
  }

  private KafkaProducer<byte[], byte[]> registered() {
    KafkaProducer<byte[], byte[]> p = producer;
    if (p == null) {
      throw new IllegalStateException("the writer is not registered");
    }
    return p;
  }

  /** Drops the producer after a failure: its transaction is aborted, by it or by the next. */
  private void discard() {
    KafkaProducer<byte[], byte[]> p = producer;
    producer = null;
    if (p == null) {
      return;
    }
    try {
      p.abortTransaction();
    } catch (RuntimeException e) {
      // fenced or broken: the next registration aborts whatever it left open
    }
    try {
      p.close(java.time.Duration.ZERO);
    } catch (RuntimeException e) {
      // closing: nothing to hand back
    }
  }

  /** Whether trying again may succeed: not for a record too large or a refused credential. */
  private static boolean retriable(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException
          || t instanceof AuthenticationException
          || t instanceof AuthorizationException
          || t instanceof SerializationException) {
        return false;
      }
    }
    return true;
  }

  private static void backOff(int attempt) {
    try {
      // random, so that two writers fencing each other do not keep meeting
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long nextBatchId() {
    return batches.incrementAndGet();
  }

  private static long offset(java.util.concurrent.Future<RecordMetadata> sent) {
    try {
      return sent.get().offset(); // complete: the commit flushed every send
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (java.util.concurrent.ExecutionException e) {
      return -1;
    }
  }

  private static byte[] uuidBytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  /** A batch whose commit was attempted: where its first record goes, and its number. */
  private record Pending(long firstSeq, long batchId) {
    byte[] tag(byte[] writerId) {
      return ByteBuffer.allocate(24).put(writerId).putLong(batchId).array();
    }
  }

  /** For {@link ConsumerRecord} visitors of the journal's own reads. */
  @FunctionalInterface
  interface MessageVisitor {
    boolean visit(JournalRecord record, ConsumerRecord<byte[], byte[]> message);
  }
}
