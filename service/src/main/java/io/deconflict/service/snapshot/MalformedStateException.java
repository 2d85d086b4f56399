package io.deconflict.service.snapshot;

/** A snapshot's state that cannot be read: the message says where and what. */
public final class MalformedStateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with this message. */
  public MalformedStateException(String message) {
    super(message);
  }
}
