package io.deconflict.service.incident;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.AccountIncident;
import io.deconflict.service.command.IncidentReport;
import io.deconflict.service.command.RecordIncident;
import io.deconflict.service.command.ReviseIncident;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Incidents: what happened on the ground, who was there, which conflicts and alerts it relates to,
 * each party's own account and the sources. Nothing is overwritten: a revision is a new version and
 * every version is kept, as is every version of every account.
 *
 * <p>Not thread-safe; owned by the state machine ({@code Deconfliction}).
 */
public final class Incidents {

  private final Directory directory;
  private final Map<String, Incident> incidents = new LinkedHashMap<>();
  private long next = 1;

  private static final class Incident {
    final String id;
    final List<ObjectNode> versions = new ArrayList<>();
    final Map<String, List<ObjectNode>> accounts = new TreeMap<>();

    Incident(String id) {
      this.id = id;
    }

    ObjectNode current() {
      return versions.get(versions.size() - 1);
    }

    Set<String> parties() {
      Set<String> out = new TreeSet<>();
      current().path("parties").forEach(p -> out.add(p.asText()));
      return out;
    }
  }

  /** No incidents yet, for these parties. */
  public Incidents(Directory directory) {
    this.directory = directory;
  }

  /** Writes every incident in the order recorded, with its versions and accounts. */
  public void writeTo(StateOut out) {
    out.int64(next).int32(incidents.size());
    for (Incident incident : incidents.values()) {
      out.text(incident.id).int32(incident.versions.size());
      incident.versions.forEach(out::json);
      out.int32(incident.accounts.size());
      incident.accounts.forEach(
          (party, list) -> {
            out.text(party).int32(list.size());
            list.forEach(out::json);
          });
    }
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty register.
   *
   * @throws MalformedStateException if it is not what {@link #writeTo} writes
   */
  public void readFrom(StateIn in) {
    next = in.int64();
    int n = in.count();
    for (int i = 0; i < n; i++) {
      Incident incident = new Incident(in.text());
      int versions = in.count();
      for (int v = 0; v < versions; v++) {
        incident.versions.add(in.object());
      }
      if (incident.versions.isEmpty()) {
        throw in.malformed("incident " + incident.id + " has no version");
      }
      int parties = in.count();
      for (int p = 0; p < parties; p++) {
        String party = in.text();
        int size = in.count();
        List<ObjectNode> list = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
          list.add(in.object());
        }
        incident.accounts.put(party, list);
      }
      incidents.put(incident.id, incident);
    }
  }

  /**
   * Records a new incident ({@code incident.record}); {@code visible} says which conflict and alert
   * ids the member may refer to.
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Fact record(
      Member member,
      IncidentReport report,
      ObjectNode asked,
      Instant now,
      BiPredicate<Member, String> visible) {
    ObjectNode content = content(member, report, visible);
    String id = "inc-" + next++;
    Incident incident = new Incident(id);
    content.put("id", id).put("version", 1).put("recordedBy", member.id());
    content.put("recordedAt", now.toString());
    incident.versions.add(content);
    incidents.put(id, incident);
    return fact(RecordIncident.TYPE, member, asked, incident, 1);
  }

  /**
   * Records the next version of an incident ({@code incident.revise}).
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Fact revise(
      Member member,
      String id,
      IncidentReport report,
      ObjectNode asked,
      Instant now,
      BiPredicate<Member, String> visible) {
    Incident incident = visible(member, id);
    ObjectNode content = content(member, report, visible);
    int version = incident.versions.size() + 1;
    content.put("id", incident.id).put("version", version).put("recordedBy", member.id());
    content.put("recordedAt", now.toString());
    incident.versions.add(content);
    return fact(ReviseIncident.TYPE, member, asked, incident, version);
  }

  /**
   * Adds the next version of the member's party's account ({@code incident.account}).
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Fact account(Member member, String id, String text, ObjectNode asked, Instant now) {
    Incident incident = visible(member, id);
    if (member.isOperator()) {
      throw ServiceException.forbidden("an account is a party's own; operators add sources");
    }
    List<ObjectNode> versions =
        incident.accounts.computeIfAbsent(member.party(), k -> new ArrayList<>());
    ObjectNode account =
        Json.object()
            .put("party", member.party())
            .put("version", versions.size() + 1)
            .put("by", member.id())
            .put("at", now.toString())
            .put("text", text);
    versions.add(account);
    return fact(AccountIncident.TYPE, member, asked, incident, versions.size());
  }

  private Fact fact(String type, Member member, ObjectNode asked, Incident incident, int version) {
    ObjectNode result = Json.object().put("id", incident.id).put("version", version);
    return new Fact(
        type,
        true,
        member.id(),
        Json.withResult(asked, result),
        new Audience(incident.parties(), true));
  }

  private Incident visible(Member member, String id) {
    Incident incident = incidents.get(id);
    if (incident == null
        || (!member.isOperator() && !incident.parties().contains(member.party()))) {
      throw ServiceException.notFound("incident " + id);
    }
    return incident;
  }

  private ObjectNode content(
      Member member, IncidentReport report, BiPredicate<Member, String> visible) {
    ObjectNode out =
        Json.object().put("kind", report.kind()).put("time", report.time().value().toString());
    out.set("place", Json.point(report.place().point()));
    out.put("summary", report.summary().orElse(""));
    Set<String> parties = new TreeSet<>();
    for (int i = 0; i < report.parties().size(); i++) {
      String p = report.parties().get(i);
      if (directory.party(p).isEmpty()) {
        throw ServiceException.invalid(
            "/parties/" + i, "/parties/" + i + " \"" + p + "\" is not a configured party");
      }
      parties.add(p);
    }
    if (!member.party().equals(Party.MECHANISM) && !parties.contains(member.party())) {
      throw ServiceException.invalid(
          "/parties", "/parties must include your own party \"" + member.party() + "\"");
    }
    ArrayNode partiesOut = out.putArray("parties");
    parties.forEach(partiesOut::add);
    refs(member, "conflicts", report.conflicts().orElse(List.of()), visible, out);
    refs(member, "alerts", report.alerts().orElse(List.of()), visible, out);
    ArrayNode sources = out.putArray("sources");
    for (IncidentReport.Source s : report.sources().orElse(List.of())) {
      ObjectNode source =
          sources
              .addObject()
              .put("reportedBy", s.reportedBy())
              .put("credibility", s.credibility().orElse("unknown"));
      s.link().ifPresent(link -> source.put("link", link));
    }
    return out;
  }

  private static void refs(
      Member member,
      String field,
      List<String> ids,
      BiPredicate<Member, String> visible,
      ObjectNode out) {
    ArrayNode refs = out.putArray(field);
    for (int i = 0; i < ids.size(); i++) {
      String ref = ids.get(i);
      if (!visible.test(member, ref)) {
        throw ServiceException.invalid(
            "/" + field + "/" + i, "/" + field + "/" + i + " \"" + ref + "\" is not known");
      }
      refs.add(ref);
    }
  }

  /** The incidents the viewer may see, current versions, newest first. */
  public List<ObjectNode> list(Member viewer) {
    List<ObjectNode> out = new ArrayList<>();
    List<Incident> all = new ArrayList<>(incidents.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      Incident incident = all.get(i);
      if (viewer.isOperator() || incident.parties().contains(viewer.party())) {
        out.add(view(incident));
      }
    }
    return out;
  }

  /** One incident with every version and every account. */
  public ObjectNode get(Member viewer, String id) {
    return view(visible(viewer, id));
  }

  private static ObjectNode view(Incident incident) {
    ObjectNode out = incident.current().deepCopy();
    ArrayNode versions = out.putArray("versions");
    incident.versions.forEach(v -> versions.add(v.deepCopy()));
    ObjectNode accounts = out.putObject("accounts");
    incident.accounts.forEach(
        (party, list) -> {
          ArrayNode a = accounts.putArray(party);
          list.forEach(x -> a.add(x.deepCopy()));
        });
    return out;
  }
}
