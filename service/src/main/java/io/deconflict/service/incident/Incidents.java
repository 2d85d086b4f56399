package io.deconflict.service.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
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
 * <p>Not thread-safe; owned by {@link Deconfliction}.
 */
public final class Incidents {

  /** The kinds of incident. */
  public static final Set<String> KINDS =
      Set.of(
          "encounter",
          "standoff",
          "blocking",
          "interception",
          "collision",
          "exchange-of-fire",
          "other");

  /** How far a source is believed. */
  public static final Set<String> CREDIBILITY =
      Set.of("confirmed", "probable", "possible", "doubtful", "unknown");

  private static final int MAX_TEXT = 10_000;

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

  /**
   * Records a new incident ({@code incident.record}); {@code visible} says which conflict and alert
   * ids the member may refer to.
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Fact record(
      Member member, JsonNode body, Instant now, BiPredicate<Member, String> visible) {
    ObjectNode content = content(member, body, visible);
    String id = "inc-" + next++;
    Incident incident = new Incident(id);
    content.put("id", id).put("version", 1).put("recordedBy", member.id());
    content.put("recordedAt", now.toString());
    incident.versions.add(content);
    incidents.put(id, incident);
    return fact(Deconfliction.INCIDENT_RECORD, member, body, incident, 1);
  }

  /**
   * Records the next version of an incident ({@code incident.revise}).
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Fact revise(
      Member member, JsonNode body, Instant now, BiPredicate<Member, String> visible) {
    Incident incident = visible(member, Json.text(body, "id", ""));
    ObjectNode content = content(member, body, visible);
    int version = incident.versions.size() + 1;
    content.put("id", incident.id).put("version", version).put("recordedBy", member.id());
    content.put("recordedAt", now.toString());
    incident.versions.add(content);
    return fact(Deconfliction.INCIDENT_REVISE, member, body, incident, version);
  }

  /**
   * Adds the next version of the member's party's account ({@code incident.account}).
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Fact account(Member member, JsonNode body, Instant now) {
    Incident incident = visible(member, Json.text(body, "id", ""));
    if (member.isOperator()) {
      throw ServiceException.forbidden("an account is a party's own; operators add sources");
    }
    String text = Json.text(body, "text", "");
    if (text.length() > MAX_TEXT) {
      throw ServiceException.invalid("/text", "/text is longer than " + MAX_TEXT + " characters");
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
    return fact(Deconfliction.INCIDENT_ACCOUNT, member, body, incident, versions.size());
  }

  private Fact fact(String type, Member member, JsonNode body, Incident incident, int version) {
    ObjectNode result = Json.object().put("id", incident.id).put("version", version);
    return new Fact(
        type,
        true,
        member.id(),
        Json.withResult(body, result),
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

  private ObjectNode content(Member member, JsonNode body, BiPredicate<Member, String> visible) {
    String kind = Json.text(body, "kind", "");
    if (!KINDS.contains(kind)) {
      throw ServiceException.invalid(
          "/kind", "/kind \"" + kind + "\" is not one of " + new TreeSet<>(KINDS));
    }
    Instant time = Json.instant(body, "time", "");
    ObjectNode out = Json.object().put("kind", kind).put("time", time.toString());
    out.set("place", Json.point(Json.point(body, "place", "")));
    out.put("summary", limited(Json.text(body, "summary", "", ""), "/summary"));
    Set<String> parties = new TreeSet<>();
    JsonNode ps = body.path("parties");
    if (!ps.isArray() || ps.isEmpty()) {
      throw ServiceException.invalid("/parties", "/parties must list the parties involved");
    }
    for (int i = 0; i < ps.size(); i++) {
      String p = ps.get(i).asText("");
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
    for (String field : List.of("conflicts", "alerts")) {
      ArrayNode refs = out.putArray(field);
      JsonNode in = body.path(field);
      if (in.isMissingNode()) {
        continue;
      }
      if (!in.isArray()) {
        throw ServiceException.invalid("/" + field, "/" + field + " must be an array of ids");
      }
      for (int i = 0; i < in.size(); i++) {
        String ref = in.get(i).asText("");
        if (!visible.test(member, ref)) {
          throw ServiceException.invalid(
              "/" + field + "/" + i, "/" + field + "/" + i + " \"" + ref + "\" is not known");
        }
        refs.add(ref);
      }
    }
    ArrayNode sources = out.putArray("sources");
    JsonNode in = body.path("sources");
    if (!in.isMissingNode() && !in.isArray()) {
      throw ServiceException.invalid("/sources", "/sources must be an array");
    }
    for (int i = 0; i < in.size(); i++) {
      String at = "/sources/" + i;
      JsonNode s = Json.requireObject(in.get(i), at);
      String credibility = Json.text(s, "credibility", at, "unknown");
      if (!CREDIBILITY.contains(credibility)) {
        throw ServiceException.invalid(
            at + "/credibility",
            at
                + "/credibility \""
                + credibility
                + "\" is not one of "
                + new TreeSet<>(CREDIBILITY));
      }
      ObjectNode source =
          Json.object()
              .put("reportedBy", limited(Json.text(s, "reportedBy", at), at + "/reportedBy"))
              .put("credibility", credibility);
      String link = Json.text(s, "link", at, "");
      if (!link.isEmpty()) {
        source.put("link", limited(link, at + "/link"));
      }
      sources.add(source);
    }
    return out;
  }

  private static String limited(String text, String pointer) {
    if (text.length() > MAX_TEXT) {
      throw ServiceException.invalid(
          pointer, pointer + " is longer than " + MAX_TEXT + " characters");
    }
    return text;
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
