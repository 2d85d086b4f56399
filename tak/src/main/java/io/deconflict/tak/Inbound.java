package io.deconflict.tak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Band;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.AcknowledgeAlert;
import io.deconflict.service.command.AnswerParticipation;
import io.deconflict.service.command.CancelItem;
import io.deconflict.service.command.Decimal;
import io.deconflict.service.command.Ids;
import io.deconflict.service.command.IsoInstant;
import io.deconflict.service.command.NotifyItem;
import io.deconflict.service.command.PostMessage;
import io.deconflict.service.command.ReadBack;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.party.Member;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.CotException;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the CoT a client sends into service commands: atoms into position reports, timed routes
 * into movements, marked drawn polygons into zones, GeoChat into hotline messages and
 * acknowledgements, deletions into cancellations. The detail a client sent is kept with what it
 * became ({@code cot.detail}), so content this service does not know is never dropped.
 *
 * <p>Thread-safe; called from the command threads.
 */
final class Inbound {

  /** The name of the detail extension this service reads and writes. */
  static final String EXTENSION = "__deconflict";

  private static final Pattern ACK =
      Pattern.compile(
          "\\s*ACK\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+([-+0-9.]+)\\s*[,\\s]\\s*([-+0-9.]+)\\s*",
          Pattern.CASE_INSENSITIVE);

  /** A participant's answer to a joint movement in GeoChat: {@code JOIN ru/rt-1 accept}. */
  private static final Pattern JOIN =
      Pattern.compile(
          "\\s*JOIN\\s+([^/\\s]+)/(\\S+)\\s+(accept|decline)\\s*", Pattern.CASE_INSENSITIVE);

  private static final Pattern MINUTES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z");

  private final Application app;

  /** Routes without times, per party and uid: kept as plan geometry, not checked in time. */
  private final Map<String, CotEvent> untimed = new ConcurrentHashMap<>();

  Inbound(Application app) {
    this.app = app;
  }

  /** Whether the event is a unit's position (an atom). */
  static boolean isPosition(CotEvent e) {
    return e.type().startsWith("a-");
  }

  /**
   * An atom as a position report: the CoT uid is the unit, the event's time the report's time,
   * {@code <track>} gives course and speed (when in range), the point's circular error the
   * accuracy; the type, callsign and whole detail are kept under {@code cot}.
   *
   * @throws CotException if the uid cannot be a unit id
   */
  static ReportPositions.Report report(CotEvent e) {
    if (!Ids.isUnitId(e.uid())) {
      throw new CotException("event " + e.uid() + ": a unit's uid must be " + Ids.UNIT_ID_RULE);
    }
    Optional<Decimal> course = Optional.empty();
    Optional<Decimal> speed = Optional.empty();
    Optional<Element> track = e.detail().child("track");
    if (track.isPresent()) {
      double c = parse(track.get().attr("course").orElse(""));
      double v = parse(track.get().attr("speed").orElse(""));
      if (c >= 0 && c < 360 && v >= 0 && v <= 350) {
        course = Optional.of(Decimal.of(c));
        speed = Optional.of(Decimal.of(v));
      }
    }
    Optional<Decimal> accuracy =
        e.ce() > 0 && e.ce() < CotEvent.UNKNOWN
            ? Optional.of(Decimal.of(e.ce()))
            : Optional.empty();
    boolean height = e.hae() < CotEvent.UNKNOWN;
    Optional<String> detail = Optional.empty();
    if (!e.detail().children().isEmpty()) {
      detail = Optional.of(detailXml(e));
    }
    ReportPositions.CotAppearance cot =
        new ReportPositions.CotAppearance(
            e.type(),
            height ? OptionalDouble.of(e.hae()) : OptionalDouble.empty(),
            height && e.le() < CotEvent.UNKNOWN
                ? OptionalDouble.of(e.le())
                : OptionalDouble.empty(),
            e.detail().child("contact").flatMap(c -> c.attr("callsign")),
            detail);
    return new ReportPositions.Report(
        e.uid(),
        IsoInstant.of(e.time()),
        Decimal.of(e.lon()),
        Decimal.of(e.lat()),
        course,
        speed,
        accuracy,
        movement(e),
        Optional.of(cot),
        // The height takes part in vertical separation (D37) where it is a height at all.
        height && e.hae() >= Band.MIN_METERS && e.hae() <= Band.MAX_METERS
            ? Optional.of(Decimal.of(e.hae()))
            : Optional.empty());
  }

