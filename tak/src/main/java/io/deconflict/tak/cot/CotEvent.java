package io.deconflict.tak.cot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One Cursor on Target event: what ({@code type}), who ({@code uid}), when ({@code time}, {@code
 * start}, {@code stale}), where ({@code point}) and the free-form {@code detail}, which is kept
 * whole so that content this service does not know is passed on rather than dropped.
 *
 * @param uid the event's (and, for an atom, the unit's) identity
 * @param type the CoT type, e.g. {@code a-f-G-U-C}, {@code b-m-r}, {@code b-t-f}
 * @param how how the data was produced, e.g. {@code m-g}, {@code h-e}
 * @param time when the event was generated
 * @param start when it starts to be valid
 * @param stale when it stops being valid
 * @param lat latitude, degrees
 * @param lon longitude, degrees
 * @param hae height above the ellipsoid, metres (9999999 unknown)
 * @param ce circular error, metres (9999999 unknown)
 * @param le linear error, metres (9999999 unknown)
 * @param detail the {@code <detail>} element (possibly empty)
 */
public record CotEvent(
    String uid,
    String type,
    String how,
    Instant time,
    Instant start,
    Instant stale,
    double lat,
    double lon,
    double hae,
    double ce,
    double le,
    Element detail) {

  /** The value CoT uses for "unknown" heights and errors. */
  public static final double UNKNOWN = 9_999_999;

  /** Checks the point and that the uid and type are present. */
  public CotEvent {
    if (uid.isBlank()) {
      throw new CotException("event uid is empty");
    }
    if (type.isBlank()) {
      throw new CotException("event " + uid + ": type is empty");
    }
    xmlText(uid, "uid", uid);
    xmlText(uid, "type", type);
    xmlText(uid, "how", how);
    writable(uid, "time", time);
    writable(uid, "start", start);
    writable(uid, "stale", stale);
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new CotException(
          "event " + uid + ": point lat=" + lat + " lon=" + lon + " is not on the Earth");
    }
    finite(uid, "hae", hae);
    finite(uid, "ce", ce);
    finite(uid, "le", le);
  }

  /**
   * Refuses a height or an error that is not a finite number: XML can only carry numbers (NaN and
   * infinities are refused there), so from the TAK protocol they are refused too, not passed on to
   * XML clients that would refuse them.
   */
  private static void finite(String uid, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new CotException(
          "event " + uid + ": <point> " + name + "=" + value + " is not a number");
    }
  }

  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * Refuses a time before the year 0001: CoT's time format ({@link #cotTime}) writes the year of
   * the era, so such an event would come back from XML at another time. (Later years, five digits
   * and more, are written with a sign and read back.)
   */
  private static void writable(String uid, String field, Instant t) {
    if (t.isBefore(FIRST)) {
      throw new CotException("event " + uid + ": " + field + " " + t + " is before the year 0001");
    }
  }

  /**
   * Refuses a value with a character XML 1.0 cannot carry (a control character other than tab, line
   * feed and carriage return, U+FFFE, U+FFFF): written as XML it would be lost or unreadable, and
   * the event would change identity between the TAK protocol and XML.
   */
  private static void xmlText(String uid, String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
        throw new CotException(
            String.format(
                "event %s: %s has the character U+%04X at %d, which XML cannot carry",
                field.equals("uid") ? "uid" : uid, field, (int) c, i));
      }
    }
  }

  /** Reads an {@code <event>} element; the event shares its {@code <detail>} element. */
  public static CotEvent of(Element e) {
    if (!e.name().equals("event")) {
      throw new CotException("expected <event>, got <" + e.name() + ">");
    }
    String uid = e.attr("uid").orElseThrow(() -> new CotException("<event> has no uid"));
    String where = "event " + uid + ": ";
    String type = e.attr("type").orElseThrow(() -> new CotException(where + "no type"));
    Instant time = instant(e, "time", where);
    Element point =
        e.child("point").orElseThrow(() -> new CotException(where + "<point> is missing"));
    return new CotEvent(
        uid,
        type,
        e.attr("how").orElse("m-g"),
        time,
        e.attr("start").isPresent() ? instant(e, "start", where) : time,
        instant(e, "stale", where),
        number(point, "lat", where, Double.NaN),
        number(point, "lon", where, Double.NaN),
        number(point, "hae", where, UNKNOWN),
        number(point, "ce", where, UNKNOWN),
        number(point, "le", where, UNKNOWN),
        e.child("detail").orElseGet(() -> new Element("detail")));
  }

  private static Instant instant(Element e, String name, String where) {
    String v = e.attr(name).orElseThrow(() -> new CotException(where + "no " + name));
    try {
      return Instant.parse(v.trim());
    } catch (DateTimeParseException ex) {
      throw new CotException(where + name + "=\"" + v + "\" is not an ISO-8601 UTC time");
    }
  }

  private static double number(Element e, String name, String where, double fallback) {
    String v = e.attr(name).orElse(null);
    if (v == null) {
      if (Double.isNaN(fallback)) {
        throw new CotException(where + "<point> has no " + name);
      }
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException ex) {
      throw new CotException(where + "<point> " + name + "=\"" + v + "\" is not a number");
    }
  }

  /** This event as an {@code <event>} element (with a copy of the detail). */
  public Element toElement() {
    Element e = new Element("event");
    e.attr("version", "2.0").attr("uid", uid).attr("type", type).attr("how", how);
    e.attr("time", cotTime(time)).attr("start", cotTime(start)).attr("stale", cotTime(stale));
    e.add("point")
        .attr("lat", num(lat))
        .attr("lon", num(lon))
        .attr("hae", num(hae))
        .attr("ce", num(ce))
        .attr("le", num(le));
    e.add(detail.copy());
    return e;
  }

  /** This event as XML bytes (UTF-8, with an XML declaration, as TAK servers send it). */
  public byte[] toXmlBytes() {
    StringBuilder out = new StringBuilder(256);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
    toElement().write(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** As TAK writes times: UTC, always three fraction digits (ATAK reads no more). */
  public static String cotTime(Instant t) {
    return TIME.format(t);
  }

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d) + ".0";
    }
    return Double.toString(d);
  }
}
