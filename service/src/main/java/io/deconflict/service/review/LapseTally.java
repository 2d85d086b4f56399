package io.deconflict.service.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sites and zones of the agreement's parties that stood lapsed (not reconfirmed in time, D36)
 * at some instant of the week, as the viewer was told ({@code item.lapsed}, {@code item.restored}).
 */
final class LapseTally {

  private static final class Lapse {
    final String party;
    final String kind;
    final String id;
    final Instant since;
    final List<Ref> refs = new ArrayList<>();
    @Nullable Instant restoredAt;

    Lapse(String party, String kind, String id, Instant since, Ref ref) {
      this.party = party;
      this.kind = kind;
      this.id = id;
      this.since = since;
      refs.add(ref);
    }
  }

  private final Scope scope;
  private final List<Lapse> lapses = new ArrayList<>();
  private final Map<String, Lapse> open = new HashMap<>();

  LapseTally(Scope scope) {
    this.scope = scope;
  }

  void lapsed(Event e, Ref ref) {
    ObjectNode b = e.body();
    String party = b.path("party").asText();
    String key = party + "/" + b.path("kind").asText() + "/" + b.path("id").asText();
    if (open.containsKey(key)) {
      return;
    }
    Instant since =
        b.hasNonNull("lapsedSince") ? Instant.parse(b.path("lapsedSince").asText()) : e.time();
    Lapse l = new Lapse(party, b.path("kind").asText(), b.path("id").asText(), since, ref);
    lapses.add(l);
    open.put(key, l);
  }

  void restored(Event e, Ref ref) {
    ObjectNode b = e.body();
    Lapse l =
        open.remove(
            b.path("party").asText() + "/" + b.path("kind").asText() + "/" + b.path("id").asText());
    if (l != null) {
      l.restoredAt = e.time();
      l.refs.add(ref);
    }
  }

  ArrayNode toJson() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Lapse l : lapses) {
      Instant restored = l.restoredAt;
      if (!scope.isParty(l.party)
          || !l.since.isBefore(scope.until)
          || (restored != null && restored.isBefore(scope.from))) {
        continue;
      }
      ObjectNode n = out.addObject();
      n.put("party", l.party).put("kind", l.kind).put("id", l.id);
      n.put("lapsedSince", l.since.toString());
      n.put("restoredAt", restored == null ? null : restored.toString());
      ArrayNode refs = n.putArray("records");
      l.refs.forEach(r -> refs.add(r.toJson()));
    }
    return out;
  }
}
