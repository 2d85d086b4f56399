package io.deconflict.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.Encounter;
import io.deconflict.engine.live.LiveEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON of an encounter event on the encounters topic (docs/scale-out.md): the pair, the
 * instant, and for an opening or a change of level the engine's numbers unrounded; for a close the
 * reason. Thread-safe.
 */
public final class EncounterCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EncounterCodec() {}

  /** The identity of a pair of units: {@code partyA/unitA|partyB/unitB}, unit A sorting first. */
  public static String pair(String keyA, String keyB) {
    return keyA + "|" + keyB;
  }

  /**
   * The stable identity of an encounter: the pair and the instant it opened. Every cell that holds
   * the pair, and every run of the job on the same reports, gives the same.
   */
  public static String identity(String pair, long openedMillis) {
    return pair + "|" + Instant.ofEpochMilli(openedMillis);
  }

  /** An encounter opened or changed level, as one cell saw it. */
  static CellEncounter changed(LiveEvent.EncounterChanged changed, long stepEndMillis) {
    Encounter e = changed.encounter();
    ObjectNode json = MAPPER.createObjectNode();
    json.put("a", e.keyA()).put("b", e.keyB());
    json.put("time", e.time().toString()).put("level", e.level().name());
    json.put("separationMeters", e.separationMeters());
    json.put("distanceNowMeters", e.distanceNowMeters());
    json.put("timeToClosestSeconds", e.timeToClosest().toMillis() / 1000.0);
    json.put("distanceAtClosestMeters", e.distanceAtClosestMeters());
    e.timeToLoss().ifPresent(d -> json.put("timeToLossSeconds", d.toMillis() / 1000.0));
    point(json, "positionA", e.positionA());
    point(json, "positionB", e.positionB());
    return new CellEncounter(
        pair(e.keyA(), e.keyB()),
        false,
        e.time().toEpochMilli(),
        e.level().name(),
        json.toString(),
        stepEndMillis);
  }

  /** An encounter ended, as one cell saw it. */
  static CellEncounter ended(LiveEvent.EncounterEnded ended, long stepEndMillis) {
    String a = ended.partyA() + "/" + ended.unitA();
    String b = ended.partyB() + "/" + ended.unitB();
    ObjectNode json = MAPPER.createObjectNode();
    json.put("a", a).put("b", b);
    json.put("time", ended.time().toString()).put("level", "NONE");
    json.put("reason", ended.reason());
    return new CellEncounter(
        pair(a, b), true, ended.time().toEpochMilli(), "NONE", json.toString(), stepEndMillis);
  }

  /** The job's event: a cell's JSON with the identity, the event's name and the opening added. */
  static EncounterEvent event(CellEncounter c, String event, long openedMillis) {
    ObjectNode json;
    try {
      json = (ObjectNode) MAPPER.readTree(c.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = identity(c.pair(), openedMillis);
    ObjectNode out = MAPPER.createObjectNode();
    out.put("id", id)
        .put("event", event)
        .put("opened", Instant.ofEpochMilli(openedMillis).toString());
    out.setAll(json);
    return new EncounterEvent(id, event, out.toString());
  }

  /** Reads an event's JSON (for readers of the topic and tests). */
  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an encounter event: " + e.getMessage(), e);
    }
  }

  private static void point(ObjectNode json, String field, GeoPoint p) {
    json.putArray(field).add(p.lon()).add(p.lat());
  }
}
