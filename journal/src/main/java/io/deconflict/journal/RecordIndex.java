package io.deconflict.journal;

import java.util.List;
import java.util.Optional;

/**
 * Where a journal finds records again by the keys they were appended under ({@link Entry#keys()}):
 * an index beside the records, kept in the same transaction as the records it names, so a record is
 * never visible without its keys nor its keys without it. Keys are ordered as strings, so keys that
 * share a prefix and end in zero-padded numbers list in numeric order (keys are printable ASCII, so
 * byte order and {@link String#compareTo} agree).
 *
 * <p>Implementations are thread-safe.
 */
public interface RecordIndex {

  /**
   * A key and the record it names.
   *
   * @param key the key
   * @param seq the record's sequence number
   */
  record Keyed(String key, long seq) {}

  /**
   * The record appended under {@code key}, if any.
   *
   * @throws JournalException if the index cannot be read
   */
  Optional<Long> find(String key);

  /**
   * The record appended under {@code key}, if any, its hash checked against its content.
   *
   * @throws JournalException if the index or the record cannot be read, or the record is damaged
   */
  Optional<JournalRecord> record(String key);

  /**
   * The record {@code seq}, if stored, its hash checked against its content.
   *
   * @throws JournalException if it cannot be read, or is damaged
   */
  Optional<JournalRecord> record(long seq);

  /**
   * The keys that start with {@code prefix} and sort before {@code before}, greatest first, at most
   * {@code limit} of them.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   * @throws JournalException if the index cannot be read
   */
  List<Keyed> descending(String prefix, String before, int limit);
}
