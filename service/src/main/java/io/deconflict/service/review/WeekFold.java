package io.deconflict.service.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.Viewer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One review being folded: the facts one viewer was told, in journal order, up to the end of the
 * week, handed to the tallies of each section. The caller hands only facts the viewer was told
 * ({@link Viewer#told}); the fold never sees another's.
 *
 * <p>Not thread-safe. Memory: the agreement's versions, the alerts, incidents and lapses concerning
 * its parties, and the current route of each own movement.
 */
final class WeekFold {

  /** Types that matter when told before the week starts (their state carries into the week). */
  static final Set<String> BEFORE_THE_WEEK =
      Set.of(
          Deconfliction.AGREEMENT_SET,
          Deconfliction.AGREEMENT_SUSPEND,
          Deconfliction.AGREEMENT_RESUME,
          Deconfliction.ITEM_NOTIFY,
          Deconfliction.ITEM_CANCEL,
          Deconfliction.ALERT_RAISED,
          Deconfliction.ALERT_ESCALATED,
          Deconfliction.ALERT_OVERDUE,
          Deconfliction.ALERT_ACKNOWLEDGE,
          Deconfliction.ALERT_RESOLVED,
          Deconfliction.INCIDENT_RECORD,
          Deconfliction.INCIDENT_REVISE,
          Deconfliction.INCIDENT_ACCOUNT,
          Deconfliction.ITEM_LAPSED,
          Deconfliction.ITEM_RESTORED);

  private final Scope scope;
  private final Viewer viewer;
  private final NoticeTally notices;
  private final AlertTally alerts;
  private final ContactTally contacts;
  private final LapseTally lapses;
  private final OffRoute offRoute;

  WeekFold(String agreement, IsoWeek week, Viewer viewer, Function<String, String> partyOf) {
    this.scope = new Scope(agreement, week);
    this.viewer = viewer;
    this.notices = new NoticeTally(scope);
    this.alerts = new AlertTally(scope);
    this.contacts = new ContactTally(scope, partyOf);
    this.lapses = new LapseTally(scope);
    this.offRoute = new OffRoute(scope);
  }

  /** Whether the viewer was told of any version of the agreement. */
  boolean known() {
    return scope.known();
  }

  /** Folds one fact the viewer was told, journaled before the end of the week. */
  void apply(Event e, Ref ref) {
    switch (e.type()) {
      case Deconfliction.AGREEMENT_SET,
          Deconfliction.AGREEMENT_SUSPEND,
          Deconfliction.AGREEMENT_RESUME ->
          scope.version(e.body().path("result"), ref);
      case Deconfliction.ITEM_NOTIFY -> {
        String party = owner(e);
        if (!party.isEmpty()) {
          notices.notified(e, party, ref);
          offRoute.notified(e, party, ref);
        }
      }
      case Deconfliction.ITEM_CANCEL -> {
        String party = owner(e);
        if (!party.isEmpty()) {
          notices.cancelled(e, party);
          offRoute.cancelled(e, party);
        }
      }
      case Deconfliction.NOTICE_LATE -> notices.noticeLate(e, viewer.isOperators(), ref);
      case Deconfliction.ALERT_RAISED -> alerts.raised(e, ref);
      case Deconfliction.ALERT_ESCALATED -> alerts.escalated(e, ref);
      case Deconfliction.ALERT_OVERDUE -> alerts.overdue(e, ref);
      case Deconfliction.ALERT_ACKNOWLEDGE -> alerts.acknowledged(e, ref);
      case Deconfliction.ALERT_RESOLVED -> alerts.resolved(e);
      case Deconfliction.HOTLINE_POST -> contacts.posted(e);
      case Deconfliction.INCIDENT_RECORD, Deconfliction.INCIDENT_REVISE -> contacts.recorded(e);
      case Deconfliction.INCIDENT_ACCOUNT -> contacts.account(e);
      case Deconfliction.ITEM_LAPSED -> lapses.lapsed(e, ref);
      case Deconfliction.ITEM_RESTORED -> lapses.restored(e, ref);
      case Deconfliction.POSITIONS_REPORT -> {
        String party = owner(e);
        if (!party.isEmpty()) {
          offRoute.reported(e, party, ref);
        }
      }
      default -> {
        // not part of the review
      }
    }
  }

  /** The party an own command's fact is told to alone (notifications, cancels, reports). */
  private static String owner(Event e) {
    Set<String> parties = e.audience().parties();
    return parties.size() == 1 && !e.audience().operators() ? parties.iterator().next() : "";
  }

  /** The review as the contract of {@code docs/api.md} ("Weekly review") has it. */
  ObjectNode toJson(long position, boolean complete) {
    List<Scope.Version> during = scope.inForceDuring();
    Scope.Version terms =
        during.isEmpty()
            ? scope.versions().get(scope.versions().size() - 1)
            : during.get(during.size() - 1);
    ObjectNode out = Json.object();
    out.put("agreement", scope.agreement).put("agreementVersion", terms.version());
    scope.parties().forEach(out.putArray("parties")::add);
    out.put("week", scope.week.toString());
    out.put("from", scope.from.toString()).put("until", scope.until.toString());
    out.put("viewer", viewer.name()).put("position", position).put("complete", complete);
    out.set("terms", terms(terms.json()));
    ArrayNode versions = out.putArray("versions");
    for (Scope.Version v : during) {
      ObjectNode n = versions.addObject();
      n.setAll(v.json().deepCopy());
      n.set("record", v.ref().toJson());
    }
    out.set("notifications", notices.toJson());
    ArrayNode places = Json.MAPPER.createArrayNode();
    out.set("conflicts", alerts.conflictsJson(places));
    out.set("alerts", alerts.alertsJson());
    out.set("escalations", alerts.escalationsJson());
    out.set("hotline", contacts.hotlineJson());
    out.set("incidents", contacts.incidentsJson(places));
    out.set("lapsed", lapses.toJson());
    out.set("places", places);
    List<Flag> flags = new ArrayList<>();
    flags.addAll(notices.flags());
    flags.addAll(alerts.flags());
    flags.addAll(offRoute.flags());
    flags.sort(Flag.ORDER);
    ArrayNode compliance = out.putArray("compliance");
    flags.forEach(f -> compliance.add(f.toJson()));
    return out;
  }

  private static ObjectNode terms(ObjectNode version) {
    ObjectNode t = Json.object();
    for (String field :
        List.of(
            "separationMeters",
            "minimumNotice",
            "emergencyNotice",
            "acknowledgeWithin",
            "escalation",
            "effectiveFrom",
            "sharing",
            "suspended")) {
      if (version.has(field)) {
        t.set(field, version.path(field).deepCopy());
      }
    }
    return t;
  }
}
