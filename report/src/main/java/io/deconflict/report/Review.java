package io.deconflict.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading the review's JSON (docs/api.md, "Weekly review") for display: figures with a default when
 * a section is absent, times and durations in the short forms the meeting reads. Fields the service
 * adds later are ignored; a missing section reads as empty.
 */
final class Review {

  private final JsonNode root;

  private Review(JsonNode root) {
    this.root = root;
  }

  /**
   * @throws IllegalArgumentException when the document is not a review (no agreement or week)
   */
  static Review of(JsonNode root) {
    for (String field : List.of("agreement", "week")) {
      if (!root.path(field).isTextual() || root.path(field).asText().isEmpty()) {
        throw new IllegalArgumentException("a review needs \"" + field + "\" (a string)");
      }
    }
    return new Review(root);
  }

  JsonNode root() {
    return root;
  }

  String text(String field) {
    return root.path(field).asText("");
  }

  JsonNode path(String... fields) {
    JsonNode n = root;
    for (String f : fields) {
      n = n.path(f);
    }
    return n;
  }

  /** The entries of an object node, in document order. */
  static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  static List<Double> numbers(JsonNode array) {
    List<Double> out = new ArrayList<>();
    for (JsonNode n : array) {
      if (n.isNumber()) {
        out.add(n.asDouble());
      }
    }
    return out;
  }

  /** Each party's acknowledgement times, in the order the review lists the parties. */
  Map<String, List<Double>> acknowledgementSeconds() {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (var e : entries(path("alerts", "byParty"))) {
      out.put(e.getKey(), numbers(e.getValue().path("ackSeconds")));
    }
    return out;
  }

  /** Conflicts by ISO weekday (0 = Monday) and hour, from {@code conflicts.byDayHour}. */
  int[][] dayHour() {
    int[][] out = new int[7][24];
    for (JsonNode cell : path("conflicts", "byDayHour")) {
      int d = cell.path(0).asInt(-1);
      int h = cell.path(1).asInt(-1);
      if (d >= 0 && d < 7 && h >= 0 && h < 24) {
        out[d][h] += cell.path(2).asInt(0);
      }
    }
    return out;
  }

  /** The places to mark on the map. */
  List<MapImage.Mark> marks() {
    List<MapImage.Mark> out = new ArrayList<>();
    for (JsonNode p : path("places")) {
      JsonNode pos = p.path("position");
      if (!pos.path(0).isNumber() || !pos.path(1).isNumber()) {
        continue;
      }
      MapImage.Kind kind =
          "incident".equals(p.path("kind").asText())
              ? MapImage.Kind.INCIDENT
              : MapImage.Kind.CONFLICT;
      out.add(
          new MapImage.Mark(
              kind, p.path("id").asText(""), pos.get(0).asDouble(), pos.get(1).asDouble()));
    }
    return out;
  }

  /**
   * An ISO instant as {@code 2022-10-11 05:00Z}, or {@code 2022-10-11 05:00:30Z} when its seconds
   * are not zero (fractions of a second dropped); other text as it is.
   */
  static String time(JsonNode n) {
    if (n.isNull() || n.isMissingNode()) {
      return "—";
    }
    String s = n.asText();
    try {
      Instant t = Instant.parse(s).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      String text = t.toString().replace('T', ' ');
      return text.endsWith(":00Z") ? text.substring(0, 16) + "Z" : text;
    } catch (DateTimeParseException e) {
      return s;
    }
  }

  /** {@code count} and the noun, singular for one: {@code 1 conflict}, {@code 3 conflicts}. */
  static String plural(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }

  /**
   * A number of seconds as {@code 45 s}, {@code 10 min 0 s}, {@code 3 h 0 min}, {@code 2 d 4 h}.
   */
  static String seconds(double seconds) {
    if (Double.isNaN(seconds)) {
      return "—";
    }
    String sign = seconds < 0 ? "−" : "";
    long s = Math.round(Math.abs(seconds));
    if (s < 60) {
      return sign + s + " s";
    }
    if (s < 3600) {
      return sign + s / 60 + " min " + s % 60 + " s";
    }
    if (s < 86_400) {
      return sign + s / 3600 + " h " + s % 3600 / 60 + " min";
    }
    return sign + s / 86_400 + " d " + s % 86_400 / 3600 + " h";
  }

  /** An ISO-8601 duration ({@code PT24H}) as {@link #seconds}; other text as it is. */
  static String duration(JsonNode n) {
    if (n.isNumber()) {
      return seconds(n.asDouble());
    }
    try {
      return seconds(Duration.parse(n.asText()).toSeconds());
    } catch (DateTimeParseException e) {
      return n.asText("—");
    }
  }

  /** A {@code [lon, lat]} as {@code 36.5000 N, 38.1000 E}. */
  static String position(JsonNode p) {
    if (!p.path(0).isNumber() || !p.path(1).isNumber()) {
      return "—";
    }
    double lon = p.get(0).asDouble();
    double lat = p.get(1).asDouble();
    return String.format(
        Locale.ROOT,
        "%.4f %s, %.4f %s",
        Math.abs(lat),
        lat >= 0 ? "N" : "S",
        Math.abs(lon),
        lon >= 0 ? "E" : "W");
  }

  /** The median of {@code values} (NaN for none). */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static String count(JsonNode n) {
    return n.isNumber() ? n.asText() : "0";
  }

  static String upper(String party) {
    return party.toUpperCase(Locale.ROOT);
  }
}
