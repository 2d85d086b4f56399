package io.deconflict.cli.check;

import static io.deconflict.geojson.Features.MOVEMENT;
import static io.deconflict.geojson.Features.collection;
import static io.deconflict.geojson.Features.movement;
import static io.deconflict.geojson.Features.site;
import static io.deconflict.geojson.Features.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per class of invalid input: exit 2, nothing on standard output, and one line on standard
 * error naming the feature (index and id) and the field.
 */
class InvalidInputTest {

  private static final String TIMES = "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:30:00Z\"]";
  private static final String LINE = "[[41.0, 37.0], [41.2, 37.0]]";
  private static final String SQUARE =
      "[[[40.0, 36.0], [40.1, 36.0], [40.1, 36.1], [40.0, 36.1], [40.0, 36.0]]]";

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithAMessageNamingFeatureAndField(String name, String input, String expected) {
    Result result = Cli.runWithStdin(input, "check", "-");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    if (expected.endsWith("...")) {
      assertThat(result.err()).startsWith(expected.substring(0, expected.length() - 3));
      assertThat(result.err().lines()).hasSize(1);
    } else {
      assertThat(result.err()).isEqualTo(expected + "\n");
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // the document
        Arguments.of(
            "malformed JSON",
            "{\"type\": \"FeatureCollection\",\n \"features\": [,]}",
            "error: malformed JSON at line 2, column 15: Unexpected character (','..."),
        Arguments.of(
            "truncated JSON",
            "{\"type\": \"FeatureCollection\", \"features\": [",
            "error: malformed JSON at line 1, column ..."),
        Arguments.of(
            "duplicate member",
            "{\"type\": \"FeatureCollection\", \"type\": \"FeatureCollection\", \"features\": []}",
            "error: malformed JSON at line 1, column 37: Duplicate field 'type'..."),
        Arguments.of(
            "empty input", "", "error: the input is empty; expected a GeoJSON FeatureCollection"),
        Arguments.of(
            "a single Feature",
            "{\"type\": \"Feature\", \"properties\": {}}",
            "error: the input is not a GeoJSON FeatureCollection: its type is \"Feature\""),
        Arguments.of(
            "an array",
            "[" + MOVEMENT + "]",
            "error: the input is not a GeoJSON FeatureCollection: it is an array, not an object"),
        Arguments.of(
            "no type",
            "{\"features\": []}",
            "error: the input is not a GeoJSON FeatureCollection: its type member is missing"),
        Arguments.of(
            "no features",
            "{\"type\": \"FeatureCollection\"}",
            "error: the input is not a GeoJSON FeatureCollection: its features member is missing"),
        Arguments.of(
            "features not an array",
            "{\"type\": \"FeatureCollection\", \"features\": {}}",
            "error: the input is not a GeoJSON FeatureCollection:"
                + " its features member is an object, not an array"),
        Arguments.of(
            "content after the collection",
            collection(MOVEMENT) + " {}",
            "error: unexpected an object after the FeatureCollection at line ..."),
        // the feature and its id
        Arguments.of(
            "feature not an object",
            collection(MOVEMENT, "42"),
            "error: feature 1: must be a GeoJSON Feature object, got 42"),
        Arguments.of(
            "missing id",
            collection(MOVEMENT, MOVEMENT.replace("\"id\": \"m-0\",", "")),
            "error: feature 1: id is missing; every feature needs a unique, non-empty string id"),
        Arguments.of(
            "id in properties only",
            collection(
                MOVEMENT
                    .replace("\"id\": \"m-0\",", "")
                    .replace("{\"kind\"", "{\"id\": 1, \"kind\"")),
            "error: feature 0: id is missing; every feature needs a unique, non-empty string id"),
        Arguments.of(
            "numeric id",
            collection(MOVEMENT, MOVEMENT.replace("\"id\": \"m-0\"", "\"id\": 17")),
            "error: feature 1: id must be a string, got 17"),
        Arguments.of(
            "empty id",
            collection(MOVEMENT, MOVEMENT.replace("\"id\": \"m-0\"", "\"id\": \"\"")),
            "error: feature 1: id must not be empty, got \"\""),
        Arguments.of(
            "duplicate id",
            collection(MOVEMENT, site("s-1", "RU", "[41.0, 37.0]", "100", ""), MOVEMENT),
            "error: feature 2 (id \"m-0\"): id \"m-0\" is already the id of feature 0"),
        Arguments.of(
            "feature type",
            collection(MOVEMENT.replace("\"type\": \"Feature\"", "\"type\": \"Point\"")),
            "error: feature 0 (id \"m-0\"): type must be \"Feature\", got \"Point\""),
        Arguments.of(
            "missing properties",
            collection(
                "{\"type\": \"Feature\", \"id\": \"x\", \"geometry\": {\"type\": \"Point\","
                    + " \"coordinates\": [0, 0]}}"),
            "error: feature 0 (id \"x\"): properties is missing; it must hold at least kind and"
                + " party"),
        // kind and party
        Arguments.of(
            "unknown kind",
            collection(
                MOVEMENT, movement("m-1", "RU", LINE, TIMES).replace("movement\"", "boat\"")),
            "error: feature 1 (id \"m-1\"): properties.kind \"boat\" is not \"movement\", \"site\""
                + " or \"zone\""),
        Arguments.of(
            "missing kind",
            collection(movement("m-1", "RU", LINE, TIMES).replace("\"kind\": \"movement\",", "")),
            "error: feature 0 (id \"m-1\"): properties.kind is missing"),
        Arguments.of(
            "missing party",
            collection(
                MOVEMENT, movement("m-1", "RU", LINE, TIMES).replace("\"party\": \"RU\",", "")),
            "error: feature 1 (id \"m-1\"): properties.party is missing"),
        Arguments.of(
            "empty party",
            collection(movement("m-1", " ", LINE, TIMES)),
            "error: feature 0 (id \"m-1\"): properties.party must not be empty, got \" \""),
        Arguments.of(
            "numeric party",
            collection(movement("m-1", "RU", LINE, TIMES).replace("\"RU\"", "7")),
            "error: feature 0 (id \"m-1\"): properties.party must be a string, got 7"),
        // geometry
        Arguments.of(
            "missing geometry",
            collection(
                "{\"type\": \"Feature\", \"id\": \"s\", \"properties\": {\"kind\": \"site\","
                    + " \"party\": \"US\", \"radiusMeters\": 10}, \"geometry\": null}"),
            "error: feature 0 (id \"s\"): geometry is missing; a site needs a Point"),
        Arguments.of(
            "movement with a Point",
            collection(MOVEMENT, movement("m-1", "RU", LINE, TIMES).replace("LineString", "Point")),
            "error: feature 1 (id \"m-1\"): geometry.type \"Point\" is not \"LineString\", the"
                + " geometry of a movement"),
        Arguments.of(
            "site with a LineString",
            collection(site("s", "US", "[41.0, 37.0]", "10", "").replace("Point", "LineString")),
            "error: feature 0 (id \"s\"): geometry.type \"LineString\" is not \"Point\", the"
                + " geometry of a site"),
        Arguments.of(
            "zone with a MultiPolygon",
            collection(zone("z", "US", SQUARE, "").replace("\"Polygon\"", "\"MultiPolygon\"")),
            "error: feature 0 (id \"z\"): geometry.type \"MultiPolygon\" is not \"Polygon\" or"
                + " \"LineString\", the geometries of a zone"),
        // coordinates
        Arguments.of(
            "longitude out of range",
            collection(movement("m-1", "RU", "[[41.0, 37.0], [181, 37.0]]", TIMES)),
            "error: feature 0 (id \"m-1\"): geometry.coordinates[1][0] longitude 181 is not in"
                + " [-180, 180]"),
        Arguments.of(
            "latitude out of range",
            collection(site("s", "US", "[41.0, -90.5]", "10", "")),
            "error: feature 0 (id \"s\"): geometry.coordinates[1] latitude -90.5 is not in [-90,"
                + " 90]"),
        Arguments.of(
            "coordinate not finite",
            collection(movement("m-1", "RU", "[[41.0, 37.0], [41.1, 1e400]]", TIMES)),
            "error: feature 0 (id \"m-1\"): geometry.coordinates[1][1] Infinity is not a finite"
                + " number"),
        Arguments.of(
            "coordinate not a number",
            collection(movement("m-1", "RU", "[[41.0, \"37.0\"], [41.1, 37.0]]", TIMES)),
            "error: feature 0 (id \"m-1\"): geometry.coordinates[0][1] must be a number, got"
                + " \"37.0\""),
        Arguments.of(
            "altitude not a number",
            collection(movement("m-1", "RU", "[[41.0, 37.0, \"high\"], [41.1, 37.0]]", TIMES)),
            "error: feature 0 (id \"m-1\"): geometry.coordinates[0][2] must be a number, got"
                + " \"high\""),
        Arguments.of(
            "position of four numbers",
            collection(movement("m-1", "RU", "[[41.0, 37.0, 1, 2], [41.1, 37.0]]", TIMES)),
            "error: feature 0 (id \"m-1\"): geometry.coordinates[0] must be a position [lon, lat]"
                + " or [lon, lat, altitude], got an array of 4 elements"),
        Arguments.of(
            "movement of one position",
            collection(movement("m-1", "RU", "[[41.0, 37.0]]", "[\"2022-10-08T09:00:00Z\"]")),
            "error: feature 0 (id \"m-1\"): geometry.coordinates has 1 position; a movement needs"
                + " at least 2"),
        // times
        Arguments.of(
            "times not increasing",
            collection(
                MOVEMENT,
                site("s-1", "RU", "[41.0, 37.0]", "100", ""),
                site("s-2", "RU", "[41.0, 37.1]", "100", ""),
                movement(
                    "m-17",
                    "RU",
                    "[[41.0, 37.0], [41.1, 37.0], [41.2, 37.0], [41.3, 37.0], [41.4, 37.0]]",
                    "[\"2022-10-08T08:00:00Z\", \"2022-10-08T08:20:00Z\", \"2022-10-08T08:40:00Z\","
                        + " \"2022-10-08T09:05:00Z\", \"2022-10-08T09:00:00Z\"]")),
            "error: feature 3 (id \"m-17\"): properties.times[4] 2022-10-08T09:00:00Z is not after"
                + " properties.times[3] 2022-10-08T09:05:00Z"),
        Arguments.of(
            "equal times",
            collection(
                movement(
                    "m-1",
                    "RU",
                    LINE,
                    "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:00:00+00:00\"]")),
            "error: feature 0 (id \"m-1\"): properties.times[1] 2022-10-08T09:00:00Z is not after"
                + " properties.times[0] 2022-10-08T09:00:00Z"),
        Arguments.of(
            "times less than a millisecond apart",
            collection(
                movement(
                    "m-1",
                    "RU",
                    LINE,
                    "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:00:00.0005Z\"]")),
            "error: feature 0 (id \"m-1\"): properties.times[1] 2022-10-08T09:00:00.000500Z is less"
                + " than 1 ms after properties.times[0] 2022-10-08T09:00:00Z; times are resolved to"
                + " the millisecond"),
        Arguments.of(
            "fewer times than positions",
            collection(movement("m-1", "RU", LINE, "[\"2022-10-08T09:00:00Z\"]")),
            "error: feature 0 (id \"m-1\"): properties.times has 1 entry but geometry.coordinates"
                + " has 2 positions; give one time per position"),
        Arguments.of(
            "missing times",
            collection(movement("m-1", "RU", LINE, "null")),
            "error: feature 0 (id \"m-1\"): properties.times is missing; a movement needs one time"
                + " per position"),
        Arguments.of(
            "times not an array",
            collection(movement("m-1", "RU", LINE, "\"2022-10-08T09:00:00Z\"")),
            "error: feature 0 (id \"m-1\"): properties.times must be an array of ISO-8601 UTC"
                + " instants, got \"2022-10-08T09:00:00Z\""),
        Arguments.of(
            "unparseable time",
            collection(movement("m-1", "RU", LINE, "[\"2022-10-08T09:00:00Z\", \"9 o'clock\"]")),
            "error: feature 0 (id \"m-1\"): properties.times[1] \"9 o'clock\" is not an ISO-8601"
                + " instant such as 2022-10-08T09:00:00Z"),
        Arguments.of(
            "numeric time",
            collection(movement("m-1", "RU", LINE, "[1665219600, 1665221400]")),
            "error: feature 0 (id \"m-1\"): properties.times[0] must be an ISO-8601 UTC instant"
                + " such as 2022-10-08T09:00:00Z, got 1665219600"),
        Arguments.of(
            "local time without offset",
            collection(
                movement("m-1", "RU", LINE, "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:30:00\"]")),
            "error: feature 0 (id \"m-1\"): properties.times[1] \"2022-10-08T09:30:00\" has no UTC"
                + " offset; write it as \"2022-10-08T09:30:00Z\""),
        Arguments.of(
            "time not in UTC",
            collection(
                movement(
                    "m-1",
                    "RU",
                    LINE,
                    "[\"2022-10-08T12:00:00+03:00\", \"2022-10-08T09:30:00Z\"]")),
            "error: feature 0 (id \"m-1\"): properties.times[0] \"2022-10-08T12:00:00+03:00\" is"
                + " not in UTC; use the offset Z or +00:00"),
        Arguments.of(
            "movement longer than the limit",
            collection(
                movement(
                    "m-1", "RU", LINE, "[\"2022-10-01T00:00:00Z\", \"2022-10-15T00:00:01Z\"]")),
            "error: feature 0 (id \"m-1\"): properties.times spans PT336H1S from"
                + " 2022-10-01T00:00:00Z to 2022-10-15T00:00:01Z, longer than the limit of 14"
                + " days"),
        Arguments.of(
            "too many waypoints",
            collection(manyWaypoints(10_001)),
            "error: feature 0 (id \"long\"): geometry.coordinates has 10001 positions, more than"
                + " the limit of 10000"),
        // separation and radius
        Arguments.of(
            "separation zero",
            collection(movement("m-1", "RU", LINE, TIMES, "\"separationMeters\": 0, ")),
            "error: feature 0 (id \"m-1\"): properties.separationMeters must be > 0, got 0"),
        Arguments.of(
            "separation negative",
            collection(movement("m-1", "RU", LINE, TIMES, "\"separationMeters\": -5.5, ")),
            "error: feature 0 (id \"m-1\"): properties.separationMeters must be > 0, got -5.5"),
        Arguments.of(
            "separation a string",
            collection(movement("m-1", "RU", LINE, TIMES, "\"separationMeters\": \"1 km\", ")),
            "error: feature 0 (id \"m-1\"): properties.separationMeters must be a number of"
                + " metres, got \"1 km\""),
        Arguments.of(
            "separation over the limit",
            collection(movement("m-1", "RU", LINE, TIMES, "\"separationMeters\": 100001, ")),
            "error: feature 0 (id \"m-1\"): properties.separationMeters 100001 is more than the"
                + " limit of 100000"),
        Arguments.of(
            "radius zero",
            collection(MOVEMENT, site("s-1", "RU", "[41.0, 37.0]", "0", "")),
            "error: feature 1 (id \"s-1\"): properties.radiusMeters must be > 0, got 0"),
        Arguments.of(
            "radius negative",
            collection(site("s-1", "RU", "[41.0, 37.0]", "-100", "")),
            "error: feature 0 (id \"s-1\"): properties.radiusMeters must be > 0, got -100"),
        Arguments.of(
            "radius missing",
            collection(site("s-1", "RU", "[41.0, 37.0]", "null", "")),
            "error: feature 0 (id \"s-1\"): properties.radiusMeters is missing; a site needs a"
                + " radius in metres"),
        Arguments.of(
            "radius over the limit",
            collection(site("s-1", "RU", "[41.0, 37.0]", "250000", "")),
            "error: feature 0 (id \"s-1\"): properties.radiusMeters 250000 is more than the limit"
                + " of 100000"),
        // validity
        Arguments.of(
            "validity ends before it starts",
            collection(
                site(
                    "s-1",
                    "RU",
                    "[41.0, 37.0]",
                    "100",
                    "\"validFrom\": \"2022-10-08T10:00:00Z\", \"validUntil\":"
                        + " \"2022-10-08T10:00:00Z\", ")),
            "error: feature 0 (id \"s-1\"): properties.validUntil 2022-10-08T10:00:00Z is not"
                + " after properties.validFrom 2022-10-08T10:00:00Z"),
        Arguments.of(
            "validFrom without offset",
            collection(zone("z", "RU", SQUARE, "\"validFrom\": \"2022-10-08T10:00\", ")),
            "error: feature 0 (id \"z\"): properties.validFrom \"2022-10-08T10:00\" has no UTC"
                + " offset; write it as \"2022-10-08T10:00Z\""),
        // polygons
        Arguments.of(
            "unclosed ring",
            collection(
                zone("z", "RU", "[[[40.0, 36.0], [40.1, 36.0], [40.1, 36.1], [40.0, 36.1]]]", "")),
            "error: feature 0 (id \"z\"): geometry.coordinates[0] is not closed: its first"
                + " position [40.0, 36.0] differs from its last [40.0, 36.1]"),
        Arguments.of(
            "unclosed hole",
            collection(
                zone(
                    "z",
                    "RU",
                    SQUARE.substring(0, SQUARE.length() - 1)
                        + ", [[40.02, 36.02], [40.05, 36.02], [40.05, 36.05], [40.02, 36.04]]]",
                    "")),
            "error: feature 0 (id \"z\"): geometry.coordinates[1] is not closed: its first"
                + " position [40.02, 36.02] differs from its last [40.02, 36.04]"),
        Arguments.of(
            "ring of three positions",
            collection(zone("z", "RU", "[[[40.0, 36.0], [40.1, 36.0], [40.0, 36.0]]]", "")),
            "error: feature 0 (id \"z\"): geometry.coordinates[0] has 3 positions; a ring needs at"
                + " least 4, the last equal to the first"),
        Arguments.of(
            "no ring",
            collection(zone("z", "RU", "[]", "")),
            "error: feature 0 (id \"z\"): geometry.coordinates has no ring; a polygon needs at"
                + " least its outer ring"),
        Arguments.of(
            "self-intersecting polygon",
            collection(
                zone(
                    "z",
                    "RU",
                    "[[[40.0, 36.0], [40.1, 36.1], [40.1, 36.0], [40.0, 36.1], [40.0, 36.0]]]",
                    "")),
            "error: feature 0 (id \"z\"): geometry is not a valid polygon: Self-intersection at"
                + " [40.05, 36.05]"),
        Arguments.of(
            "hole outside the shell",
            collection(
                zone(
                    "z",
                    "RU",
                    SQUARE.substring(0, SQUARE.length() - 1)
                        + ", [[41.0, 36.0], [41.1, 36.0], [41.1, 36.1], [41.0, 36.0]]]",
                    "")),
            "error: feature 0 (id \"z\"): geometry is not a valid polygon: Hole lies outside shell"
                + " at [41.0, 36.0]"),
        Arguments.of(
            "zone beyond 85 degrees",
            collection(
                zone("z", "RU", "[[[40.0, 85.0], [40.1, 85.0], [40.1, 85.5], [40.0, 85.0]]]", "")),
            "error: feature 0 (id \"z\"): geometry.coordinates[0][2][1] latitude 85.5 is beyond"
                + " 85.0 degrees, the limit for zones"));
  }

  private static String manyWaypoints(int n) {
    Instant start = Instant.parse("2022-10-08T00:00:00Z");
    String coordinates =
        IntStream.range(0, n)
            .mapToObj(i -> "[" + (40 + i * 1e-4) + ", 37.0]")
            .collect(Collectors.joining(", ", "[", "]"));
    String times =
        IntStream.range(0, n)
            .mapToObj(i -> "\"" + start.plusSeconds(i) + "\"")
            .collect(Collectors.joining(", ", "[", "]"));
    return movement("long", "US", coordinates, times);
  }
}
