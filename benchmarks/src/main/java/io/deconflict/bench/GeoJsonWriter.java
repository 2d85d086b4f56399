package io.deconflict.bench;

import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * Writes generated items as the GeoJSON FeatureCollection {@code deconflict check} reads
 * (docs/formats.md), so that the whole process can be benchmarked on the bench's scenarios.
 * Waypoint positions are rounded to 1e-7 degrees; the engine and PostGIS are both given the rounded
 * or the unrounded positions as the benchmark says.
 */
final class GeoJsonWriter {

  private GeoJsonWriter() {}

  /** Writes the items, one feature per line. */
  static void write(List<? extends Item> items, Writer out) throws IOException {
    out.write("{\"type\": \"FeatureCollection\", \"features\": [\n");
    StringBuilder b = new StringBuilder(2048);
    for (int i = 0; i < items.size(); i++) {
      b.setLength(0);
      feature(items.get(i), b);
      if (i + 1 < items.size()) {
        b.append(',');
      }
      b.append('\n');
      out.append(b);
    }
    out.write("]}\n");
  }

  private static void feature(Item item, StringBuilder b) {
    b.append("{\"type\": \"Feature\", \"id\": \"")
        .append(item.id())
        .append("\", \"properties\": {");
    b.append("\"party\": \"").append(item.party()).append("\", ");
    if (item instanceof Movement m) {
      b.append("\"kind\": \"movement\", \"separationMeters\": ").append(m.separationMeters());
      b.append(", \"times\": [");
      List<Waypoint> ws = m.waypoints();
      for (int i = 0; i < ws.size(); i++) {
        b.append(i > 0 ? ", \"" : "\"").append(ws.get(i).time()).append('"');
      }
      b.append("]}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [");
      for (int i = 0; i < ws.size(); i++) {
        b.append(i > 0 ? ", [" : "[").append(degrees(ws.get(i).point().lon())).append(", ");
        b.append(degrees(ws.get(i).point().lat())).append(']');
      }
      b.append("]}}");
    } else if (item instanceof Site s) {
      b.append("\"kind\": \"site\", \"radiusMeters\": ").append(s.radiusMeters());
      validity(s.validity(), b);
      b.append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [");
      b.append(s.center().lon()).append(", ").append(s.center().lat()).append("]}}");
    } else {
      Zone z = (Zone) item;
      b.append("\"kind\": \"zone\"");
      validity(z.validity(), b);
      b.append("}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [");
      ring(z.polygon().getExteriorRing(), b);
      for (int r = 0; r < z.polygon().getNumInteriorRing(); r++) {
        b.append(", ");
        ring(z.polygon().getInteriorRingN(r), b);
      }
      b.append("]}}");
    }
  }

  /**
   * Degrees rounded to 1e-7 (about a centimetre), which keeps a million movements' file near 1.2
   * GiB (full doubles would double it).
   */
  static double degrees(double value) {
    return Math.rint(value * 1e7) / 1e7;
  }

  private static void validity(Validity v, StringBuilder b) {
    if (!v.from().equals(Instant.MIN)) {
      b.append(", \"validFrom\": \"").append(v.from()).append('"');
    }
    if (!v.until().equals(Instant.MAX)) {
      b.append(", \"validUntil\": \"").append(v.until()).append('"');
    }
  }

  private static void ring(LineString ring, StringBuilder b) {
    b.append('[');
    Coordinate[] cs = ring.getCoordinates();
    for (int i = 0; i < cs.length; i++) {
      b.append(i > 0 ? ", [" : "[").append(cs[i].x).append(", ").append(cs[i].y).append(']');
    }
    b.append(']');
  }
}
