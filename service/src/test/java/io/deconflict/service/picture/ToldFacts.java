package io.deconflict.service.picture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import java.time.Instant;
import java.util.Set;

/** Facts told to us, as a fold is given them, for the pictures' tests. */
final class ToldFacts {

  static final Audience US = Audience.of(Set.of("us"));

  private ToldFacts() {}

  static Event raised(long seq, Instant at, String id) {
    ObjectNode b = Json.object();
    b.put("id", id).put("state", "open").put("level", 1).put("raisedAt", at.toString());
    return new Event(seq, at, "alert.raised", "system", US, b);
  }

  /** A live refresh of alert {@code id}: its situation now at {@code level}. */
  static Event updated(long seq, Instant at, String id, String level) {
    ObjectNode b = Json.object();
    b.put("alert", id).putObject("live").put("level", level).put("at", at.toString());
    return new Event(seq, at, "alert.updated", "system", US, b);
  }

  static Event resolved(long seq, Instant at, String id) {
    ObjectNode b = Json.object();
    b.put("alert", id).put("resolution", "passed");
    return new Event(seq, at, "alert.resolved", "system", US, b);
  }

  /** One report of {@code unit}, made at {@code at}. */
  static Event report(long seq, Instant at, String unit) {
    ObjectNode b = Json.object();
    b.putArray("reports").addObject().put("unit", unit).put("time", at.toString());
    return new Event(seq, at, "positions.report", "us-officer", US, b);
  }
}
