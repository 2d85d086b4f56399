package io.deconflict.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Zone;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Parses one GeoJSON Feature sent on its own (a notification over the API) with exactly the rules
 * of {@code docs/formats.md} that {@link FeatureCollectionReader} applies to each feature of a
 * file.
 */
public final class GeoJsonFeatures {

  /** The feature index that marks a feature sent on its own: messages then name only the field. */
  static final int SINGLE = -1;

  private GeoJsonFeatures() {}

  /**
   * The engine item this feature describes.
   *
   * @param feature a parsed JSON value that should be a GeoJSON Feature
   * @param defaultSeparationMeters the separation of a movement that names none
   * @throws InvalidInputException naming the first field that breaks the contract
   */
  public static Item parse(JsonNode feature, double defaultSeparationMeters) {
    return FeatureParser.parse(feature, SINGLE, defaultSeparationMeters);
  }

  /**
   * The engine item this feature describes.
   *
   * @param feature a parsed JSON value that should be a GeoJSON Feature
   * @param defaultSeparationMeters the separation of a movement that names none
   * @param defaultVerticalSeparationMeters the vertical separation of a movement that names none
   * @throws InvalidInputException naming the first field that breaks the contract
   */
  public static Item parse(
      JsonNode feature, double defaultSeparationMeters, double defaultVerticalSeparationMeters) {
    return FeatureParser.parse(
        feature, SINGLE, defaultSeparationMeters, defaultVerticalSeparationMeters);
  }

  /**
   * The outline of a valid line zone's feature as a GeoJSON Polygon geometry ({@link
   * Zone#polygon()}: points at the exact distance from the line, for drawing), or empty for any
   * other feature. The last {@value #OUTLINES} outlines are kept, so a map that polls recomputes
   * nothing. Thread-safe.
   */
  public static Optional<ObjectNode> outline(JsonNode feature) {
    if (!feature.path("geometry").path("type").asText("").equals("LineString")
        || !feature.path("properties").path("kind").asText("zone").equals("zone")) {
      return Optional.empty();
    }
    String key = feature.path("geometry").toString() + feature.path("properties").toString();
    synchronized (CACHE) {
      ObjectNode cached = CACHE.get(key);
      if (cached != null) {
        return Optional.of(cached.deepCopy());
      }
    }
    ObjectNode copy = (ObjectNode) feature.deepCopy();
    ObjectNode props = (ObjectNode) copy.path("properties");
    props.put("kind", "zone");
    if (!props.has("party")) {
      props.put("party", "outline");
    }
    if (!copy.has("id")) {
      copy.put("id", "outline");
    }
    Item item;
    try {
      item = parse(copy, 1);
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
    if (!(item instanceof Zone zone) || zone.isArea()) {
      return Optional.empty();
    }
    Polygon polygon = zone.polygon();
    ObjectNode geometry = JsonNodeFactory.instance.objectNode().put("type", "Polygon");
    ArrayNode rings = geometry.putArray("coordinates");
    ring(rings.addArray(), polygon.getExteriorRing());
    for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
      ring(rings.addArray(), polygon.getInteriorRingN(i));
    }
    synchronized (CACHE) {
      CACHE.put(key, geometry);
    }
    return Optional.of(geometry.deepCopy());
  }

  private static void ring(ArrayNode out, LineString ring) {
    for (Coordinate c : ring.getCoordinates()) {
      out.addArray().add(round(c.x)).add(round(c.y));
    }
  }

  private static double round(double degrees) {
    return Math.rint(degrees * 1e7) / 1e7;
  }

  private static final int OUTLINES = 256;

  private static final Map<String, ObjectNode> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
          return size() > OUTLINES;
        }
      };
}