  /**
   * The movement an atom reports under: the {@code uid} of its first {@code <link>} of route type
   * {@code b-m-r} (a route the party notified is a movement of the same id), as ATAK links a unit
   * to the route it follows.
   */
  static Optional<String> movement(CotEvent e) {
    for (Element link : e.detail().children()) {
      if (link.name().equals("link") && link.attr("type").orElse("").equals("b-m-r")) {
        return link.attr("uid");
      }
    }
    return Optional.empty();
  }

  /** The children of the event's {@code <detail>} as XML. */
  private static String detailXml(CotEvent e) {
    StringBuilder xml = new StringBuilder();
    for (Element c : e.detail().children()) {
      c.write(xml);
    }
    return xml.toString();
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Handles one event that is not a position, answering the client. */
  void handle(Session s, Member m, CotEvent e) {
    try {
      Element ext = e.detail().child(EXTENSION).orElse(null);
      if (ext != null && ext.attr("ack").isPresent()) {
        acknowledge(
            s,
            m,
            e.uid(),
            ext.attr("ack").orElse(""),
            ext.attr("start").orElse(""),
            ext.attr("end").orElse(""),
            ext.attr("lat").orElse(""),
            ext.attr("lon").orElse(""));
      } else if (e.type().equals("b-m-r")) {
        route(s, m, e);
      } else if (e.type().startsWith("u-d-") && ext != null && ext.attr("zone").isPresent()) {
        zone(s, m, e, ext);
      } else if (e.type().equals("b-t-f")) {
        chat(s, m, e);
      } else if (e.type().equals("t-x-d-d")) {
        delete(s, m, e);
      }
      // anything else (markers, sensors, other drawings) is not the service's business
    } catch (CotException ex) {
      s.reply(e.uid(), false, "event " + e.uid() + ": " + ex.getMessage(), "");
    } catch (ServiceException ex) {
      s.reply(e.uid(), false, "event " + e.uid() + ": " + ex.getMessage(), ex.field());
    }
  }

  private void acknowledge(
      Session s,
      Member m,
      String ref,
      String alert,
      String start,
      String end,
      String lat,
      String lon) {
    double lonDegrees;
    double latDegrees;
    try {
      lonDegrees = Double.parseDouble(lon);
      latDegrees = Double.parseDouble(lat);
    } catch (NumberFormatException ex) {
      throw new CotException("the read-back place must be <lat>,<lon> in degrees");
    }
    JsonNode reply =
        app.submit(
            m,
            new AcknowledgeAlert(
                alert,
                ReadBack.parse(withSeconds(start), withSeconds(end), lonDegrees, latDegrees)));
    s.reply(
        ref,
        true,
        "alert "
            + alert
            + " acknowledged by "
            + reply.path("acknowledgedBy").asText()
            + ": seen, not approved",
        "");
  }

  /** {@code 2027-10-08T08:40Z} as {@code 2027-10-08T08:40:00Z}: people leave the seconds out. */
  static String withSeconds(String time) {
    return MINUTES.matcher(time).matches() ? time.substring(0, time.length() - 1) + ":00Z" : time;
  }

  private void route(Session s, Member m, CotEvent e) {
    List<Element> links = e.detail().all("link");
    if (links.size() < 2) {
      throw new CotException("a route needs at least 2 <link point=\"lat,lon\"> waypoints");
    }
    requireItemId(e.uid());
    Element ext = e.detail().child(EXTENSION).orElseGet(() -> new Element(EXTENSION));
    List<Element> wps = ext.all("wp");
    if (wps.isEmpty()) {
      untimed.put(m.party() + "/" + e.uid(), e);
      s.reply(
          e.uid(),
          true,
          "route "
              + e.uid()
              + " has no times: kept as plan geometry, but it cannot be checked in time. Add"
              + " <__deconflict><wp time=\"...\"/>...</__deconflict>, one per waypoint, to have"
              + " it deconflicted",
          "/properties/times");
      return;
    }
    if (wps.size() != links.size()) {
      throw new CotException(
          "<__deconflict> has "
              + wps.size()
              + " <wp> times but the route has "
              + links.size()
              + " waypoints; give one per waypoint");
    }
    ObjectNode feature = feature(e, "LineString");
    ArrayNode coords = ((ObjectNode) feature.get("geometry")).putArray("coordinates");
    ObjectNode props = (ObjectNode) feature.get("properties");
    ArrayNode times = props.putArray("times");
    for (int i = 0; i < links.size(); i++) {
      coords.add(point(links.get(i), i));
      Element wp = wps.get(i);
      String uid = wp.attr("uid").orElse("");
      String linkUid = links.get(i).attr("uid").orElse("");
      if (!uid.isEmpty() && !linkUid.isEmpty() && !uid.equals(linkUid)) {
        throw new CotException(
            "<wp> " + i + " names uid " + uid + " but waypoint " + i + " is " + linkUid);
      }
      String time = wp.attr("time").orElseThrow(() -> new CotException("<wp> has no time"));
      times.add(checkedInstant(time, "<wp> " + i + " time"));
    }
    ext.attr("separationMeters")
        .ifPresent(v -> props.put("separationMeters", number(v, "separationMeters")));
    ext.attr("verticalSeparationMeters")
        .ifPresent(
            v -> props.put("verticalSeparationMeters", number(v, "verticalSeparationMeters")));
    bands(wps, props);
    participants(ext, props);
    boolean emergency = ext.attr("emergency").map(Boolean::parseBoolean).orElse(false);
    untimed.remove(m.party() + "/" + e.uid());
    JsonNode reply = notifyItem(m, "movement", feature, emergency);
    s.reply(
        e.uid(),
        true,
        "movement "
            + e.uid()
            + " notified (version "
            + reply.path("version").asText()
            + (reply.path("late").asBoolean() ? ", LATE: less notice than agreed" : "")
            + ")",
        "");
  }

  /**
   * A joint route's participants (D39): {@code <participant party="tr" joinAt="1" leaveAt="2"/>}
   * children of {@code <__deconflict>}, indices of the route's waypoints (default its first and
   * last), as the feature's {@code properties.participants}.
   */
  private static void participants(Element ext, ObjectNode props) {
    List<Element> named = ext.all("participant");
    if (named.isEmpty()) {
      return;
    }
    ArrayNode out = props.putArray("participants");
    for (int i = 0; i < named.size(); i++) {
      Element p = named.get(i);
      ObjectNode one = out.addObject();
      int n = i;
      one.put(
          "party",
          p.attr("party")
              .orElseThrow(() -> new CotException("<participant> " + n + " has no party")));
      for (String index : List.of("joinAt", "leaveAt")) {
        Optional<String> v = p.attr(index);
        if (v.isPresent()) {
          try {
            one.put(index, Integer.parseInt(v.get()));
          } catch (NumberFormatException x) {
            throw new CotException(
                "<participant> " + i + " " + index + " must be a waypoint's index, got " + v.get());
          }
        }
      }
    }
  }

  private void zone(Session s, Member m, CotEvent e, Element ext) {
    List<Element> links = e.detail().all("link");
    boolean line = ext.attr("side").isPresent() || ext.attr("bufferMeters").isPresent();
    if (line && links.size() < 2) {
      throw new CotException("a line zone needs at least 2 <link point=\"lat,lon\"> vertices");
    }
    if (!line && links.size() < 3) {
      throw new CotException("a zone needs at least 3 <link point=\"lat,lon\"> vertices");
    }
    requireItemId(e.uid());
    ObjectNode feature = feature(e, line ? "LineString" : "Polygon");
    ArrayNode coordinates = ((ObjectNode) feature.get("geometry")).putArray("coordinates");
    ArrayNode ring = line ? coordinates : coordinates.addArray();
    for (int i = 0; i < links.size(); i++) {
      ring.add(point(links.get(i), i));
    }
    if (!line && !ring.get(0).equals(ring.get(ring.size() - 1))) {
      ring.add(ring.get(0).deepCopy());
    }
    ObjectNode props = (ObjectNode) feature.get("properties");
    ext.attr("access").ifPresent(a -> props.put("access", a));
    ext.attr("side").ifPresent(v -> props.put("side", v));
    ext.attr("bufferMeters").ifPresent(v -> props.put("bufferMeters", number(v, "bufferMeters")));
    ext.attr("depthMeters").ifPresent(v -> props.put("depthMeters", number(v, "depthMeters")));
    ext.attr("validFrom").ifPresent(v -> props.put("validFrom", v));
    ext.attr("validUntil").ifPresent(v -> props.put("validUntil", v));
    if (ext.attr("floor").isPresent() || ext.attr("ceiling").isPresent()) {
      props
          .putArray("band")
          .add(number(ext.attr("floor").orElse("missing"), "floor"))
          .add(number(ext.attr("ceiling").orElse("missing"), "ceiling"));
    }
    JsonNode reply = notifyItem(m, "zone", feature, false);
    s.reply(
        e.uid(),
        true,
        "zone " + e.uid() + " notified (version " + reply.path("version").asText() + ")",
        "");
  }

  /** Notifies, or replaces if the party already has this id. */
  private JsonNode notifyItem(Member m, String kind, ObjectNode feature, boolean emergency) {
    try {
      return app.submit(m, new NotifyItem(kind, false, stated(emergency), feature));
    } catch (ServiceException ex) {
      if (ex.kind() != ServiceException.Kind.CONFLICT) {
        throw ex;
      }
      return app.submit(m, new NotifyItem(kind, true, stated(emergency), feature));
    }
  }

  /** An emergency is stated when it is one; otherwise nothing is said. */
  private static Optional<Boolean> stated(boolean emergency) {
    return emergency ? Optional.of(true) : Optional.empty();
  }

  private static ObjectNode feature(CotEvent e, String geometry) {
    ObjectNode feature = Json.object().put("type", "Feature").put("id", e.uid());
    ObjectNode props = feature.putObject("properties");
    e.detail()
        .child("contact")
        .flatMap(c -> c.attr("callsign"))
        .ifPresent(c -> props.put("name", c));
    ObjectNode cot = props.putObject("cot");
    cot.put("type", e.type());
    cot.put("detail", detailXml(e));
    feature.putObject("geometry").put("type", geometry);
    return feature;
  }

  private static ArrayNode point(Element link, int i) {
    String p =
        link.attr("point")
            .orElseThrow(() -> new CotException("<link> " + i + " has no point=\"lat,lon\""));
    String[] parts = p.split(",");
    if (parts.length < 2) {
      throw new CotException("<link> " + i + " point=\"" + p + "\" is not \"lat,lon\"");
    }
    double lat = number(parts[0], "<link> " + i + " latitude");
    double lon = number(parts[1], "<link> " + i + " longitude");
    ArrayNode out = Json.MAPPER.createArrayNode().add(lon).add(lat);
    if (parts.length >= 3 && !parts[2].isBlank()) {
      // "lat,lon,hae": the height above the ellipsoid, where it is one (D37)
      double hae = number(parts[2], "<link> " + i + " hae");
      if (hae >= Band.MIN_METERS && hae <= Band.MAX_METERS) {
        out.add(hae);
      }
    }
    return out;
  }

  /**
   * An air route's bands: {@code floor} and {@code ceiling} on the {@code <wp>} that starts each
   * leg (D37); none if the first {@code <wp>} has neither.
   */
  private static void bands(List<Element> wps, ObjectNode props) {
    Element first = wps.get(0);
    if (first.attr("floor").isEmpty() && first.attr("ceiling").isEmpty()) {
      return;
    }
    ArrayNode bands = props.putArray("bands");
    for (int i = 0; i + 1 < wps.size(); i++) {
      Element wp = wps.get(i);
      String where = "<wp> " + i;
      bands
          .addArray()
          .add(
              number(
                  wp.attr("floor")
                      .orElseThrow(
                          () ->
                              new CotException(
                                  where
                                      + " has no floor: an air route gives floor and ceiling on"
                                      + " the <wp> that starts each leg")),
                  where + " floor"))
          .add(
              number(
                  wp.attr("ceiling")
                      .orElseThrow(
                          () ->
                              new CotException(
                                  where
                                      + " has no ceiling: an air route gives floor and ceiling on"
                                      + " the <wp> that starts each leg")),
                  where + " ceiling"));
    }
  }

  private static double number(String s, String what) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new CotException(what + " \"" + s + "\" is not a number");
    }
  }

  private static String checkedInstant(String s, String what) {
    try {
      return Instant.parse(s.trim()).toString();
    } catch (DateTimeParseException e) {
      throw new CotException(what + " \"" + s + "\" is not an ISO-8601 UTC time");
    }
  }

  private static void requireItemId(String uid) {
    if (!Ids.isItemId(uid)) {
      throw new CotException(
          "uid \"" + uid + "\" cannot be an item id: it must match " + Ids.ITEM_ID_RULE);
    }
  }

  private void chat(Session s, Member m, CotEvent e) {
    String text = e.detail().child("remarks").map(Element::text).orElse("").trim();
    String room =
        e.detail()
            .child("__chat")
            .flatMap(c -> c.attr("id").or(() -> c.attr("chatroom")))
            .orElse("");
    Matcher join = JOIN.matcher(text);
    if (join.matches()) {
      String decision = join.group(3).toLowerCase(Locale.ROOT);
      JsonNode r =
          app.submit(
              m,
              new AnswerParticipation(
                  join.group(1), join.group(2), decision, java.util.OptionalInt.empty()));
      s.reply(
          e.uid(),
          true,
          "joint movement "
              + join.group(1)
              + "/"
              + join.group(2)
              + ": "
              + decision
              + "ed; it is "
              + r.path("status").asText(),
          "");
      return;
    }
    Matcher ack = ACK.matcher(text);
    if (ack.matches()) {
      acknowledge(
          s, m, e.uid(), ack.group(1), ack.group(2), ack.group(3), ack.group(4), ack.group(5));
      return;
    }
    if (room.startsWith("pair:") || room.startsWith("conflict:")) {
      s.posting(room, text);
      String id = "";
      try {
        id = app.submit(m, PostMessage.text(room, text)).path("id").asText();
      } finally {
        s.posted(id);
      }
      return;
    }
    s.reply(
        e.uid(),
        false,
        "chat room \""
            + room
            + "\" is not a hotline thread. Write in pair:A:B (party ids in alphabetical order) or"
            + " conflict:cf-N; to acknowledge alert al-N send: ACK al-N <start> <end> <lat>,<lon>",
        "");
  }

  private void delete(Session s, Member m, CotEvent e) {
    String uid = e.detail().child("link").flatMap(l -> l.attr("uid")).orElse(e.uid());
    if (untimed.remove(m.party() + "/" + uid) != null) {
      s.reply(e.uid(), true, "untimed route " + uid + " forgotten", "");
      return;
    }
    if (!Ids.isItemId(uid)) {
      return;
    }
    for (String kind : List.of("movement", "zone")) {
      try {
        app.submit(m, new CancelItem(kind, uid));
        s.reply(e.uid(), true, kind + " " + uid + " cancelled", "");
        return;
      } catch (ServiceException ex) {
        if (ex.kind() != ServiceException.Kind.NOT_FOUND) {
          throw ex;
        }
      }
    }
    // a deletion of something that is not one of the party's items: nothing to do
  }

  /** How many untimed routes are kept (for tests and the log). */
  int untimedRoutes() {
    return untimed.size();
  }
}
