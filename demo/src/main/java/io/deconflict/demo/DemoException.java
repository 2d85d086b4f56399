package io.deconflict.demo;

/** The demo could not start or load its scenario: the message says what failed, with what. */
public final class DemoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public DemoException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public DemoException(String message, Throwable cause) {
    super(message, cause);
  }
}
