package io.deconflict.journal;

import java.util.List;
import java.util.Optional;

/**
 * Where a journal keeps snapshots of the state that folds it (see {@link Snapshot}): beside the
 * records, in the same storage, each with a checksum. Snapshots are a cache: deleting them all
 * loses nothing (a start then replays the whole journal), and the audit proves each one equals a
 * replay of the records it claims to stand for.
 *
 * <p>Implementations are thread-safe.
 */
public interface Snapshots {

  /**
   * Stores {@code snapshot} durably (replacing one at the same seq), then deletes all but the
   * newest {@code keep}.
   *
   * @param keep how many snapshots to keep, at least 1
   * @throws JournalException if it cannot be stored; nothing changed then
   * @throws UnsupportedOperationException if this store is read-only
   */
  void save(Snapshot snapshot, int keep);

  /**
   * The sequence numbers of the stored snapshots, newest first.
   *
   * @throws JournalException if the storage cannot be read
   */
  List<Long> positions();

  /**
   * Reads the snapshot stored after record {@code seq} and checks its checksum.
   *
   * @throws JournalException if the storage cannot be read
   */
  Stored load(long seq);

  /**
   * A snapshot as read back.
   *
   * @param seq where it was stored
   * @param snapshot its content, if its fields are well formed (even when its checksum fails)
   * @param problem what is wrong with it, for people: a checksum that does not match, a malformed
   *     field, a missing row; empty when it is intact
   */
  record Stored(long seq, Optional<Snapshot> snapshot, Optional<String> problem) {

    /** Whether it was read and its checksum matches its content. */
    public boolean intact() {
      return problem.isEmpty() && snapshot.isPresent();
    }
  }
}
