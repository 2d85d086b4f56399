package io.deconflict.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Hotline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The contacts between the parties in the week: hotline messages posted in threads of the
 * agreement's parties, and the incidents involving them with each side's accounts (as told by the
 * end of the week). An incident is in the week when the time it states is, or, stating none, when
 * it was recorded.
 */
final class ContactTally {

  private static final class Incident {
    final String id;
    final String recordedBy;
    final Instant recordedAt;
    ObjectNode report;
    final ArrayNode accounts = Json.MAPPER.createArrayNode();

    Incident(String id, String recordedBy, Instant recordedAt, ObjectNode report) {
      this.id = id;
      this.recordedBy = recordedBy;
      this.recordedAt = recordedAt;
      this.report = report;
    }

    Instant time() {
      JsonNode t = report.path("time");
      return t.isTextual() ? Instant.parse(t.asText()) : recordedAt;
    }
  }

  private final Scope scope;
  private final Function<String, String> partyOf;
  private final Set<String> threads = new TreeSet<>();
  private int messages;
  private final Map<String, Integer> byParty = new TreeMap<>();
  private final Map<String, Incident> incidents = new LinkedHashMap<>();

  /**
   * @param partyOf a member's party by the member's id (the member's id if it is not configured)
   */
  ContactTally(Scope scope, Function<String, String> partyOf) {
    this.scope = scope;
    this.partyOf = partyOf;
  }

  void posted(Event e) {
    if (!scope.inWeek(e.time()) || !scope.involves(e.audience().parties())) {
      return;
    }
    ObjectNode m = e.body().has("result") ? Hotline.message(e.body()) : e.body();
    threads.add(m.path("thread").asText());
    messages++;
    String party = m.hasNonNull("party") ? m.path("party").asText() : partyOf.apply(e.by());
    byParty.merge(party, 1, Integer::sum);
  }

  void recorded(Event e) {
    if (!scope.involves(e.audience().parties())) {
      return;
    }
    String id = e.body().path("result").path("id").asText();
    Incident prev = incidents.get(id);
    ObjectNode report = e.body().deepCopy();
    report.remove("result");
    if (prev == null) {
      incidents.put(id, new Incident(id, partyOf.apply(e.by()), e.time(), report));
    } else {
      prev.report = report;
    }
  }

  void account(Event e) {
    JsonNode r = e.body().path("result");
    Incident i =
        incidents.get(r.hasNonNull("id") ? r.path("id").asText() : e.body().path("id").asText());
    if (i != null) {
      i.accounts
          .addObject()
          .put("by", partyOf.apply(e.by()))
          .put("at", e.time().toString())
          .set("text", e.body().path("text"));
    }
  }

  ObjectNode hotlineJson() {
    ObjectNode out = Json.object().put("threads", threads.size()).put("messages", messages);
    ObjectNode by = out.putObject("byParty");
    byParty.forEach(by::put);
    return out;
  }

  ArrayNode incidentsJson(ArrayNode places) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    List<Incident> inWeek = new ArrayList<>();
    incidents.values().stream().filter(i -> scope.inWeek(i.time())).forEach(inWeek::add);
    for (Incident i : inWeek) {
      ObjectNode n = out.addObject();
      n.put("id", i.id).put("time", i.time().toString());
      n.set("position", i.report.path("place").isArray() ? i.report.path("place") : null);
      n.put("summary", i.report.path("summary").asText(""));
      n.put("kind", i.report.path("kind").asText(""));
      n.put("recordedBy", i.recordedBy).put("recordedAt", i.recordedAt.toString());
      n.set("parties", i.report.path("parties").deepCopy());
      n.set("accounts", i.accounts.deepCopy());
      if (i.report.path("place").isArray()) {
        places
            .addObject()
            .put("kind", "incident")
            .put("id", i.id)
            .<ObjectNode>set("position", i.report.path("place").deepCopy())
            .put("time", i.time().toString());
      }
    }
    return out;
  }
}
