package io.deconflict.journal;

import java.sql.SQLException;
import java.util.List;

/**
 * Called by the writer of a {@link SqliteJournal} inside each transaction, after the batch is
 * inserted and before it is committed. For tests: to hold the writer while callers queue up, or to
 * make a batch fail.
 */
@FunctionalInterface
interface WriterHook {

  /** Does nothing. */
  WriterHook NONE = (callers, records) -> {};

  /**
   * Runs before the commit of a batch.
   *
   * @param callers how many {@link Journal#append} calls the batch serves
   * @param records the records of the batch, in sequence order
   * @throws SQLException to make the batch fail as a failed commit would
   */
  void beforeCommit(int callers, List<JournalRecord> records) throws SQLException;
}
