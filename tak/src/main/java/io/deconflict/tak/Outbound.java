package io.deconflict.tak;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.command.Decimal;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.view.AlertView;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.CotException;
import io.deconflict.tak.cot.CotXml;
import io.deconflict.tak.cot.Element;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Builds the CoT events the listener sends: other parties' units, alert markers, GeoChat messages
 * (hotline messages and the service's replies), marker deletions, and the TAK protocol negotiation
 * events. Stateless.
 */
final class Outbound {

  /** The uid and callsign the service uses as a chat sender. */
  static final String SERVICE_UID = "deconflict";

  /** The chat room of the service's own replies. */
  static final String SERVICE_ROOM = "deconflict";

  /** How long a forwarded unit stays fresh on a TAK map without another report. */
  static final Duration UNIT_STALE = Duration.ofMinutes(2);

  private static final double U = CotEvent.UNKNOWN;

  private Outbound() {}

  /**
   * Another party's unit as an atom.
   *
   * @param report a report as journaled in {@code positions.report} ({@code unit, time, lon, lat,
   *     course?, speed?, accuracy?, cot?}; {@code cot.hae} and {@code cot.le} carry the altitude)
   * @param party the unit's party
   * @param affiliation the CoT affiliation letter the viewer sees it with
   * @param everything whether the party shares everything (then the unit's own detail, callsign and
   *     all, is passed on; else only position, motion and the unit id)
   */
  static CotEvent unit(
      ReportPositions.Report report,
      String party,
      String affiliation,
      boolean everything,
      Instant now) {
    String unit = report.unit();
    Instant time = report.time().value();
    Optional<ReportPositions.CotAppearance> cot = report.cot();
    String type = cot.map(ReportPositions.CotAppearance::type).orElse("");
    if (type.length() >= 3
        && type.startsWith("a-")
        && (type.length() == 3 || type.charAt(3) == '-')) {
      type = "a-" + affiliation + type.substring(3);
    } else {
      type = "a-" + affiliation + "-G";
    }
    Element detail = new Element("detail");
    Optional<String> kept = cot.flatMap(ReportPositions.CotAppearance::detail);
    if (everything && kept.isPresent()) {
      try {
        Element parsed = CotXml.parseDetail(kept.get());
        parsed.remove("track");
        parsed.remove("__deconflict");
        for (Element c : parsed.children()) {
          detail.add(c);
        }
      } catch (CotException e) {
        // journaled by us from a parsed event, so it parses; if not, send the plain atom
      }
    }
    if (detail.child("contact").isEmpty()) {
      String callsign =
          everything ? cot.flatMap(ReportPositions.CotAppearance::callsign).orElse(unit) : unit;
      detail.add("contact").attr("callsign", callsign);
    }
    if (report.course().isPresent() || report.speed().isPresent()) {
      detail
          .add("track")
          .attr("course", Double.toString(report.course().map(Decimal::value).orElse(0.0)))
          .attr("speed", Double.toString(report.speed().map(Decimal::value).orElse(0.0)));
    }
    detail.add("__deconflict").attr("party", party).attr("unit", unit);
    double ce = report.accuracy().map(Decimal::value).orElse(U);
    double hae = cot.flatMap(c -> boxed(c.hae())).orElse(U);
    double le = cot.flatMap(c -> boxed(c.le())).orElse(U);
    return new CotEvent(
        unit,
        type,
        "m-g",
        now,
        time,
        time.plus(UNIT_STALE),
        report.lat().value(),
        report.lon().value(),
        hae,
        ce,
        le,
        detail);
  }

  private static Optional<Double> boxed(OptionalDouble value) {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }

  /** The marker uid of an alert. */
  static String alertUid(String alertId) {
    return "deconflict.alert." + alertId;
  }

  /** An alert, as its recipient may see it, as a red spot marker at its location. */
  static CotEvent alertMarker(AlertView alert, Instant now) {
    String id = alert.id();
    Instant end = alert.end();
    Instant stale = (end.isAfter(now) ? end : now).plus(Duration.ofHours(1));
    Element detail = new Element("detail");
    detail.add("contact").attr("callsign", callsign(alert));
    detail.add("remarks").text(remarks(alert));
    detail.add("color").attr("argb", "-65536");
    detail.add("usericon").attr("iconsetpath", "COT_MAPPING_SPOTMAP/b-m-p-s-m/-65536");
    Element x =
        detail
            .add("__deconflict")
            .attr("alert", id)
            .attr("conflict", alert.conflictId())
            .attr("kind", alert.kind())
            .attr("state", alert.state())
            .attr("level", Integer.toString(alert.level()))
            .attr("start", alert.start().toString())
            .attr("end", end.toString());
    alert.other().flatMap(AlertView.Other::party).ifPresent(p -> x.attr("otherParty", p));
    alert.deadline().ifPresent(d -> x.attr("deadline", d.toString()));
    alert.lapsedSince().ifPresent(t -> x.attr("lapsed", "true").attr("lapsedSince", t.toString()));
    return new CotEvent(
        alertUid(id),
        "b-m-p-s-m",
        "h-g-i-g-o",
        now,
        now,
        stale,
        alert.location().lat(),
        alert.location().lon(),
        U,
        U,
        U,
        detail);
  }

  private static String callsign(AlertView alert) {
    String state = alert.state();
    return "CONFLICT "
        + alert.id()
        + (state.equals("open") ? " L" + alert.level() : " " + state.toUpperCase(Locale.ROOT));
  }

  /**
   * The chat line of a reconfirmation event (D36): {@code item.due} to the owner, {@code
   * item.lapsed} and {@code item.restored} to every party that sees the item.
   */
  static String reconfirmation(String type, JsonNode b) {
    String what =
        b.path("party").asText().toUpperCase(Locale.ROOT)
            + " "
            + b.path("kind").asText()
            + " "
            + b.path("id").asText();
    String confirmed = readable(Instant.parse(b.path("confirmedAt").asText()));
    return switch (type) {
      case "item.due" ->
          "reconfirm "
              + what
              + " by "
              + readable(Instant.parse(b.path("reconfirmBy").asText()))
              + " or it lapses (last confirmed "
              + confirmed
              + ")";
      case "item.lapsed" ->
          what
              + " LAPSED at "
              + readable(Instant.parse(b.path("lapsedSince").asText()))
              + ": not reconfirmed since "
              + confirmed
              + "; conflicts with it are still raised";
      default -> what + " is in force again (" + b.path("restoredBy").asText() + ")";
    };
  }

  /**
   * The chat line of a joint movement's event (D39): {@code movement.joint} to its participants (a
   * version to answer, or its cancellation), {@code movement.participation} to the lead and every
   * participant (an answer, and where the movement stands).
   */
  static String joint(String type, JsonNode b) {
    if (type.equals("movement.participation")) {
      JsonNode r = b.path("result");
      return r.path("participant").asText().toUpperCase(Locale.ROOT)
          + " "
          + (r.path("decision").asText().equals("accept") ? "accepted" : "declined")
          + " joint movement "
          + r.path("party").asText()
          + "/"
          + r.path("id").asText()
          + " (version "
          + r.path("version").asText()
          + "): it is "
          + r.path("status").asText();
    }
    String movement = b.path("party").asText() + "/" + b.path("id").asText();
    if (b.path("status").asText().equals("cancelled")) {
      return "joint movement " + movement + " was cancelled by its lead";
    }
    return b.path("party").asText().toUpperCase(Locale.ROOT)
        + " notified joint movement "
        + movement
        + " (version "
        + b.path("version").asText()
        + ", "
        + b.path("status").asText()
        + ") naming you; answer: JOIN "
        + movement
        + " accept (or decline)";
  }

  /**
   * An alert's resolution proposals (D41) as GeoChat text: what they say, then how to accept one
   * (over the API or the web map; TAK has no call for it) or propose it on the conflict's thread.
   */
  static String proposal(io.deconflict.service.view.ProposalView p) {
    StringBuilder r = new StringBuilder("Proposal: ").append(p.text());
    p.yours()
        .flatMap(s -> s.delayMinutes())
        .ifPresent(m -> r.append(" To accept, delay yours by ").append(m).append(" min."));
    p.theirs()
        .flatMap(s -> s.delayMinutes())
        .ifPresent(
            m ->
                r.append(" To ask them, send propose-delay ")
                    .append(m)
                    .append(" on the conflict's thread."));
    r.append(" ").append(io.deconflict.service.view.ProposalView.NOTICE);
    return r.toString();
  }

  /** The remarks of an alert marker: everything the recipient needs to read it back. */
  static String remarks(AlertView alert) {
    StringBuilder r = new StringBuilder();
    String id = alert.id();
    r.append("Deconfliction alert ").append(id).append(" (conflict ");
    r.append(alert.conflictId()).append(", ").append(alert.kind());
    Optional<AlertView.Other> other = alert.other();
    if (other.isPresent() && other.get().party().isPresent()) {
      r.append(", with ").append(other.get().party().get());
      other.get().item().ifPresent(item -> r.append(" ").append(item));
    }
    r.append("). Own item: ").append(alert.own().item());
    if (alert.own().item().contains("/")) {
      r.append(" (a joint movement you take part in)");
    }
    r.append(". ");
    alert
        .lapsedSince()
        .ifPresent(
            t ->
                r.append("The site or zone LAPSED (not reconfirmed) at ")
                    .append(readable(t))
                    .append("; the conflict stands. "));
    r.append("Loss of separation from ").append(readable(alert.start()));
    r.append(" to ").append(readable(alert.end())).append(" at lat ");
    r.append(
        String.format(
            Locale.ROOT, "%.5f lon %.5f", alert.location().lat(), alert.location().lon()));
    alert
        .closest()
        .ifPresent(
            closest -> {
              r.append("; closest ").append(meters(closest.distanceMeters())).append(" m at ");
              r.append(readable(closest.time()));
            });
    alert
        .live()
        .ifPresent(
            live -> {
              r.append("; live at ").append(live.at().map(Outbound::readable).orElse(""));
              r.append(": level ").append(live.level().orElse(""));
              live.distanceNowMeters()
                  .ifPresent(d -> r.append(", ").append(meters(d)).append(" m apart"));
              if (live.timeToClosestSeconds().isPresent()
                  && live.distanceAtClosestMeters().isPresent()) {
                r.append(", closest ").append(meters(live.distanceAtClosestMeters().getAsDouble()));
                r.append(" m in ").append(Math.round(live.timeToClosestSeconds().getAsDouble()));
                r.append(" s");
              }
            });
    formation(alert, r);
    alert
        .linked()
        .ifPresent(
            l -> {
              if (l.plannedClosest().isPresent()) {
                r.append(". Planned to cross at ").append(readable(l.plannedClosest().get()));
                r.append(", now closing (planned conflict alert ").append(l.alert()).append(')');
              } else {
                r.append(". Now closing live: alert ").append(l.alert());
              }
            });
    r.append(". State ").append(alert.state());
    if (alert.state().equals("open")) {
      r.append(", level ").append(alert.level());
      alert.deadline().ifPresent(d -> r.append(", escalates at ").append(readable(d)));
      r.append(". To acknowledge, send in chat: ACK ").append(id);
      r.append(" <start> <end> <lat>,<lon> as you read them above.");
    } else {
      r.append('.');
    }
    r.append(" Acknowledging means seen, never approved.");
    return r.toString();
  }

  /**
   * The units of a formation alert (D29): the recipient's own, and the other side's by id as far as
   * shared, else how many.
   */
  private static void formation(AlertView alert, StringBuilder r) {
    Optional<AlertView.Live> live = alert.live();
    if (live.isEmpty() || !live.get().json().has("ownUnits")) {
      return;
    }
    JsonNode l = live.get().json();
    r.append("; units ").append(join(l.path("ownUnits")));
    r.append(" against ");
    if (l.has("otherUnits")) {
      r.append(join(l.path("otherUnits")));
    } else {
      r.append(l.path("otherUnitCount").asInt()).append(" units");
    }
    r.append(", closest pair ").append(l.path("closestPair").path("own").asText());
    if (l.path("closestPair").has("other")) {
      r.append(" - ").append(l.path("closestPair").path("other").asText());
    }
  }

  private static String join(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }

  /** An instant as a person reads it aloud: UTC to the second, rounded to the nearest second. */
  static String readable(Instant instant) {
    return instant.plusMillis(500).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * An instant as a person reads it aloud: UTC to the second ({@code 2027-10-08T08:39:43Z}),
   * rounded to the nearest second; text that is not an instant is kept as it is.
   */
  static String readable(String instant) {
    try {
      return readable(Instant.parse(instant));
    } catch (RuntimeException e) {
      return instant;
    }
  }

  /** Metres to the metre. */
  private static String meters(double value) {
    return Long.toString(Math.round(value));
  }

  /** Removes a marker from TAK maps ({@code t-x-d-d}). */
  static CotEvent delete(String uid, Instant now) {
    Element detail = new Element("detail");
    detail.add("link").attr("uid", uid).attr("relation", "none").attr("type", "none");
    detail.add("__forcedelete");
    return new CotEvent(
        uid,
        "t-x-d-d",
        "h-g-i-g-o",
        now,
        now,
        now.plus(Duration.ofMinutes(1)),
        0,
        0,
        U,
        U,
        U,
        detail);
  }

  /**
   * A GeoChat message ({@code b-t-f}).
   *
   * @param room the chat room id (a hotline thread, or {@link #SERVICE_ROOM})
   * @param messageId unique per message, across connections and restarts
   * @param senderUid the sender's uid
   * @param senderCallsign how the sender is shown
   * @param toUid the recipient's contact uid, or empty
   * @param text the message
   */
  static CotEvent chat(
      String room,
      String messageId,
      String senderUid,
      String senderCallsign,
      String toUid,
      String text,
      Instant now,
      Element extension) {
    Element detail = new Element("detail");
    Element chat =
        detail
            .add("__chat")
            .attr("parent", "RootContactGroup")
            .attr("groupOwner", "false")
            .attr("messageId", messageId)
            .attr("chatroom", room)
            .attr("id", room)
            .attr("senderCallsign", senderCallsign);
    chat.add("chatgrp").attr("uid0", senderUid).attr("uid1", toUid).attr("id", room);
    detail.add("link").attr("uid", senderUid).attr("type", "a-f-G-U-C").attr("relation", "p-p");
    detail
        .add("remarks")
        .attr("source", "BAO.F.ATAK." + senderUid)
        .attr("to", toUid)
        .attr("time", CotEvent.cotTime(now))
        .text(text);
    detail.add(extension);
    return new CotEvent(
        "GeoChat." + senderUid + "." + room + "." + messageId,
        "b-t-f",
        "h-g-i-g-o",
        now,
        now,
        now.plus(Duration.ofDays(1)),
        0,
        0,
        U,
        U,
        U,
        detail);
  }

  /**
   * The service's answer to an event a client sent: a chat line from {@link #SERVICE_UID} with a
   * {@code <__deconflict reply="ok|error" ref=... field=...>} a program can read.
   */
  static CotEvent reply(
      String ref, boolean ok, String text, String field, String toUid, Instant now) {
    Element x = new Element("__deconflict").attr("reply", ok ? "ok" : "error").attr("ref", ref);
    if (!field.isEmpty()) {
      x.attr("field", field);
    }
    // a fresh UUID, as ATAK names its own chat messages: a device keeps chat across connections
    // and server restarts, so a counter would name two different lines alike
    String id = UUID.randomUUID().toString();
    return chat(SERVICE_ROOM, id, SERVICE_UID, SERVICE_UID, toUid, text, now, x);
  }

  /** The uid of the answer to a ping, as TAK Server sends it. */
  static final String PONG_UID = "takPong";

  /**
   * The server's offer of TAK protocol version 1 ({@code t-x-takp-v}), sent on connect, with the
   * server's version ({@code <TakServerVersionInfo serverVersion apiVersion>}) as TAK Server sends
   * it.
   */
  static CotEvent protocolSupport(Instant now) {
    Element detail = new Element("detail");
    Element control = detail.add("TakControl");
    control.add("TakProtocolSupport").attr("version", "1");
    control
        .add("TakServerVersionInfo")
        .attr("serverVersion", ServerVersion.text())
        .attr("apiVersion", ServerVersion.API_VERSION);
    return control(SERVICE_UID + ".t-x-takp-v", "t-x-takp-v", now, detail);
  }

  /**
   * The answer to a client's request to switch protocol ({@code t-x-takp-r}); it reuses the
   * request's uid, as the TAK protocol description says the server shall.
   */
  static CotEvent protocolResponse(boolean accepted, String requestUid, Instant now) {
    Element detail = new Element("detail");
    detail.add("TakControl").add("TakResponse").attr("status", Boolean.toString(accepted));
    return control(requestUid, "t-x-takp-r", now, detail);
  }

  /** The answer to a client's ping ({@code t-x-c-t-r}), with TAK Server's uid {@code takPong}. */
  static CotEvent pong(Instant now) {
    return control(PONG_UID, "t-x-c-t-r", now, new Element("detail"));
  }

  private static CotEvent control(String uid, String type, Instant now, Element detail) {
    return new CotEvent(
        uid, type, "m-g", now, now, now.plus(Duration.ofMinutes(1)), 0, 0, 0, U, U, detail);
  }
}
