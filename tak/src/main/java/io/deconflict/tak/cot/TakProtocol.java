package io.deconflict.tak.cot;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * TAK protocol version 1: a {@code TakMessage} (takmessage.proto of the TAK "protocol" folder)
 * holding an optional {@code TakControl} and a {@code CotEvent} with its structured {@code Detail}
 * (contact, group, precision location, status, takv, track) and the rest of the detail as an {@code
 * xmlDetail} string. Hand-written with protobuf-java's {@link CodedInputStream} and {@link
 * CodedOutputStream}; unknown fields are skipped, as protobuf requires.
 *
 * <p>On a streaming connection each message is framed as {@code 0xBF}, the message length as a
 * varint, then the message ({@link #frame}). Stateless and thread-safe.
 */
public final class TakProtocol {

  /** The byte that starts every TAK protocol frame. */
  public static final int MAGIC = 0xBF;

  /** The structured detail elements and the attributes each may carry. */
  private static final Map<String, List<String>> STRUCTURED =
      Map.of(
          "contact", List.of("endpoint", "callsign"),
          "__group", List.of("name", "role"),
          "precisionlocation", List.of("geopointsrc", "altsrc"),
          "status", List.of("battery"),
          "takv", List.of("device", "platform", "os", "version"),
          "track", List.of("speed", "course"));

  private static final Map<String, Integer> DETAIL_FIELD =
      Map.of(
          "contact", 2, "__group", 3, "precisionlocation", 4, "status", 5, "takv", 6, "track", 7);

  private TakProtocol() {}

  /** A decoded message: its control part (if any) and its event (if any). */
  public record Message(@Nullable Control control, @Nullable CotEvent event) {}

  /**
   * A {@code TakControl}.
   *
   * @param minVersion the lowest protocol version the sender speaks
   * @param maxVersion the highest
   * @param contactUid the sender's contact uid, or empty
   */
  public record Control(int minVersion, int maxVersion, String contactUid) {}

  /** Encodes an event as a {@code TakMessage}. */
  public static byte[] encode(CotEvent event) {
    try {
      byte[] cot = cotEvent(event);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(cot.length + 8);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeByteArray(2, cot);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stream frame: {@code 0xBF}, varint length, the message. */
  public static byte[] frame(byte[] message) {
    int header = 1 + CodedOutputStream.computeUInt32SizeNoTag(message.length);
    byte[] out = new byte[header + message.length];
    out[0] = (byte) MAGIC;
    CodedOutputStream o = CodedOutputStream.newInstance(out, 1, header - 1);
    try {
      o.writeUInt32NoTag(message.length);
      o.flush();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    System.arraycopy(message, 0, out, header, message.length);
    return out;
  }

  private static byte[] cotEvent(CotEvent e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeString(1, e.type());
    out.writeString(5, e.uid());
    out.writeUInt64(6, e.time().toEpochMilli());
    out.writeUInt64(7, e.start().toEpochMilli());
    out.writeUInt64(8, e.stale().toEpochMilli());
    out.writeString(9, e.how());
    out.writeDouble(10, e.lat());
    out.writeDouble(11, e.lon());
    out.writeDouble(12, e.hae());
    out.writeDouble(13, e.ce());
    out.writeDouble(14, e.le());
    out.writeByteArray(15, detail(e.detail()));
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] detail(Element detail) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    StringBuilder xml = new StringBuilder();
    Set<String> done = new java.util.HashSet<>();
    for (Element c : detail.children()) {
      List<String> known = STRUCTURED.get(c.name());
      if (known != null
          && done.add(c.name())
          && c.children().isEmpty()
          && c.text().isEmpty()
          && known.containsAll(c.attributes().keySet())
          && structured(c, out)) {
        continue;
      }
      c.write(xml);
    }
    if (xml.length() > 0) {
      out.writeString(1, xml.toString());
    }
    out.flush();
    return bytes.toByteArray();
  }

  /** Writes a structured detail element; false (nothing written) if its values do not fit. */
  private static boolean structured(Element c, CodedOutputStream out) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    CodedOutputStream m = CodedOutputStream.newInstance(bytes);
    try {
      switch (c.name()) {
        case "status" -> m.writeUInt32(1, Integer.parseInt(c.attr("battery").orElse("0")));
        case "track" -> {
          m.writeDouble(1, Double.parseDouble(c.attr("speed").orElse("0")));
          m.writeDouble(2, Double.parseDouble(c.attr("course").orElse("0")));
        }
        default -> {
          List<String> names = STRUCTURED.getOrDefault(c.name(), List.of());
          for (int i = 0; i < names.size(); i++) {
            String v = c.attr(names.get(i)).orElse("");
            if (!v.isEmpty()) {
              m.writeString(i + 1, v);
            }
          }
        }
      }
    } catch (NumberFormatException e) {
      return false;
    }
    m.flush();
    out.writeByteArray(DETAIL_FIELD.getOrDefault(c.name(), 1), bytes.toByteArray());
    return true;
  }

  /**
   * Decodes a {@code TakMessage}.
   *
   * @throws CotException if it is not one, or its event is not acceptable
   */
  public static Message decode(byte[] message) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(message);
      Control control = null;
      CotEvent event = null;
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        switch (tag) {
          case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED ->
              control = control(CodedInputStream.newInstance(in.readByteArray()));
          case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED ->
              event = cotEvent(CodedInputStream.newInstance(in.readByteArray()));
          default -> in.skipField(tag);
        }
      }
      return new Message(control, event);
    } catch (IOException e) {
      throw new CotException("not a TAK protocol message: " + e.getMessage(), e);
    }
  }

  private static Control control(CodedInputStream in) throws IOException {
    int min = 0;
    int max = 0;
    String contact = "";
    while (true) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case 0 -> {
          return new Control(min, max, contact);
        }
        case 1 -> min = in.readUInt32();
        case 2 -> max = in.readUInt32();
        case 3 -> contact = in.readString();
        default -> in.skipField(tag);
      }
    }
  }

  private static CotEvent cotEvent(CodedInputStream in) throws IOException {
    String type = "";
    String uid = "";
    String how = "";
    long send = 0;
    long start = 0;
    long stale = 0;
    double lat = 0;
    double lon = 0;
    double hae = CotEvent.UNKNOWN;
    double ce = CotEvent.UNKNOWN;
    double le = CotEvent.UNKNOWN;
    Element detail = new Element("detail");
    while (true) {
      int tag = in.readTag();
      int field = tag >>> 3;
      if (tag == 0) {
        break;
      }
      switch (field) {
        case 1 -> type = in.readString();
        case 5 -> uid = in.readString();
        case 6 -> send = in.readUInt64();
        case 7 -> start = in.readUInt64();
        case 8 -> stale = in.readUInt64();
        case 9 -> how = in.readString();
        case 10 -> lat = in.readDouble();
        case 11 -> lon = in.readDouble();
        case 12 -> hae = in.readDouble();
        case 13 -> ce = in.readDouble();
        case 14 -> le = in.readDouble();
        case 15 -> detail = detail(CodedInputStream.newInstance(in.readByteArray()));
        default -> in.skipField(tag);
      }
    }
    if (uid.isEmpty()) {
      throw new CotException("the TAK protocol event has no uid");
    }
    if (send == 0) {
      throw new CotException("event " + uid + ": sendTime is missing");
    }
    return new CotEvent(
        uid,
        type,
        how.isEmpty() ? "m-g" : how,
        Instant.ofEpochMilli(send),
        Instant.ofEpochMilli(start == 0 ? send : start),
        Instant.ofEpochMilli(stale == 0 ? send : stale),
        lat,
        lon,
        hae,
        ce,
        le,
        detail);
  }

  private static Element detail(CodedInputStream in) throws IOException {
    Element detail = new Element("detail");
    Element xml = null;
    java.util.List<Element> structured = new java.util.ArrayList<>();
    while (true) {
      int tag = in.readTag();
      int field = tag >>> 3;
      if (tag == 0) {
        break;
      }
      if (field == 1) {
        xml = CotXml.parseDetail(in.readString());
        continue;
      }
      String name = null;
      for (Map.Entry<String, Integer> e : DETAIL_FIELD.entrySet()) {
        if (e.getValue() == field) {
          name = e.getKey();
        }
      }
      if (name == null || (tag & 7) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag);
        continue;
      }
      structured.add(structuredElement(name, CodedInputStream.newInstance(in.readByteArray())));
    }
    for (Element e : structured) {
      detail.add(e);
    }
    if (xml != null) {
      for (Element c : xml.children()) {
        detail.add(c.copy());
      }
    }
    return detail;
  }

  private static Element structuredElement(String name, CodedInputStream in) throws IOException {
    Element e = new Element(name);
    List<String> names = STRUCTURED.getOrDefault(name, List.of());
    while (true) {
      int tag = in.readTag();
      int field = tag >>> 3;
      if (tag == 0) {
        return e;
      }
      if (field < 1 || field > names.size()) {
        in.skipField(tag);
        continue;
      }
      String attr = names.get(field - 1);
      switch (name) {
        case "status" -> e.attr(attr, Integer.toString(in.readUInt32()));
        case "track" -> e.attr(attr, Double.toString(in.readDouble()));
        default -> e.attr(attr, in.readString());
      }
    }
  }
}
