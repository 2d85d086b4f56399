package io.deconflict.tak;

import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.TakProtocol;
import org.jspecify.annotations.Nullable;

/**
 * One CoT event on its way to one or more clients: encoded once per wire format, however many
 * clients it goes to (XML at once, TAK protocol when a client first needs it). Thread-safe (the
 * protocol encoding is idempotent and published through a volatile field).
 */
final class Outgoing {

  private final CotEvent event;
  private final byte[] xml;
  private volatile byte @Nullable [] proto;

  Outgoing(CotEvent event) {
    this.event = event;
    this.xml = event.toXmlBytes();
  }

  CotEvent event() {
    return event;
  }

  /** The XML document. */
  byte[] xml() {
    return xml;
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

  /** The bytes it takes on the wire (as XML), for the per-client buffer limit. */
  int sizeHint() {
    return xml.length;
  }
}
