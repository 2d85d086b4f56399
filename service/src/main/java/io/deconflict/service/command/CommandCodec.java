package io.deconflict.service.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.service.Json;
import io.deconflict.service.OutcomeSettings;
import io.deconflict.service.ServiceException;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.hotline.CodedMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Commands as JSON: the bodies clients send and the journal keeps. {@link #decode} reads a body
 * (every error a {@link ServiceException} naming the field as a JSON pointer, with the messages the
 * service has always given) and {@link #encode} writes a command's body as the journal records it:
 * fields in a fixed order (the order clients and the journal have always used: what was asked, then
 * the id the path named), a number as the integer or decimal it is, durations as written. Fields
 * the service does not read are not kept.
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandCodec {

  /** Every command type, replayed on restart; every other journaled type is derived. */
  public static final Set<String> TYPES =
      Set.of(
          SetAgreement.TYPE,
          SuspendAgreement.TYPE,
          ResumeAgreement.TYPE,
          NotifyItem.TYPE,
          CancelItem.TYPE,
          ReconfirmItem.TYPE,
          AnswerParticipation.TYPE,
          AcknowledgeAlert.TYPE,
          DeconflictAlert.TYPE,
          Tick.TYPE,
          PostMessage.TYPE,
          RecordIncident.TYPE,
          ReviseIncident.TYPE,
          AccountIncident.TYPE,
          ReportPositions.TYPE,
          RevokeTokens.TYPE,
          RecordRefusedSignIn.TYPE,
          ChangeSettings.TYPE,
          DeclareFormation.TYPE,
          FindConflict.TYPE);

  private CommandCodec() {}

  /**
   * Reads a command body of {@code type}.
   *
   * @throws ServiceException if the body is not a valid command of that type
   * @throws IllegalArgumentException if {@code type} is not a command type
   */
  public static Command decode(String type, JsonNode body) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not a command type: " + type);
    }
    if (type.equals(Tick.TYPE)) {
      return new Tick();
    }
    if (type.equals(FindConflict.TYPE)) {
      return findConflict(body);
    }
    if (type.equals(ChangeSettings.TYPE)) {
      return new ChangeSettings(OutcomeSettings.fromJson(body));
    }
    Json.requireObject(body, "");
    switch (type) {
      case SetAgreement.TYPE:
        return setAgreement(body);
      case SuspendAgreement.TYPE:
        return new SuspendAgreement(Json.text(body, "id", ""), optionalText(body, "reason"));
      case ResumeAgreement.TYPE:
        return new ResumeAgreement(Json.text(body, "id", ""), optionalText(body, "reason"));
      case NotifyItem.TYPE:
        return notifyItem(body);
      case CancelItem.TYPE:
        return new CancelItem(Json.text(body, "kind", ""), Json.text(body, "id", ""));
      case ReconfirmItem.TYPE:
        return new ReconfirmItem(Json.text(body, "kind", ""), Json.text(body, "id", ""));
      case AnswerParticipation.TYPE:
        return participation(body);
      case AcknowledgeAlert.TYPE:
        return acknowledge(body);
      case DeconflictAlert.TYPE:
        return new DeconflictAlert(Json.text(body, "alert", ""), optionalText(body, "note"));
      case ReportPositions.TYPE:
        return reports(body);
      case PostMessage.TYPE:
        return message(body);
      case RecordIncident.TYPE:
        return new RecordIncident(incident(body));
      case ReviseIncident.TYPE:
        String id = Json.text(body, "id", "");
        return new ReviseIncident(id, incident(body));
      case AccountIncident.TYPE:
        String incident = Json.text(body, "id", "");
        return new AccountIncident(incident, Json.text(body, "text", ""));
      case RevokeTokens.TYPE:
        JsonNode hashes = body.path("tokens");
        if (!hashes.isArray()) {
          throw ServiceException.invalid("/tokens", "/tokens must be an array of SHA-256 hashes");
        }
        return new RevokeTokens(
            Json.text(body, "member", ""), texts(hashes), optionalText(body, "reason"));
      case RecordRefusedSignIn.TYPE:
        return new RecordRefusedSignIn(
            Json.text(body, "transport", ""),
            Json.text(body, "reason", ""),
            optionalText(body, "member"),
            body.path("from").asText(""),
            body.path("where").asText(""),
            body.path("suppressed").asLong(0));
      case DeclareFormation.TYPE:
        return declareFormation(body);
      default:
        throw new IllegalArgumentException("not a command type: " + type);
    }
  }

  /** A {@code movement.participation} body: party, id, decision and optionally version. */
  private static AnswerParticipation participation(JsonNode body) {
    JsonNode version = body.path("version");
    OptionalInt v = OptionalInt.empty();
    if (!version.isMissingNode() && !version.isNull()) {
      if (!version.isIntegralNumber() || !version.canConvertToInt()) {
        throw ServiceException.invalid(
            "/version", "/version must be a whole version number, got " + version);
      }
      v = OptionalInt.of(version.intValue());
    }
    return new AnswerParticipation(
        Json.text(body, "party", ""),
        Json.text(body, "id", ""),
        Json.text(body, "decision", ""),
        v);
  }

  /** The command's body as the journal records it (without the {@code result} it gets there). */
  public static ObjectNode encode(Command command) {
    ObjectNode out = Json.object();
    if (command instanceof SetAgreement c) {
      ArrayNode parties = out.putArray("parties");
      c.parties().forEach(parties::add);
      c.effectiveFrom().ifPresent(t -> out.put("effectiveFrom", t.text()));
      c.separationMeters().ifPresent(m -> out.set("separationMeters", number(m)));
      c.verticalSeparationMeters().ifPresent(m -> out.set("verticalSeparationMeters", number(m)));
      c.minimumNotice().ifPresent(d -> out.put("minimumNotice", d.text()));
      c.emergencyNotice().ifPresent(d -> out.put("emergencyNotice", d.text()));
      c.acknowledgeWithin().ifPresent(d -> out.put("acknowledgeWithin", d.text()));
      c.escalation()
          .ifPresent(
              steps -> {
                ArrayNode a = out.putArray("escalation");
                steps.forEach(d -> a.add(d.text()));
              });
      if (!c.sharing().isEmpty()) {
        ObjectNode sharing = out.putObject("sharing");
        c.sharing().forEach((party, level) -> sharing.put(party, level.wireName()));
      }
      c.reconfirmEvery().ifPresent(d -> out.put("reconfirmEvery", d.text()));
      c.reconfirmWarnBefore().ifPresent(d -> out.put("reconfirmWarnBefore", d.text()));
      c.id().ifPresent(id -> out.put("id", id));
    } else if (command instanceof SuspendAgreement c) {
      c.reason().ifPresent(r -> out.put("reason", r));
      out.put("id", c.id());
    } else if (command instanceof ResumeAgreement c) {
      c.reason().ifPresent(r -> out.put("reason", r));
      out.put("id", c.id());
    } else if (command instanceof NotifyItem c) {
      out.put("kind", c.kind()).put("replace", c.replace());
      c.emergency().ifPresent(e -> out.put("emergency", e));
      out.set("feature", c.feature());
    } else if (command instanceof CancelItem c) {
      out.put("kind", c.kind()).put("id", c.id());
    } else if (command instanceof ReconfirmItem c) {
      out.put("kind", c.kind()).put("id", c.id());
    } else if (command instanceof AnswerParticipation c) {
      out.put("party", c.party()).put("id", c.id()).put("decision", c.decision());
      c.version().ifPresent(v -> out.put("version", v));
    } else if (command instanceof AcknowledgeAlert c) {
      c.readBack()
          .ifPresent(
              r -> {
                ObjectNode readBack = out.putObject("readBack");
                readBack.put("start", r.start().text());
                readBack.put("end", r.end().text());
                readBack.set("place", place(r.place()));
              });
      out.put("alert", c.alert());
    } else if (command instanceof DeconflictAlert c) {
      c.note().ifPresent(n -> out.put("note", n));
      out.put("alert", c.alert());
    } else if (command instanceof ReportPositions c) {
      ArrayNode reports = out.putArray("reports");
      c.reports().forEach(r -> reports.add(report(r)));
    } else if (command instanceof PostMessage c) {
      c.text().ifPresent(t -> out.put("text", t));
      c.coded().ifPresent(m -> out.setAll(m.toJson()));
      out.put("thread", c.thread());
    } else if (command instanceof RecordIncident c) {
      incident(c.report(), out);
    } else if (command instanceof ReviseIncident c) {
      incident(c.report(), out);
      out.put("id", c.id());
    } else if (command instanceof AccountIncident c) {
      out.put("text", c.text()).put("id", c.id());
    } else if (command instanceof RevokeTokens c) {
      out.put("member", c.member());
      ArrayNode tokens = out.putArray("tokens");
      c.tokens().forEach(tokens::add);
      c.reason().ifPresent(r -> out.put("reason", r));
    } else if (command instanceof RecordRefusedSignIn c) {
      out.put("transport", c.transport()).put("reason", c.reason());
      c.member().ifPresent(m -> out.put("member", m));
      out.put("from", c.from()).put("where", c.where()).put("suppressed", c.suppressed());
    } else if (command instanceof ChangeSettings c) {
      out.setAll(c.settings().toJson());
    } else if (command instanceof DeclareFormation c) {
      ArrayNode units = out.putArray("units");
      c.units().forEach(units::add);
      out.put("id", c.id());
    } else if (command instanceof FindConflict c) {
      out.put("kind", c.kind().wireName()).put("a", c.a()).put("b", c.b());
      out.put("start", c.start().toString());
    } else if (!(command instanceof Tick)) {
      throw new IllegalArgumentException("not a command: " + command);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  private static FindConflict findConflict(JsonNode body) {
    String wire = body.path("kind").asText("");
    ConflictKind kind = null;
    for (ConflictKind k : ConflictKind.values()) {
      if (k.wireName().equals(wire)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw ServiceException.invalid(
          "/kind", "/kind must be a conflict kind, got " + body.path("kind"));
    }
    Instant start;
    try {
      start = Instant.parse(body.path("start").asText(""));
    } catch (DateTimeParseException e) {
      throw ServiceException.invalid(
          "/start", "/start must be an ISO-8601 instant, got " + body.path("start"));
    }
    try {
      return new FindConflict(kind, body.path("a").asText(""), body.path("b").asText(""), start);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("/a", "/a and /b: " + e.getMessage());
    }
  }

  private static DeclareFormation declareFormation(JsonNode body) {
    JsonNode units = body.path("units");
    if (!units.isArray()) {
      throw ServiceException.invalid(
          "/units", "/units must be an array of the group's unit ids (empty to disband it)");
    }
    List<String> ids = new ArrayList<>(units.size());
    for (int i = 0; i < units.size(); i++) {
      JsonNode u = units.get(i);
      if (!u.isTextual()) {
        throw ServiceException.invalid("/units/" + i, "/units/" + i + " must be a unit id string");
      }
      ids.add(u.textValue());
    }
    return new DeclareFormation(Json.text(body, "id", ""), ids);
  }

  private static SetAgreement setAgreement(JsonNode body) {
    Optional<String> id = optionalText(body, "id");
    JsonNode partiesNode = body.path("parties");
    if (!partiesNode.isArray()) {
      throw ServiceException.invalid("/parties", "/parties must be an array of party ids");
    }
    List<String> parties = texts(partiesNode);
    Map<String, Sharing> sharing = new LinkedHashMap<>();
    JsonNode sharingNode = body.path("sharing");
    if (!sharingNode.isMissingNode() && !sharingNode.isObject()) {
      throw ServiceException.invalid("/sharing", "/sharing must map party ids to levels");
    }
    for (Map.Entry<String, JsonNode> e : sharingNode.properties()) {
      try {
        sharing.put(e.getKey(), Sharing.parse(e.getValue().asText("")));
      } catch (IllegalArgumentException ex) {
        throw ServiceException.invalid("/sharing/" + e.getKey(), String.valueOf(ex.getMessage()));
      }
    }
    Optional<List<IsoDuration>> escalation = Optional.empty();
    JsonNode esc = body.path("escalation");
    if (!esc.isMissingNode()) {
      if (!esc.isArray()) {
        throw ServiceException.invalid(
            "/escalation", "/escalation must be an array of two ISO-8601 durations");
      }
      List<IsoDuration> steps = new ArrayList<>();
      for (int i = 0; i < esc.size(); i++) {
        ObjectNode holder = Json.object();
        holder.set(String.valueOf(i), esc.get(i));
        steps.add(
            duration(holder, String.valueOf(i), "/escalation")
                .orElse(IsoDuration.of(Duration.ZERO)));
      }
      escalation = Optional.of(steps);
    }
    Optional<IsoInstant> effectiveFrom =
        body.has("effectiveFrom")
            ? Optional.of(instant(body, "effectiveFrom", ""))
            : Optional.empty();
    Optional<Decimal> separation = optionalNumber(body, "separationMeters", "");
    Optional<Decimal> vertical = optionalNumber(body, "verticalSeparationMeters", "");
    return new SetAgreement(
        id,
        parties,
        effectiveFrom,
        separation,
        duration(body, "minimumNotice", ""),
        duration(body, "emergencyNotice", ""),
        duration(body, "acknowledgeWithin", ""),
        escalation,
        sharing,
        duration(body, "reconfirmEvery", ""),
        duration(body, "reconfirmWarnBefore", ""),
        vertical);
  }

  private static NotifyItem notifyItem(JsonNode body) {
    String kind = Json.text(body, "kind", "");
    boolean replace = Json.bool(body, "replace", "", false);
    Optional<Boolean> emergency =
        present(body, "emergency")
            ? Optional.of(Json.bool(body, "emergency", "", false))
            : Optional.empty();
    JsonNode feature = body.path("feature");
    if (!feature.isObject()) {
      throw ServiceException.invalid("/feature", "/feature must be a GeoJSON Feature object");
    }
    return new NotifyItem(kind, replace, emergency, (ObjectNode) feature);
  }

  private static AcknowledgeAlert acknowledge(JsonNode body) {
    String alert = Json.text(body, "alert", "");
    JsonNode readBack = body.path("readBack");
    if (!readBack.isObject()) {
      return new AcknowledgeAlert(alert, Optional.empty()); // refused once the alert is found
    }
    return new AcknowledgeAlert(
        alert,
        new ReadBack(
            instant(readBack, "start", "/readBack"),
            instant(readBack, "end", "/readBack"),
            place(readBack, "place", "/readBack")));
  }

  private static ReportPositions reports(JsonNode body) {
    JsonNode list = body.path("reports");
    if (!list.isArray()) {
      throw ServiceException.invalid("/reports", "/reports must be an array of position reports");
    }
    ReportPositions.requireAtMostMax(list.size());
    List<ReportPositions.Report> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "/reports/" + i;
      JsonNode r = Json.requireObject(list.get(i), at);
      String unit = Json.text(r, "unit", at);
      Ids.requireUnitId(unit, at + "/unit");
      IsoInstant time = instant(r, "time", at);
      Decimal lon = requiredNumber(r, "lon", at);
      Decimal lat = requiredNumber(r, "lat", at);
      out.add(
          new ReportPositions.Report(
              unit,
              time,
              lon,
              lat,
              optionalNumber(r, "course", at),
              optionalNumber(r, "speed", at),
              optionalNumber(r, "accuracy", at),
              present(r, "movement") ? Optional.of(Json.text(r, "movement", at)) : Optional.empty(),
              cot(r.path("cot")),
              optionalNumber(r, "hae", at)));
    }
    return new ReportPositions(out);
  }

  /** How a unit looked on CoT, read as leniently as the TAK listener reads it back. */
  private static Optional<ReportPositions.CotAppearance> cot(JsonNode cot) {
    if (!cot.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new ReportPositions.CotAppearance(
            cot.path("type").asText(""),
            cot.path("hae").isNumber()
                ? OptionalDouble.of(cot.path("hae").asDouble())
                : OptionalDouble.empty(),
            cot.path("le").isNumber()
                ? OptionalDouble.of(cot.path("le").asDouble())
                : OptionalDouble.empty(),
            cot.path("callsign").isTextual()
                ? Optional.of(cot.path("callsign").asText())
                : Optional.empty(),
            cot.path("detail").isTextual()
                ? Optional.of(cot.path("detail").asText())
                : Optional.empty()));
  }

  private static PostMessage message(JsonNode body) {
    String thread = Json.text(body, "thread", "");
    boolean hasText = body.has("text");
    boolean hasCode = body.has("code");
    PostMessage.requireOneOf(hasText, hasCode);
    if (hasText) {
      return PostMessage.text(thread, Json.text(body, "text", ""));
    }
    CodedMessage coded;
    try {
      coded = CodedMessage.parse(Json.text(body, "code", ""), body.path("params"));
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(
          String.valueOf(e.getMessage()).startsWith("params") ? "/params" : "/code",
          String.valueOf(e.getMessage()));
    }
    return PostMessage.coded(thread, coded);
  }

  private static IncidentReport incident(JsonNode body) {
    String kind = Json.text(body, "kind", "");
    IsoInstant time = instant(body, "time", "");
    Place place = place(body, "place", "");
    Optional<String> summary = optionalText(body, "summary");
    JsonNode ps = body.path("parties");
    if (!ps.isArray() || ps.isEmpty()) {
      throw ServiceException.invalid("/parties", "/parties must list the parties involved");
    }
    List<String> parties = texts(ps);
    Optional<List<String>> conflicts = ids(body, "conflicts");
    Optional<List<String>> alerts = ids(body, "alerts");
    Optional<List<IncidentReport.Source>> sources = Optional.empty();
    JsonNode in = body.path("sources");
    if (!in.isMissingNode()) {
      if (!in.isArray()) {
        throw ServiceException.invalid("/sources", "/sources must be an array");
      }
      List<IncidentReport.Source> list = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        String at = "/sources/" + i;
        JsonNode s = Json.requireObject(in.get(i), at);
        Optional<String> credibility =
            Optional.of(Json.text(s, "credibility", at, "")).filter(c -> !c.isEmpty());
        String reportedBy = Json.text(s, "reportedBy", at);
        Optional<String> link = Optional.of(Json.text(s, "link", at, "")).filter(l -> !l.isEmpty());
        list.add(new IncidentReport.Source(reportedBy, credibility, link));
      }
      sources = Optional.of(list);
    }
    return new IncidentReport(kind, time, place, summary, parties, conflicts, alerts, sources);
  }

  private static Optional<List<String>> ids(JsonNode body, String field) {
    JsonNode in = body.path(field);
    if (in.isMissingNode()) {
      return Optional.empty();
    }
    if (!in.isArray()) {
      throw ServiceException.invalid("/" + field, "/" + field + " must be an array of ids");
    }
    return Optional.of(texts(in));
  }

  /** The elements of an array as text ({@code ""} for what is not a scalar). */
  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(n.asText("")));
    return out;
  }

  private static boolean present(JsonNode body, String name) {
    JsonNode node = body.path(name);
    return !node.isMissingNode() && !node.isNull();
  }

  private static Optional<String> optionalText(JsonNode body, String name) {
    return present(body, name) ? Optional.of(Json.text(body, name, "")) : Optional.empty();
  }

  private static Optional<IsoDuration> duration(JsonNode body, String name, String pointer) {
    if (!present(body, name)) {
      return Optional.empty();
    }
    Json.duration(body, name, pointer, Duration.ZERO); // the same refusals as ever
    return Optional.of(new IsoDuration(body.path(name).textValue()));
  }

  /** An instant, checked as {@link Json#instant(JsonNode, String, String)} does, as written. */
  private static IsoInstant instant(JsonNode parent, String name, String pointer) {
    Json.instant(parent, name, pointer);
    return new IsoInstant(parent.path(name).textValue());
  }

  private static Decimal requiredNumber(JsonNode r, String field, String at) {
    if (!r.path(field).isNumber()) {
      throw ServiceException.invalid(at + "/" + field, at + "/" + field + " must be a number");
    }
    return decimal(r.path(field), Json.number(r, field, at, 0));
  }

  private static Optional<Decimal> optionalNumber(JsonNode r, String field, String at) {
    return present(r, field)
        ? Optional.of(decimal(r.path(field), Json.number(r, field, at, 0)))
        : Optional.empty();
  }

  /** A checked number as written: whole if the JSON wrote it as an integer. */
  private static Decimal decimal(JsonNode node, double value) {
    return new Decimal(value, node.isIntegralNumber());
  }

  /** A {@code [lon, lat]} pair, checked as {@link Json#point(JsonNode, String, String)} does. */
  private static Place place(JsonNode parent, String name, String pointer) {
    Json.point(parent, name, pointer);
    JsonNode node = parent.path(name);
    return new Place(
        decimal(node.get(0), node.get(0).doubleValue()),
        decimal(node.get(1), node.get(1).doubleValue()));
  }

  // ---------------------------------------------------------------------------------------------
  // writing

  /** A number as it was written: {@code 90} or {@code 90.0}. */
  private static JsonNode number(Decimal d) {
    if (!d.whole()) {
      return JsonNodeFactory.instance.numberNode(d.value());
    }
    return JsonNodeFactory.instance.numberNode(BigDecimal.valueOf(d.value()).toBigInteger());
  }

  private static ArrayNode place(Place p) {
    ArrayNode a = Json.array();
    a.add(number(p.lon()));
    a.add(number(p.lat()));
    return a;
  }

  private static ObjectNode report(ReportPositions.Report r) {
    ObjectNode out = Json.object();
    out.put("unit", r.unit()).put("time", r.time().text());
    out.set("lon", number(r.lon()));
    out.set("lat", number(r.lat()));
    r.course().ifPresent(v -> out.set("course", number(v)));
    r.speed().ifPresent(v -> out.set("speed", number(v)));
    r.accuracy().ifPresent(v -> out.set("accuracy", number(v)));
    r.movement().ifPresent(v -> out.put("movement", v));
    r.hae().ifPresent(v -> out.set("hae", number(v)));
    r.cot()
        .ifPresent(
            c -> {
              ObjectNode cot = out.putObject("cot");
              cot.put("type", c.type());
              c.hae().ifPresent(v -> cot.put("hae", v));
              c.le().ifPresent(v -> cot.put("le", v));
              c.callsign().ifPresent(v -> cot.put("callsign", v));
              c.detail().ifPresent(v -> cot.put("detail", v));
            });
    return out;
  }

  private static void incident(IncidentReport r, ObjectNode out) {
    out.put("kind", r.kind()).put("time", r.time().text());
    out.set("place", place(r.place()));
    r.summary().ifPresent(s -> out.put("summary", s));
    ArrayNode parties = out.putArray("parties");
    r.parties().forEach(parties::add);
    r.conflicts()
        .ifPresent(
            list -> {
              ArrayNode a = out.putArray("conflicts");
              list.forEach(a::add);
            });
    r.alerts()
        .ifPresent(
            list -> {
              ArrayNode a = out.putArray("alerts");
              list.forEach(a::add);
            });
    r.sources()
        .ifPresent(
            list -> {
              ArrayNode a = out.putArray("sources");
              for (IncidentReport.Source s : list) {
                ObjectNode source = a.addObject().put("reportedBy", s.reportedBy());
                s.credibility().ifPresent(c -> source.put("credibility", c));
                s.link().ifPresent(l -> source.put("link", l));
              }
            });
  }
}
