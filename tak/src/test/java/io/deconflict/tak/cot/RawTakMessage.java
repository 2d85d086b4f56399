package io.deconflict.tak.cot;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A TAK protocol message written field by field, bypassing the codec's own checks, so that tests
 * can hand the decoder what a hostile or broken client might send.
 */
final class RawTakMessage {

  private RawTakMessage() {}

  /**
   * A `TakMessage` whose `CotEvent` has type a-f-G, the given uid and send time, the given how (not
   * written when empty) and a point at 37 N, 41 E.
   */
  static byte[] event(String uid, String how, long sendTime) throws IOException {
    return event(uid, how, sendTime, CotEvent.UNKNOWN);
  }

  /** As {@link #event(String, String, long)}, with the point's linear error {@code le}. */
  static byte[] event(String uid, String how, long sendTime, double le) throws IOException {
    ByteArrayOutputStream cot = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(cot);
    o.writeString(1, "a-f-G");
    o.writeString(5, uid);
    o.writeUInt64(6, sendTime);
    if (!how.isEmpty()) {
      o.writeString(9, how);
    }
    o.writeDouble(10, 37);
    o.writeDouble(11, 41);
    o.writeDouble(14, le);
    o.flush();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    CodedOutputStream m = CodedOutputStream.newInstance(message);
    m.writeByteArray(2, cot.toByteArray());
    m.flush();
    return message.toByteArray();
  }
}
