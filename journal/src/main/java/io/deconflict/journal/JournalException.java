package io.deconflict.journal;

/**
 * A journal could not be opened, read or written: an I/O failure, a damaged or foreign file, or a
 * broken hash chain. The message says what failed and where (the file, and the record's sequence
 * number when there is one).
 */
public class JournalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public JournalException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
