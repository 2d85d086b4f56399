package io.deconflict.tak.cot;

/**
 * A Cursor on Target message that cannot be read or is not acceptable; the message says what and
 * where, for the sender.
 */
public final class CotException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A refusal with a message naming what was wrong. */
  public CotException(String message) {
    super(message);
  }

  /** A refusal caused by a lower-level failure. */
  public CotException(String message, Throwable cause) {
    super(message, cause);
  }
}
