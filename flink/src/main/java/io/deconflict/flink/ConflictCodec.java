package io.deconflict.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.geo.GeoPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON of a conflict on the conflicts topic, and its identity (the message key).
 *
 * <p>The fields are those of {@code deconflict check --format json} plus the identity and the
 * versions of the two items, with distances and coordinates unrounded so that {@link #read} gives
 * back the engine's value exactly. Thread-safe.
 */
public final class ConflictCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConflictCodec() {}

  /**
   * The stable identity of a conflict between these versions of its two items: kind, the two items
   * with their versions, and the start of the interval ({@code movement-movement|a@3|b@7|start}).
   * The same items at the same versions give the same conflicts in every cell, so duplicates from
   * neighbouring cells share it; a new version of either item gives a new identity.
   */
  public static String identity(Conflict c, long versionA, long versionB) {
    return c.kind().wireName()
        + "|"
        + c.a()
        + "@"
        + versionA
        + "|"
        + c.b()
        + "@"
        + versionB
        + "|"
        + c.start();
  }

  /** The conflict's JSON: one object on one line. */
  public static String write(Conflict c, long versionA, long versionB) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", identity(c, versionA, versionB));
    o.put("kind", c.kind().wireName());
    o.put("a", c.a());
    o.put("aVersion", versionA);
    o.put("b", c.b());
    o.put("bVersion", versionB);
    o.putArray("parties").add(c.partyA()).add(c.partyB());
    o.put("start", c.start().toString());
    o.put("end", c.end().toString());
    if (c.closest().isPresent()) {
      ClosestApproach a = c.closest().get();
      ObjectNode closest = o.putObject("closest");
      closest.put("time", a.time().toString());
      closest.put("distanceMeters", a.distanceMeters());
      point(closest.putArray("a"), a.a());
      point(closest.putArray("b"), a.b());
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void point(ArrayNode array, GeoPoint p) {
    array.add(p.lon()).add(p.lat());
  }

  /**
   * The conflict a message's JSON describes.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static Conflict read(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("conflict is not JSON: " + e.getMessage(), e);
    }
    Optional<ClosestApproach> closest = Optional.empty();
    JsonNode c = o.path("closest");
    if (c.isObject()) {
      closest =
          Optional.of(
              new ClosestApproach(
                  instant(c, "time"),
                  c.path("distanceMeters").asDouble(),
                  point(c.path("a")),
                  point(c.path("b"))));
    }
    return new Conflict(
        kind(text(o, "kind")),
        text(o, "a"),
        text(o, "b"),
        o.path("parties").path(0).asText(),
        o.path("parties").path(1).asText(),
        instant(o, "start"),
        instant(o, "end"),
        closest);
  }

  private static ConflictKind kind(String wireName) {
    for (ConflictKind k : ConflictKind.values()) {
      if (k.wireName().equals(wireName)) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind: unknown conflict kind \"" + wireName + "\"");
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.path(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + ": a string is required, got " + v);
    }
    return v.asText();
  }

  private static Instant instant(JsonNode o, String field) {
    try {
      return Instant.parse(text(o, field));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": not an ISO-8601 instant: " + o.path(field), e);
    }
  }

  private static GeoPoint point(JsonNode array) {
    return new GeoPoint(array.path(0).asDouble(), array.path(1).asDouble());
  }
}
