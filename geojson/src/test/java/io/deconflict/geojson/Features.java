package io.deconflict.geojson;

import java.util.Arrays;
import java.util.stream.Collectors;

/** GeoJSON text for tests: feature collections and valid features to start from. */
public final class Features {

  /** A valid US movement east along the 37th parallel, 09:00 to 09:30. */
  public static final String MOVEMENT =
      movement(
          "m-0",
          "US",
          "[[41.0, 37.0], [41.2, 37.0]]",
          "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:30:00Z\"]");

  private Features() {}

  /** A FeatureCollection holding {@code features}. */
  public static String collection(String... features) {
    return "{\"type\": \"FeatureCollection\", \"features\": ["
        + Arrays.stream(features).collect(Collectors.joining(",\n"))
        + "]}";
  }

  /** A movement feature. */
  public static String movement(String id, String party, String coordinates, String times) {
    return movement(id, party, coordinates, times, "");
  }

  /** A movement feature with extra properties, e.g. {@code "separationMeters": 50, }. */
  public static String movement(
      String id, String party, String coordinates, String times, String extraProperties) {
    return """
        {"type": "Feature", "id": "%s",
         "properties": {%s"kind": "movement", "party": "%s", "times": %s},
         "geometry": {"type": "LineString", "coordinates": %s}}"""
        .formatted(id, extraProperties, party, times, coordinates);
  }

  /** A site feature with radius and extra properties. */
  public static String site(
      String id, String party, String position, String radius, String extraProperties) {
    return """
        {"type": "Feature", "id": "%s",
         "properties": {%s"kind": "site", "party": "%s", "radiusMeters": %s},
         "geometry": {"type": "Point", "coordinates": %s}}"""
        .formatted(id, extraProperties, party, radius, position);
  }

  /** A zone feature with extra properties. */
  public static String zone(String id, String party, String rings, String extraProperties) {
    return """
        {"type": "Feature", "id": "%s",
         "properties": {%s"kind": "zone", "party": "%s"},
         "geometry": {"type": "Polygon", "coordinates": %s}}"""
        .formatted(id, extraProperties, party, rings);
  }
}
