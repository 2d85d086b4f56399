package io.deconflict.journal;

/**
 * A conditional append ({@link Journal#appendAfter}) was refused because the journal's last record
 * is no longer the one the caller expected: another writer appended in between. Nothing of the
 * refused entries was stored; the caller reads the records after its head and tries again.
 */
public final class HeadMovedException extends JournalException {

  private static final long serialVersionUID = 1L;

  private final long expectedLastSeq;
  private final long actualLastSeq;

  /** The journal {@code where} has {@code actualLastSeq} as its last record, not the expected. */
  public HeadMovedException(String where, long expectedLastSeq, long actualLastSeq) {
    super(
        "journal "
            + where
            + ": expected record "
            + expectedLastSeq
            + " to be the last, but another writer appended up to "
            + actualLastSeq
            + "; nothing was stored");
    this.expectedLastSeq = expectedLastSeq;
    this.actualLastSeq = actualLastSeq;
  }

  /** The last record the caller expected. */
  public long expectedLastSeq() {
    return expectedLastSeq;
  }

  /** The journal's last record when the append was refused. */
  public long actualLastSeq() {
    return actualLastSeq;
  }
}
