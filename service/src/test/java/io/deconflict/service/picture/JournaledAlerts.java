package io.deconflict.service.picture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Entry;
import io.deconflict.service.Audience;
import io.deconflict.service.Json;
import java.time.Instant;
import java.util.Set;

/** Journal entries of alerts as the service writes them, for the pictures' tests. */
final class JournaledAlerts {

  private JournaledAlerts() {}

  /** An {@code alert.raised} told to us, as the service journals it. */
  static Entry raised(String id, Instant at) {
    ObjectNode body = Json.object();
    body.put("id", id).put("state", "open").put("level", 1).put("raisedAt", at.toString());
    ObjectNode payload = Json.object().put("by", "system");
    payload.set("audience", Audience.of(Set.of("us")).toJson());
    payload.set("body", body);
    return new Entry(at, "alert.raised", Json.bytes(payload));
  }
}
