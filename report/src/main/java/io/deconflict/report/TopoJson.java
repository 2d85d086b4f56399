package io.deconflict.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A reader of TopoJSON (the format of world-atlas, which the web map draws its borders from): the
 * polygons of one named object of a topology as JTS geometries in longitude and latitude.
 *
 * <p>Implements the TopoJSON 1.0 specification's arc decoding: quantized, delta-encoded arcs (when
 * the topology has a {@code transform}), rings stitched from arcs where a negative index {@code ~i}
 * is arc {@code i} reversed and each arc after the first drops its first point (the previous arc's
 * last). Only Polygon and MultiPolygon geometries are read; anything else in the collection is
 * skipped. Cost is linear in the number of arc points; stateless and thread-safe.
 */
final class TopoJson {

  /**
   * One geometry of the object with its {@code id} (0 when it has no numeric id) and {@code
   * properties.name} ("" without one).
   */
  record Shape(int id, String name, Geometry geometry) {}

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private TopoJson() {}

  /**
   * The polygons of {@code topology.objects[object]}.
   *
   * @throws IllegalArgumentException when the topology has no such object or an arc index is out of
   *     range
   */
  static List<Shape> shapes(JsonNode topology, String object) {
    JsonNode collection = topology.path("objects").path(object);
    if (collection.isMissingNode()) {
      throw new IllegalArgumentException("TopoJSON topology has no object \"" + object + "\"");
    }
    List<Coordinate[]> arcs = arcs(topology);
    List<Shape> out = new ArrayList<>();
    Iterable<JsonNode> list =
        collection.path("geometries").isArray()
            ? collection.path("geometries")
            : List.of(collection);
    for (JsonNode g : list) {
      String type = g.path("type").asText();
      Geometry geometry;
      if ("Polygon".equals(type)) {
        geometry = polygon(g.path("arcs"), arcs);
      } else if ("MultiPolygon".equals(type)) {
        List<Polygon> parts = new ArrayList<>();
        for (JsonNode p : g.path("arcs")) {
          parts.add(polygon(p, arcs));
        }
        geometry = GEOMETRY.createMultiPolygon(parts.toArray(Polygon[]::new));
      } else {
        continue;
      }
      out.add(
          new Shape(g.path("id").asInt(0), g.path("properties").path("name").asText(""), geometry));
    }
    return out;
  }

  private static List<Coordinate[]> arcs(JsonNode topology) {
    JsonNode transform = topology.path("transform");
    boolean quantized = transform.isObject();
    double sx = quantized ? transform.path("scale").path(0).asDouble(1) : 1;
    double sy = quantized ? transform.path("scale").path(1).asDouble(1) : 1;
    double tx = quantized ? transform.path("translate").path(0).asDouble(0) : 0;
    double ty = quantized ? transform.path("translate").path(1).asDouble(0) : 0;
    List<Coordinate[]> out = new ArrayList<>();
    for (JsonNode arc : topology.path("arcs")) {
      Coordinate[] points = new Coordinate[arc.size()];
      double x = 0;
      double y = 0;
      for (int i = 0; i < arc.size(); i++) {
        JsonNode p = arc.get(i);
        if (quantized) {
          x += p.get(0).asDouble();
          y += p.get(1).asDouble();
          points[i] = new Coordinate(x * sx + tx, y * sy + ty);
        } else {
          points[i] = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
        }
      }
      out.add(points);
    }
    return out;
  }

  private static Polygon polygon(JsonNode rings, List<Coordinate[]> arcs) {
    List<LinearRing> out = new ArrayList<>();
    for (JsonNode ring : rings) {
      List<Coordinate> points = new ArrayList<>();
      for (JsonNode index : ring) {
        int i = index.asInt();
        int arc = i < 0 ? ~i : i;
        if (arc >= arcs.size()) {
          throw new IllegalArgumentException(
              "TopoJSON arc index " + i + " is out of range (" + arcs.size() + " arcs)");
        }
        Coordinate[] a = arcs.get(arc);
        for (int k = 0; k < a.length; k++) {
          Coordinate c = i < 0 ? a[a.length - 1 - k] : a[k];
          if (k == 0 && !points.isEmpty()) {
            continue;
          }
          points.add(c);
        }
      }
      if (points.size() < 4) {
        continue;
      }
      if (!points.get(0).equals2D(points.get(points.size() - 1))) {
        points.add(new Coordinate(points.get(0)));
      }
      out.add(GEOMETRY.createLinearRing(points.toArray(Coordinate[]::new)));
    }
    if (out.isEmpty()) {
      return GEOMETRY.createPolygon();
    }
    return GEOMETRY.createPolygon(
        out.get(0), out.subList(1, out.size()).toArray(LinearRing[]::new));
  }
}
