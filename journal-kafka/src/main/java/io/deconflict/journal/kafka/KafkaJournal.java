package io.deconflict.journal.kafka;

import io.deconflict.journal.Appends;
import io.deconflict.journal.Chain;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.Snapshots;
import io.deconflict.journal.Verification;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Journal} in a Kafka topic of one partition: one message per record, the record's fields
 * and hash in its value ({@link RecordCodec}), in sequence order, so that the partition's order is
 * the journal's total order.
 *
 * <p><b>Durability.</b> {@link #append} returns once its records are committed in a Kafka
 * transaction by an idempotent producer with {@code acks=all}: every in-sync replica holds them.
 * {@link #read} and {@link #lastSeq} read committed transactions only ({@code read_committed}), so
 * a record is never visible before it is durable in that sense, and an append of several entries is
 * visible all at once or not at all. Kafka does not sync each write to disk: durability comes from
 * replication (D27, {@code docs/journal.md}).
 *
 * <p><b>Group commit.</b> One writer thread takes appends from a queue; whatever has queued up
 * while it was busy goes into one transaction. Each caller's entries get consecutive sequence
 * numbers.
 *
 * <p><b>Several writers.</b> Writers in several processes share one transactional id, which Kafka
 * lets only one producer at a time commit under; see {@link TopicWriter}. The chain never forks: a
 * writer chains onto the head it read after it last fenced the others.
 *
 * <p><b>Reading</b> finds where a sequence number is in the partition through a sparse index of
 * offsets this instance has seen (every {@value #INDEX_EVERY}th record), else reads from the
 * beginning; it checks every record's hash and link as it goes, one SHA-256 per record.
 *
 * <p>Opening never writes: the writer registers its transactional id (fencing any other) at its
 * first append. So a reader ({@code deconflict audit verify}, {@code replay}) never disturbs the
 * service that writes. Thread-safe.
 */
public final class KafkaJournal implements Journal {

  /** One index entry per this many records. */
  static final int INDEX_EVERY = 1_024;

  /** A binary search for a record's offset stops once its window is this many offsets wide. */
  private static final int LOCATE_WINDOW = 256;

  private static final int MAX_IDLE_READERS = 4;
  private static final int MAX_BATCH_ENTRIES = 4_096;

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final KafkaJournalSettings settings;
  private final String clientId = "deconflict-journal-" + INSTANCES.incrementAndGet();
  private final ConcurrentSkipListMap<Long, Long> offsets = new ConcurrentSkipListMap<>();
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private final ArrayDeque<TopicReader> idleReaders = new ArrayDeque<>();
  private final TopicWriter writer;
  private final Thread writerThread;
  private final @Nullable Snapshots snapshots;
  private final AtomicLong scanned = new AtomicLong();
  private boolean closed;

  /** The newest record whose offset this instance learned: where reads near the head start. */
  private volatile @Nullable Located latest;

  private static final Request STOP = new Request(List.of(), -1);

  private KafkaJournal(KafkaJournalSettings settings, @Nullable Snapshots snapshots) {
    this.settings = settings;
    this.snapshots = snapshots;
    this.writer = new TopicWriter(settings, this);
    this.writerThread = new Thread(this::writeUntilStopped, "journal-writer " + settings.topic());
    writerThread.setDaemon(true);
  }

  /**
   * Opens the journal in the settings' topic, creating the topic if absent (one partition, records
   * kept forever) and checking it otherwise; checks that its last record's hash recomputes and
   * links to the record before.
   *
   * @throws JournalException if the brokers do not answer within the timeout, the topic has more
   *     than one partition, compacts or expires records, or its last records are damaged
   */
  public static KafkaJournal open(KafkaJournalSettings settings) {
    return openWith(settings, null);
  }

  /**
   * As {@link #open(KafkaJournalSettings)}, keeping the snapshots of the state that folds it in
   * {@code snapshots} (a store outside Kafka, such as {@code
   * io.deconflict.journal.SqliteSnapshots#inFile}; D40).
   */
  public static KafkaJournal open(KafkaJournalSettings settings, Snapshots snapshots) {
    return openWith(settings, snapshots);
  }

  private static KafkaJournal openWith(
      KafkaJournalSettings settings, @Nullable Snapshots snapshots) {
    KafkaTopic.createOrCheck(settings);
    KafkaJournal journal = new KafkaJournal(settings, snapshots);
    try {
      journal.checkTail();
    } catch (RuntimeException e) {
      journal.closeReaders();
      throw e;
    }
    journal.writerThread.start();
    return journal;
  }

  /**
   * Whether the settings' topic exists, without creating it.
   *
   * @throws JournalException if the brokers do not answer within the timeout
   */
  public static boolean exists(KafkaJournalSettings settings) {
    return KafkaTopic.exists(settings);
  }

  /**
   * Walks the journal in the settings' topic from record 1 to the last committed one, as {@link
   * io.deconflict.journal.JournalVerifier} walks a file, handing every record that passed to {@code
   * sink}. Only reads; the topic must exist.
   */
  public static Verification verify(KafkaJournalSettings settings, Consumer<JournalRecord> sink) {
    Chain chain = Chain.fromStart();
    try (TopicReader reader = new TopicReader(settings, "deconflict-journal-verify")) {
      long end = reader.end();
      reader.scan(
          reader.beginning(),
          end,
          message -> {
            sink.accept(acceptOrThrow(chain, message));
            return true;
          });
    } catch (BrokenChain e) {
      return new Verification(
          chain.accepted(),
          Optional.of(e.broken.firstBadSeq()),
          Optional.of(e.broken.problem()),
          chain.lastHashHex());
    } catch (JournalException e) {
      String where = chain.accepted() == 0 ? "" : " after record " + chain.accepted();
      return new Verification(
          chain.accepted(),
          Optional.empty(),
          Optional.of("the topic is unreadable" + where + ": " + e.getMessage()),
          chain.lastHashHex());
    }
    return new Verification(
        chain.accepted(), Optional.empty(), Optional.empty(), chain.lastHashHex());
  }

  @Override
  public List<JournalRecord> append(List<Entry> entries) {
    return enqueue(new Request(List.copyOf(entries), -1));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The fence tells whether another writer came in between: while this writer stays registered
   * nobody else can commit, so its head is the topic's; once fenced, it registers again and reads
   * the head anew, and a head past {@code expectedLastSeq} refuses the append instead of chaining
   * it anew. Goes in a transaction of its own, never group-committed with other appends.
   */
  @Override
  public List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries) {
    if (expectedLastSeq < 0) {
      throw new IllegalArgumentException(
          "expectedLastSeq must be 0 or more, got " + expectedLastSeq);
    }
    return enqueue(new Request(List.copyOf(entries), expectedLastSeq));
  }

  /** The store given at {@link #open(KafkaJournalSettings, Snapshots)}, if any. */
  @Override
  public Optional<Snapshots> snapshots() {
    return Optional.ofNullable(snapshots);
  }

  /** Other processes may append to the topic: readers look for their records this often. */
  @Override
  public Optional<Duration> followEvery() {
    return Optional.of(settings.followEvery());
  }

  private List<JournalRecord> enqueue(Request request) {
    List<Entry> copy = request.entries;
    synchronized (lock) {
      checkOpen();
      if (copy.isEmpty()) {
        return List.of();
      }
      queue.add(request);
    }
    return Appends.await(request.result);
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
    if (fromSeq < 0) {
      throw new IllegalArgumentException("fromSeq must be 0 or more, got " + fromSeq);
    }
    long first = Math.max(1, fromSeq);
    if (first > toSeq) {
      checkOpenNow();
      return;
    }
    readMessages(
        first,
        (record, message) -> {
          if (record.seq() > toSeq) {
            return false;
          }
          sink.accept(record);
          return record.seq() < toSeq;
        });
  }

  @Override
  public long lastSeq() {
    return head().map(JournalRecord::seq).orElse(0L);
  }

  /** The settings this journal was opened with. */
  public KafkaJournalSettings settings() {
    return settings;
  }

  /** How many times this journal's writer registered its transactional id (fenced the others). */
  public long writerRegistrations() {
    return writer.registrations();
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        queue.add(STOP);
      }
    }
    boolean interrupted = false;
    while (writerThread.isAlive() && Thread.currentThread() != writerThread) {
      try {
        writerThread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    closeReaders();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "KafkaJournal[" + settings.where() + "]";
  }

  // ---- reading, for this class and the writer

  /** The last committed record, if any. */
  Optional<JournalRecord> head() {
    List<JournalRecord> last = lastRecords(1);
    return last.isEmpty() ? Optional.empty() : Optional.of(last.get(last.size() - 1));
  }

  /** Up to {@code count} last committed records, in order, decoded but not checked. */
  private List<JournalRecord> lastRecords(int count) {
    TopicReader reader = borrowReader();
    try {
      List<ConsumerRecord<byte[], byte[]>> messages = reader.last(reader.end(), count);
      List<JournalRecord> records = new ArrayList<>(messages.size());
      for (ConsumerRecord<byte[], byte[]> message : messages) {
        JournalRecord record = decode(message, "the last record");
        latest = new Located(record.seq(), message.offset());
        records.add(record);
      }
      return records;
    } finally {
      release(reader);
    }
  }

  /**
   * Hands the records from {@code fromSeq} (1 or more) on to the visitor, with their messages,
   * checking the chain from the record before, up to the last record committed when the call began
   * or until the visitor returns false.
   */
  void readMessages(long fromSeq, TopicWriter.MessageVisitor visitor) {
    TopicReader reader = borrowReader();
    try {
      long end = reader.end();
      long target = Math.max(1, fromSeq - 1);
      Map.Entry<Long, Long> floor = offsets.floorEntry(target);
      Located from = floor == null ? null : new Located(floor.getKey(), floor.getValue());
      Located known = latest;
      if (known != null && known.seq() <= target && (from == null || known.seq() > from.seq())) {
        from = known;
      }
      if (from == null || target - from.seq() > INDEX_EVERY) {
        Located found = locate(reader, target, from, end);
        if (found != null) {
          from = found;
        }
      }
      long startOffset = from == null ? reader.beginning() : from.offset();
      Chain chain = Chain.startingAt(from == null ? 1 : from.seq());
      reader.scan(
          startOffset,
          end,
          message -> {
            scanned.incrementAndGet();
            JournalRecord record = acceptOrThrow(chain, message);
            indexed(record.seq(), message.offset());
            return record.seq() < fromSeq || visitor.visit(record, message);
          });
    } catch (BrokenChain e) {
      throw new JournalException(
          "journal "
              + settings.where()
              + " is damaged: "
              + e.broken.problem()
              + "; run deconflict audit verify",
          e.broken);
    } finally {
      release(reader);
    }
  }

  /**
   * Where the last record at or before {@code target} is, found by a binary search over the
   * partition's offsets between {@code from} (or the beginning) and {@code end}: each probe reads
   * the first committed message at an offset. Sequence numbers grow with offsets among committed
   * messages (aborted ones and transaction markers are skipped by {@code read_committed}), so the
   * search is sound. Stops once the window is a few hundred offsets wide, which a scan then reads.
   * Empty if no probe found a record at or before {@code target} past {@code from}; a malformed
   * message ends the search where it stands (the scan then reports it).
   */
  private @Nullable Located locate(
      TopicReader reader, long target, @Nullable Located from, long end) {
    long lo = from == null ? reader.beginning() : from.offset();
    long hi = end;
    Located best = null;
    while (hi - lo > LOCATE_WINDOW) {
      long mid = lo + (hi - lo) / 2;
      Optional<ConsumerRecord<byte[], byte[]>> probe = reader.first(mid, end);
      if (probe.isEmpty()) {
        hi = mid;
        continue;
      }
      ConsumerRecord<byte[], byte[]> message = probe.get();
      long seq;
      try {
        byte[] value = message.value();
        if (value == null) {
          break;
        }
        seq = RecordCodec.decode(value).seq();
      } catch (RecordCodec.Malformed e) {
        break;
      }
      if (seq > target) {
        hi = mid;
        continue;
      }
      best = new Located(seq, message.offset());
      lo = message.offset();
      if (seq == target) {
        break;
      }
    }
    return best;
  }

  /** How many messages reads of this instance have scanned, for tests of what a read costs. */
  long scannedMessages() {
    return scanned.get();
  }

  /**
   * Waits until readers see the message at {@code offset}: until the partition's last stable offset
   * has passed it.
   *
   * @throws JournalException if that takes longer than the timeout
   */
  void awaitVisible(long offset) {
    if (offset < 0) {
      return;
    }
    TopicReader reader = borrowReader();
    try {
      long deadline = System.nanoTime() + settings.timeout().toNanos();
      while (reader.end() <= offset) {
        if (System.nanoTime() > deadline) {
          throw new JournalException(
              "journal "
                  + settings.where()
                  + ": a committed transaction did not become readable within "
                  + settings.timeout());
        }
        Thread.onSpinWait();
      }
    } finally {
      release(reader);
    }
  }

  /** Notes where record {@code seq} is, if it is one the index keeps. */
  void indexed(long seq, long offset) {
    if (offset < 0) {
      return;
    }
    if (seq % INDEX_EVERY == 1) {
      offsets.put(seq, offset);
    }
    Located known = latest;
    if (known == null || known.seq() < seq) {
      latest = new Located(seq, offset);
    }
  }

  private static JournalRecord acceptOrThrow(Chain chain, ConsumerRecord<byte[], byte[]> message) {
    try {
      byte[] value = message.value();
      if (value == null) {
        throw new BrokenChain(
            chain.malformed("the message at offset " + message.offset() + " has no value"));
      }
      return chain.accept(RecordCodec.decode(value));
    } catch (RecordCodec.Malformed e) {
      throw new BrokenChain(
          chain.malformed(
              "the message at offset " + message.offset() + " is malformed: " + e.getMessage()));
    } catch (Chain.Break e) {
      throw new BrokenChain(e);
    }
  }

  private JournalRecord decode(ConsumerRecord<byte[], byte[]> message, String what) {
    byte[] value = message.value();
    try {
      if (value == null) {
        throw new RecordCodec.Malformed("it has no value");
      }
      return RecordCodec.decode(value);
    } catch (RecordCodec.Malformed e) {
      throw new JournalException(
          "journal "
              + settings.where()
              + " is damaged: "
              + what
              + ", at offset "
              + message.offset()
              + ", is malformed: "
              + e.getMessage()
              + "; run deconflict audit verify");
    }
  }

  /** Checks that the last record's hash recomputes and links to the one before. */
  private void checkTail() {
    List<JournalRecord> last = lastRecords(2);
    if (last.isEmpty()) {
      return;
    }
    Chain chain = Chain.startingAt(last.get(0).seq());
    try {
      for (JournalRecord record : last) {
        chain.accept(record);
      }
    } catch (Chain.Break e) {
      throw new JournalException(
          "refusing to open journal "
              + settings.where()
              + ": its last records are damaged: "
              + e.problem()
              + "; run deconflict audit verify",
          e);
    }
  }

  // ---- the writer thread

  private void writeUntilStopped() {
    List<Request> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, through the queue
      }
      int entries = batch.get(0).entries.size();
      while (entries < MAX_BATCH_ENTRIES && queue.peek() != null) {
        Request next = queue.poll();
        if (next == null) {
          break;
        }
        batch.add(next);
        entries += next.entries.size();
      }
      stopping = batch.remove(STOP);
      List<Request> conditional = new ArrayList<>();
      batch.removeIf(r -> r.expectedLastSeq >= 0 && conditional.add(r));
      if (!batch.isEmpty()) {
        write(batch);
      }
      for (Request r : conditional) {
        writeAfter(r);
      }
    }
    writer.close();
  }

  private void write(List<Request> batch) {
    List<List<Entry>> entries = new ArrayList<>(batch.size());
    batch.forEach(r -> entries.add(r.entries));
    try {
      List<List<JournalRecord>> stored = writer.write(entries);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result.complete(stored.get(i));
      }
    } catch (RuntimeException | Error e) { // must reach the callers, or they wait forever
      for (Request r : batch) {
        r.result.completeExceptionally(e);
      }
    }
  }

  private void writeAfter(Request request) {
    try {
      request.result.complete(writer.writeAfter(request.expectedLastSeq, request.entries));
    } catch (RuntimeException | Error e) { // must reach the caller, or it waits forever
      request.result.completeExceptionally(e);
    }
  }

  // ---- callers' side

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("journal " + settings.where() + " is closed");
    }
  }

  private void checkOpenNow() {
    synchronized (lock) {
      checkOpen();
    }
  }

  private TopicReader borrowReader() {
    TopicReader idle;
    synchronized (lock) {
      checkOpenForReading();
      idle = idleReaders.poll();
    }
    return idle != null ? idle : new TopicReader(settings, clientId + "-reader");
  }

  /** Reading is refused once closed, except by the writer thread finishing the queue. */
  private void checkOpenForReading() {
    if (closed && Thread.currentThread() != writerThread) {
      checkOpen();
    }
  }

  private void release(TopicReader reader) {
    synchronized (lock) {
      if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
        idleReaders.push(reader);
        return;
      }
    }
    reader.close();
  }

  private void closeReaders() {
    List<TopicReader> idle;
    synchronized (lock) {
      idle = new ArrayList<>(idleReaders);
      idleReaders.clear();
    }
    idle.forEach(TopicReader::close);
  }

  /** Where a record is: its sequence number and its offset in the partition. */
  private record Located(long seq, long offset) {}

  /** A break of the chain found while scanning, carried out of the visitor. */
  private static final class BrokenChain extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Chain.Break broken;

    BrokenChain(Chain.Break broken) {
      super(broken.problem(), null, false, false);
      this.broken = broken;
    }
  }

  /** One caller's entries and where its answer goes. Compared by identity. */
  private static final class Request {
    private final List<Entry> entries;

    /** The last record an {@link #appendAfter} expects, or -1 for a plain append. */
    private final long expectedLastSeq;

    private final CompletableFuture<List<JournalRecord>> result = new CompletableFuture<>();

    Request(List<Entry> entries, long expectedLastSeq) {
      this.entries = entries;
      this.expectedLastSeq = expectedLastSeq;
    }
  }
}
