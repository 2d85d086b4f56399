package io.deconflict.service.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The type of a {@link Param}: which JSON values it accepts and how every reader sees them.
 *
 * <p>Every type renders the same way in every language, with ASCII digits: numbers as they are,
 * times as {@code 2022-10-08 09:30 UTC}, places as {@code 37.0300 N 41.3800 E}.
 */
public enum ParamType {
  /** A duration in whole minutes, 1 to 1440 (one day); JSON: an integer. */
  MINUTES("minutes", "an integer 1..1440"),
  /** A number of things, such as vehicles, 1 to 10000; JSON: an integer. */
  COUNT("count", "an integer 1..10000"),
  /**
   * A time on a whole minute, years 1 to 9999; JSON: an ISO-8601 date-time with offset {@code Z} or
   * {@code +00:00}, such as {@code "2022-10-08T09:30:00Z"}.
   */
  TIME("time", "an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\""),
  /** A WGS84 position; JSON: {@code [lon, lat]} in degrees, longitude first as in GeoJSON. */
  PLACE("place", "a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90]");

  static final int MAX_MINUTES = 1440;
  static final int MAX_COUNT = 10_000;

  private final String wireName;
  private final String description;

  ParamType(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  /** The type's name in JSON, such as {@code minutes}. */
  public String wireName() {
    return wireName;
  }

  /** What the type accepts, in words, such as {@code an integer 1..1440}. */
  public String description() {
    return description;
  }

  /**
   * Reads a value of this type from JSON.
   *
   * @param field how to name the input in an error, such as {@code params.minutes}
   * @throws IllegalArgumentException naming {@code field}, quoting {@code node} and saying what is
   *     allowed
   */
  ParamValue fromJson(String field, JsonNode node) {
    return switch (this) {
      case MINUTES -> new ParamValue.Minutes(integer(field, node, MAX_MINUTES));
      case COUNT -> new ParamValue.Count(integer(field, node, MAX_COUNT));
      case TIME -> new ParamValue.Time(time(field, node));
      case PLACE -> new ParamValue.Place(place(field, node));
    };
  }

  private int integer(String field, JsonNode node, int max) {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw wrong(field, node);
    }
    int value = node.intValue();
    if (value < 1 || value > max) {
      throw wrong(field, node);
    }
    return value;
  }

  private Instant time(String field, JsonNode node) {
    if (!node.isTextual()) {
      throw wrong(field, node);
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw wrong(field, node);
    }
    if (!time.getOffset().equals(ZoneOffset.UTC)
        || time.getSecond() != 0
        || time.getNano() != 0
        || time.getYear() < 1
        || time.getYear() > 9999) {
      throw wrong(field, node);
    }
    return time.toInstant();
  }

  private GeoPoint place(String field, JsonNode node) {
    if (!node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
      throw wrong(field, node);
    }
    double lon = node.get(0).doubleValue();
    double lat = node.get(1).doubleValue();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw wrong(field, node);
    }
    return new GeoPoint(lon, lat);
  }

  private IllegalArgumentException wrong(String field, JsonNode node) {
    return new IllegalArgumentException(
        field + " must be " + description + ", got " + Quoting.json(node));
  }
}
