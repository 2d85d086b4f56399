package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading request bodies field by field; every error names the field as a JSON pointer. */
public final class Json {

  /** The one mapper of the service. Thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The JSON text of a tree we built, as UTF-8 bytes (it cannot fail to write). */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new empty object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Throws unless {@code node} is an object. */
  public static JsonNode requireObject(JsonNode node, String pointer) {
    if (!node.isObject()) {
      throw ServiceException.invalid(pointer, at(pointer) + "must be a JSON object");
    }
    return node;
  }

  /** A required non-empty string field. */
  public static String text(JsonNode parent, String name, String pointer) {
    JsonNode node = parent.path(name);
    String where = pointer + "/" + name;
    if (node.isMissingNode() || node.isNull()) {
      throw ServiceException.invalid(where, where + " is required");
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw ServiceException.invalid(where, where + " must be a non-empty string");
    }
    return node.textValue();
  }

  /** An optional string field, or {@code fallback}. */
  public static String text(JsonNode parent, String name, String pointer, String fallback) {
    JsonNode node = parent.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    return text(parent, name, pointer);
  }

  /** A required ISO-8601 UTC instant. */
  public static Instant instant(JsonNode parent, String name, String pointer) {
    return instant(text(parent, name, pointer), pointer + "/" + name);
  }

  /** An ISO-8601 UTC instant from text, refused naming {@code where}. */
  public static Instant instant(String text, String where) {
    if (text.isBlank()) {
      throw ServiceException.invalid(where, where + " must be a non-empty string");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ServiceException.invalid(
          where,
          where
              + " must be an ISO-8601 UTC instant such as 2022-10-08T09:00:00Z, got \""
              + text
              + "\"");
    }
  }

  /** An optional ISO-8601 duration such as {@code PT30M}, or {@code fallback}. */
  public static Duration duration(JsonNode parent, String name, String pointer, Duration fallback) {
    JsonNode node = parent.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    String where = pointer + "/" + name;
    if (!node.isTextual()) {
      throw ServiceException.invalid(where, where + " must be an ISO-8601 duration such as PT30M");
    }
    try {
      return Duration.parse(node.textValue());
    } catch (DateTimeParseException e) {
      throw ServiceException.invalid(
          where,
          where + " must be an ISO-8601 duration such as PT30M, got \"" + node.textValue() + "\"");
    }
  }

  /** An optional finite number, or {@code fallback}. */
  public static double number(JsonNode parent, String name, String pointer, double fallback) {
    JsonNode node = parent.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    String where = pointer + "/" + name;
    if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw ServiceException.invalid(where, where + " must be a finite number");
    }
    return node.doubleValue();
  }

  /** An optional boolean, or {@code fallback}. */
  public static boolean bool(JsonNode parent, String name, String pointer, boolean fallback) {
    JsonNode node = parent.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw ServiceException.invalid(
          pointer + "/" + name, pointer + "/" + name + " must be true or false");
    }
    return node.booleanValue();
  }

  /** A required {@code [lon, lat]} position. */
  public static GeoPoint point(JsonNode parent, String name, String pointer) {
    JsonNode node = parent.path(name);
    String where = pointer + "/" + name;
    if (!node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
      throw ServiceException.invalid(where, where + " must be a [longitude, latitude] pair");
    }
    return point(node.get(0).doubleValue(), node.get(1).doubleValue(), where);
  }

  /** A position in range, refused naming {@code where}. */
  public static GeoPoint point(double lon, double lat, String where) {
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw ServiceException.invalid(
          where, where + " [" + lon + ", " + lat + "] is outside [-180, 180] x [-90, 90]");
    }
    return GeoPoint.of(lon, lat);
  }

  /** A position as a GeoJSON {@code [lon, lat]} array. */
  public static ArrayNode point(GeoPoint p) {
    ArrayNode a = array();
    a.add(p.lon());
    a.add(p.lat());
    return a;
  }

  private static String at(String pointer) {
    return pointer.isEmpty() ? "the body " : pointer + " ";
  }

  /** A command body as journaled: what was asked, and what it did under {@code result}. */
  public static ObjectNode withResult(JsonNode body, ObjectNode result) {
    ObjectNode out = ((ObjectNode) body).deepCopy();
    out.set("result", result);
    return out;
  }
}
