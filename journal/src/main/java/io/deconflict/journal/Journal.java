package io.deconflict.journal;

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
