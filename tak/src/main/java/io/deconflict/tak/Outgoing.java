package io.deconflict.tak;

import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.TakProtocol;
import org.jspecify.annotations.Nullable;

/**
 * One CoT event on its way to one or more clients: encoded at most once per wire format, however
 * many clients it goes to. Thread-safe (the encodings are idempotent and published through volatile
 * fields).
 */
final class Outgoing {

  private final CotEvent event;
  private volatile byte @Nullable [] xml;
  private volatile byte @Nullable [] proto;

  Outgoing(CotEvent event) {
    this.event = event;
  }

  CotEvent event() {
    return event;
  }

  /** The XML document. */
  byte[] xml() {
    byte[] b = xml;
    if (b == null) {
      b = event.toXmlBytes();
      xml = b;
    }
    return b;
  }

  /** The TAK protocol frame: {@code 0xBF}, length, message. */
  byte[] proto() {
    byte[] b = proto;
    if (b == null) {
      b = TakProtocol.frame(TakProtocol.encode(event));
      proto = b;
    }
    return b;
  }

  /** An estimate of the bytes it takes on the wire. */
  int sizeHint() {
    byte[] b = xml;
    return b != null ? b.length : 512;
  }
}
