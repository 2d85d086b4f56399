package io.deconflict.service.snapshot;

import java.time.Duration;

/**
 * When the service snapshots its state into the journal: once {@code everyRecords} records were
 * appended since the last snapshot, or once {@code everyEventTime} of journal time passed since it,
 * whichever comes first (a zero turns that criterion off), and when it stops cleanly; keeping the
 * newest {@code keep}. The defaults bound what a start replays to about a million records or an
 * hour of event time.
 *
 * @param everyRecords records between snapshots; 0 for no count criterion
 * @param everyEventTime journal time between snapshots; zero for no time criterion
 * @param keep how many snapshots to keep, at least 1
 * @param onClose whether to take one when the service stops, if anything was appended since the
 *     last
 */
public record SnapshotPolicy(
    long everyRecords, Duration everyEventTime, int keep, boolean onClose) {

  /** One every 1,000,000 records or every hour of event time, and on close; keep 2. */
  public static final SnapshotPolicy DEFAULT =
      new SnapshotPolicy(1_000_000, Duration.ofHours(1), 2, true);

  /** No snapshots are taken (those in the journal are still loaded at start). */
  public static final SnapshotPolicy NEVER = new SnapshotPolicy(0, Duration.ZERO, 1, false);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the field out of range
   */
  public SnapshotPolicy {
    if (everyRecords < 0) {
      throw new IllegalArgumentException("everyRecords must be 0 or more, got " + everyRecords);
    }
    if (everyEventTime.isNegative()) {
      throw new IllegalArgumentException(
          "everyEventTime must not be negative, got " + everyEventTime);
    }
    if (keep < 1 || keep > 100) {
      throw new IllegalArgumentException("keep must be 1..100, got " + keep);
    }
  }

  /**
   * Whether a snapshot is due after {@code records} records and {@code eventTime} of journal time
   * since the last.
   */
  public boolean due(long records, Duration eventTime) {
    if (records <= 0) {
      return false;
    }
    return (everyRecords > 0 && records >= everyRecords)
        || (!everyEventTime.isZero() && eventTime.compareTo(everyEventTime) >= 0);
  }
}
