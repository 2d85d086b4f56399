package io.deconflict.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The ground under the review's map image: the same data the web map draws (web/src/map.js), so the
 * PDF and the browser show one map. Country borders come from the world-atlas TopoJSON that the web
 * module bundles (Natural Earth, 1:50m), read from the web jar on the class path; the deployment's
 * base-map layers ({@code map.layers} of the configuration, served at {@code /api/v1/map/layers})
 * are passed in as the GeoJSON FeatureCollections the server read: points become labelled places,
 * lines and polygons roads, as in the browser.
 *
 * <p>Immutable and thread-safe; the borders are read once per process (about 240 countries, a few
 * megabytes of geometry).
 */
public final class BaseMap {

  /**
   * The web jar's copy of world-atlas's countries-50m.json (web/scripts/build.mjs puts it there).
   */
  static final String BORDERS_RESOURCE = "/io/deconflict/web/static/vendor/countries-50m.json";

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  /** A named place of a layer. */
  record Place(String name, double lon, double lat) {}

  /**
   * A line of a layer (a road, a river); {@code major} for an M-road, drawn wider as on the web.
   */
  record Line(Geometry geometry, boolean major) {}

  private final List<TopoJson.Shape> countries;
  private final List<Line> lines;
  private final List<Place> places;

  private BaseMap(List<TopoJson.Shape> countries, List<Line> lines, List<Place> places) {
    this.countries = List.copyOf(countries);
    this.lines = List.copyOf(lines);
    this.places = List.copyOf(places);
  }

  /** Country borders only (the web map without configured layers). */
  public static BaseMap borders() {
    return new BaseMap(Borders.COUNTRIES, List.of(), List.of());
  }

  /** Nothing at all: a blank ground (for a deployment that wants no map drawn under the marks). */
  public static BaseMap blank() {
    return new BaseMap(List.of(), List.of(), List.of());
  }

  /**
   * These borders with the given base-map layers on top, in drawing order.
   *
   * @param layers GeoJSON FeatureCollections; features of other geometry types are skipped
   * @throws IllegalArgumentException when a layer is not a FeatureCollection
   */
  public BaseMap withLayers(List<? extends JsonNode> layers) {
    List<Line> l = new ArrayList<>(lines);
    List<Place> p = new ArrayList<>(places);
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      if (!"FeatureCollection".equals(layer.path("type").asText())) {
        throw new IllegalArgumentException(
            "map layer " + i + " is not a GeoJSON FeatureCollection");
      }
      for (JsonNode f : layer.path("features")) {
        read(f, l, p);
      }
    }
    return new BaseMap(countries, l, p);
  }

  List<TopoJson.Shape> countries() {
    return countries;
  }

  List<Line> lines() {
    return lines;
  }

  List<Place> places() {
    return places;
  }

  private static void read(JsonNode feature, List<Line> lines, List<Place> places) {
    JsonNode g = feature.path("geometry");
    JsonNode c = g.path("coordinates");
    JsonNode props = feature.path("properties");
    boolean major = props.path("ref").asText("").startsWith("M");
    switch (g.path("type").asText()) {
      case "Point" -> {
        if (c.size() >= 2) {
          places.add(
              new Place(props.path("name").asText(""), c.get(0).asDouble(), c.get(1).asDouble()));
        }
      }
      case "LineString" -> lines.add(new Line(line(c), major));
      case "MultiLineString" -> {
        for (JsonNode part : c) {
          lines.add(new Line(line(part), major));
        }
      }
      case "Polygon" -> lines.add(new Line(polygon(c), major));
      case "MultiPolygon" -> {
        for (JsonNode part : c) {
          lines.add(new Line(polygon(part), major));
        }
      }
      default -> {
        // other geometries are not drawn by the web map either
      }
    }
  }

  private static Coordinate[] coordinates(JsonNode list) {
    Coordinate[] out = new Coordinate[list.size()];
    for (int i = 0; i < list.size(); i++) {
      out[i] = new Coordinate(list.get(i).path(0).asDouble(), list.get(i).path(1).asDouble());
    }
    return out;
  }

  private static LineString line(JsonNode list) {
    Coordinate[] c = coordinates(list);
    return c.length >= 2 ? GEOMETRY.createLineString(c) : GEOMETRY.createLineString();
  }

  private static Geometry polygon(JsonNode rings) {
    List<LinearRing> out = new ArrayList<>();
    for (JsonNode ring : rings) {
      Coordinate[] c = coordinates(ring);
      if (c.length >= 4 && c[0].equals2D(c[c.length - 1])) {
        out.add(GEOMETRY.createLinearRing(c));
      }
    }
    if (out.isEmpty()) {
      return GEOMETRY.createPolygon();
    }
    Polygon p =
        GEOMETRY.createPolygon(out.get(0), out.subList(1, out.size()).toArray(LinearRing[]::new));
    return p.getBoundary();
  }

  /** The web's borders, read on first use. */
  private static final class Borders {
    static final List<TopoJson.Shape> COUNTRIES = load();

    private static List<TopoJson.Shape> load() {
      try (InputStream in = BaseMap.class.getResourceAsStream(BORDERS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the web map's borders "
                  + BORDERS_RESOURCE
                  + " are not on the class path (is deconflict-web built?)");
        }
        return TopoJson.shapes(new ObjectMapper().readTree(in), "countries");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the web map's borders " + BORDERS_RESOURCE, e);
      }
    }
  }
}
