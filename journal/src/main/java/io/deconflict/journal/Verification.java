package io.deconflict.journal;

import java.util.Optional;

/**
 * What {@link JournalVerifier} found in a journal file.
 *
 * @param recordsChecked how many records, from record 1 on, passed every check; all of them when
 *     the chain is intact
 * @param firstBadSeq the sequence number where the chain breaks: records 1 to {@code firstBadSeq -
 *     1} are intact, and the record {@code firstBadSeq} is damaged, missing or out of place. Empty
 *     when the chain is intact or the file could not be read.
 * @param problem what is wrong, for people: {@code record 17: hash does not match its content
 *     (...)}, or why the file is unreadable. Empty when the chain is intact.
 * @param lastHashHex the hash of the last record that passed every check, 64 lowercase hex digits;
 *     empty when none did. When the chain is intact this is the journal's head, which operators
 *     record to detect later truncation (see {@code docs/journal.md}).
 */
public record Verification(
    long recordsChecked,
    Optional<Long> firstBadSeq,
    Optional<String> problem,
    Optional<String> lastHashHex) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code recordsChecked} is negative, or a first bad record
   *     comes without a problem
   */
  public Verification {
    if (recordsChecked < 0) {
      throw new IllegalArgumentException("recordsChecked must be 0 or more, got " + recordsChecked);
    }
    if (firstBadSeq.isPresent() && problem.isEmpty()) {
      throw new IllegalArgumentException(
          "a first bad record (" + firstBadSeq.get() + ") needs a problem");
    }
  }

  /** A verification without a last hash. */
  public Verification(long recordsChecked, Optional<Long> firstBadSeq, Optional<String> problem) {
    this(recordsChecked, firstBadSeq, problem, Optional.empty());
  }

  /** Whether the file was readable and its chain intact. */
  public boolean ok() {
    return problem.isEmpty();
  }

  static Verification intact(long recordsChecked, Optional<String> lastHashHex) {
    return new Verification(recordsChecked, Optional.empty(), Optional.empty(), lastHashHex);
  }

  static Verification broken(
      long recordsChecked, long firstBadSeq, String problem, Optional<String> lastHashHex) {
    return new Verification(
        recordsChecked, Optional.of(firstBadSeq), Optional.of(problem), lastHashHex);
  }

  static Verification unreadable(
      long recordsChecked, String problem, Optional<String> lastHashHex) {
    return new Verification(recordsChecked, Optional.empty(), Optional.of(problem), lastHashHex);
  }
}
