package io.deconflict.service.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The value of one parameter of a {@link CodedMessage}, one record per {@link ParamType}.
 *
 * <p>{@link #text()} is what every reader sees, whatever their language: ASCII digits, no
 * translation. Counted nouns ("30 minutes", "30 минут") are added by the language's template.
 */
public sealed interface ParamValue
    permits ParamValue.Minutes, ParamValue.Count, ParamValue.Time, ParamValue.Place {

  /** The type of this value. */
  ParamType type();

  /** The value in JSON, as {@link CodedMessage#toJson()} writes it and {@code parse} reads it. */
  JsonNode toJson();

  /** The language-neutral text every reader sees, such as {@code 2022-10-08 09:30 UTC}. */
  String text();

  /**
   * A duration in whole minutes.
   *
   * @param minutes 1 to 1440
   */
  record Minutes(int minutes) implements ParamValue {

    /** Checks the range 1..1440. */
    public Minutes {
      if (minutes < 1 || minutes > ParamType.MAX_MINUTES) {
        throw new IllegalArgumentException(
            "minutes must be " + ParamType.MINUTES.description() + ", got " + minutes);
      }
    }

    @Override
    public ParamType type() {
      return ParamType.MINUTES;
    }

    @Override
    public JsonNode toJson() {
      return IntNode.valueOf(minutes);
    }

    @Override
    public String text() {
      return Integer.toString(minutes);
    }
  }

  /**
   * A number of things, such as vehicles.
   *
   * @param count 1 to 10000
   */
  record Count(int count) implements ParamValue {

    /** Checks the range 1..10000. */
    public Count {
      if (count < 1 || count > ParamType.MAX_COUNT) {
        throw new IllegalArgumentException(
            "count must be " + ParamType.COUNT.description() + ", got " + count);
      }
    }

    @Override
    public ParamType type() {
      return ParamType.COUNT;
    }

    @Override
    public JsonNode toJson() {
      return IntNode.valueOf(count);
    }

    @Override
    public String text() {
      return Integer.toString(count);
    }
  }

  /**
   * A time on a whole minute, rendered {@code yyyy-MM-dd HH:mm UTC}.
   *
   * <p>Seconds are refused rather than dropped, so every reader sees exactly the time that was
   * sent.
   *
   * @param instant on a whole minute, in the years 1 to 9999
   */
  record Time(Instant instant) implements ParamValue {

    private static final DateTimeFormatter TEXT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long MIN_EPOCH_SECOND = -62_135_596_800L; // 0001-01-01T00:00Z
    private static final long MAX_EPOCH_SECOND = 253_402_300_740L; // 9999-12-31T23:59Z

    /** Checks the instant is on a whole minute and in the years 1 to 9999. */
    public Time {
      if (instant.getNano() != 0
          || instant.getEpochSecond() % 60 != 0
          || instant.getEpochSecond() < MIN_EPOCH_SECOND
          || instant.getEpochSecond() > MAX_EPOCH_SECOND) {
        throw new IllegalArgumentException(
            "time must be on a whole minute in the years 1 to 9999, got " + instant);
      }
    }

    @Override
    public ParamType type() {
      return ParamType.TIME;
    }

    @Override
    public JsonNode toJson() {
      return TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    @Override
    public String text() {
      return TEXT.format(instant);
    }
  }

  /**
   * A WGS84 position, rendered latitude first with four decimals and hemisphere letters, such as
   * {@code 37.0300 N 41.3800 E} (about 11 m); the letters N, S, E, W are the same in every
   * language.
   *
   * @param point the position
   */
  record Place(GeoPoint point) implements ParamValue {

    /** A place at longitude {@code lon} and latitude {@code lat}, in degrees. */
    public static Place of(double lon, double lat) {
      return new Place(GeoPoint.of(lon, lat));
    }

    @Override
    public ParamType type() {
      return ParamType.PLACE;
    }

    @Override
    public JsonNode toJson() {
      ArrayNode array = JsonNodeFactory.instance.arrayNode(2);
      array.add(point.lon());
      array.add(point.lat());
      return array;
    }

    @Override
    public String text() {
      return degrees(point.lat(), 'N', 'S') + " " + degrees(point.lon(), 'E', 'W');
    }

    /**
     * {@code |value|} with four decimals and its hemisphere; a value that rounds to 0 is N or E.
     */
    private static String degrees(double value, char positive, char negative) {
      String magnitude = String.format(Locale.ROOT, "%.4f", Math.abs(value));
      boolean zero = magnitude.equals("0.0000");
      return magnitude + " " + (value < 0 && !zero ? negative : positive);
    }
  }
}
