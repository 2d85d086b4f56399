package io.deconflict.service.retention;

import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.ArchivedConflict;
import java.util.List;
import java.util.Optional;

/**
 * Where conflicts that left memory are read from: the journal's {@link ArchivedConflict} facts,
 * found through its index ({@link JournalArchive}). Reads only; what it answers never changes once
 * the fact is durable.
 *
 * <p>Implementations are thread-safe.
 */
public interface Archive {

  /** An archive that holds nothing: a state machine without a journal keeps what it retires. */
  Archive NONE =
      new Archive() {
        @Override
        public Optional<ArchivedConflict> conflict(long number) {
          return Optional.empty();
        }

        @Override
        public Optional<ArchivedConflict> conflictOfAlert(long alertNumber) {
          return Optional.empty();
        }

        @Override
        public List<Alert> alerts(Optional<String> recipient, long below, int limit) {
          return List.of();
        }
      };

  /** The archived conflict {@code cf-number}, if it was archived. */
  Optional<ArchivedConflict> conflict(long number);

  /** The archived conflict that holds alert {@code al-alertNumber}, if it was archived. */
  Optional<ArchivedConflict> conflictOfAlert(long alertNumber);

  /**
   * Archived alerts numbered below {@code below}, of one recipient (or of everyone), newest
   * (highest number) first, at most {@code limit}.
   */
  List<Alert> alerts(Optional<String> recipient, long below, int limit);
}
