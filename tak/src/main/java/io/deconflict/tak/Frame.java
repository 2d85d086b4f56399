package io.deconflict.tak;

/** What the {@link Framer} cuts from a connection's byte stream. */
sealed interface Frame {

  /** One XML document ({@code <event>} or {@code <auth>}), bytes as received. */
  record Xml(byte[] bytes) implements Frame {}

  /** One TAK protocol message, without its {@code 0xBF} and length header. */
  record Proto(byte[] bytes) implements Frame {}

  /** Input that was skipped; the message says what and why, for the log and the sender. */
  record Refused(String message) implements Frame {}
}
