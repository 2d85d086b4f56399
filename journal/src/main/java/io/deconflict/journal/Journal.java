package io.deconflict.journal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An append-only, hash-chained sequence of records: the source of truth of the service.
 *
 * <p>Records are numbered from 1 without gaps, and each carries the hash of the one before (see
 * {@link JournalRecord}), so the journal is tamper-evident. A record is never visible to {@link
 * #read} or {@link #lastSeq} before it is durable.
 *
 * <p>Implementations are thread-safe. The contract every implementation meets is the test {@code
 * JournalContractTest}.
 */
public interface Journal extends AutoCloseable {

  /**
   * Appends the entries as consecutive records, atomically (all or none), and returns them once
   * they are durable. Concurrent callers are group-committed: one transaction and one sync serve
   * many callers, each of whose entries stay consecutive.
   *
   * @param entries the entries, in order; an empty list appends nothing and returns an empty list
   * @return the stored records, in the order of {@code entries}
   * @throws JournalException if the entries could not be stored; none of them is visible. Only when
   *     the disk failed during the final sync can they reappear after a crash (see {@code
   *     docs/journal.md})
   * @throws IllegalStateException if the journal is closed
   */
  List<JournalRecord> append(List<Entry> entries);

  /**
   * As {@link #append}, but only if the journal's last record is still {@code expectedLastSeq}: the
   * check and the append are one atomic step, so the entries are chained onto exactly the records
   * the caller has seen. A writer that folds the journal into a state uses it to append the facts
   * of commands it executed on that state (several service nodes on one journal, D27).
   *
   * @param expectedLastSeq the sequence number the caller believes is last (0: empty journal)
   * @param entries the entries, in order; an empty list appends nothing and returns an empty list
   * @return the stored records, numbered from {@code expectedLastSeq + 1}
   * @throws HeadMovedException if another writer appended after {@code expectedLastSeq}; nothing
   *     was stored
   * @throws JournalException if the entries could not be stored, as for {@link #append}
   * @throws IllegalArgumentException if {@code expectedLastSeq} is negative
   * @throws IllegalStateException if the journal is closed
   */
  List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries);

  /**
   * How often a reader of this journal should look for records that writers elsewhere appended, if
   * others can append at all; empty for a journal only this process writes (SQLite, the default).
   */
  default Optional<Duration> followEvery() {
    return Optional.empty();
  }

  /**
   * Calls {@code sink} for every record with {@code seq >= fromSeq}, in sequence order, up to the
   * last record stored when the call began.
   *
   * @param fromSeq the first sequence number wanted; 0 or 1 reads from the start
   * @throws IllegalArgumentException if {@code fromSeq} is negative
   * @throws JournalException if the journal cannot be read, or a record read does not chain to the
   *     one before it
   * @throws IllegalStateException if the journal is closed
   */
  default void read(long fromSeq, Consumer<JournalRecord> sink) {
    read(fromSeq, Long.MAX_VALUE, sink);
  }

  /**
   * As {@link #read(long, Consumer)}, stopping after {@code toSeq}: the records from {@code
   * fromSeq} to {@code toSeq}, both included, as far as they were stored when the call began.
   *
   * @throws IllegalArgumentException if {@code fromSeq} is negative
   */
  void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink);

  /**
   * Where this journal keeps snapshots of the state that folds it, if it keeps any (the embedded
   * SQLite journal does, in the same file). The default keeps none.
   */
  default Optional<Snapshots> snapshots() {
    return Optional.empty();
  }

  /**
   * Where this journal finds records by the keys they were appended under ({@link Entry#keys()}),
   * if it keeps an index (the embedded SQLite journal does, in the same file). The default keeps
   * none: the keys are ignored, and a caller finds a record by reading the journal.
   */
  default Optional<RecordIndex> index() {
    return Optional.empty();
  }

  /**
   * The sequence number of the last durable record, or 0 when the journal is empty.
   *
   * @throws IllegalStateException if the journal is closed
   */
  long lastSeq();

  /**
   * Stores what callers have already handed to {@link #append}, then releases every resource.
   * Appends that arrive afterwards fail with {@link IllegalStateException}. Idempotent.
   */
  @Override
  void close();
}
