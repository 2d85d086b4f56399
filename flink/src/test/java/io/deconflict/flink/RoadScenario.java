package io.deconflict.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.sf.geographiclib.Geodesic;

/**
 * A seeded road scenario as GeoJSON Features: towns in a box of about 90 by 90 km, roads between
 * them with a few bends, movements of three parties driving a road on one day (30 to 80 km/h,
 * separations 300 to 2,000 m, some halting at a bend), and a site at some towns.
 */
final class RoadScenario {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] PARTIES = {"blue", "red", "green"};
  private static final Instant DAY = Instant.parse("2027-03-01T06:00:00Z");

  private RoadScenario() {}

  /** {@code movements} movements and a site at every third town, from {@code seed}. */
  static List<ObjectNode> features(long seed, int movements) {
    Random random = new Random(seed);
    int towns = 10;
    double[][] town = new double[towns][];
    for (int t = 0; t < towns; t++) {
      town[t] = new double[] {40.0 + random.nextDouble(), 36.5 + random.nextDouble() * 0.8};
    }
    List<double[][]> roads = new ArrayList<>();
    for (int t = 0; t < towns; t++) {
      for (int u = t + 1; u < towns; u++) {
        if (random.nextDouble() < 0.35) {
          roads.add(road(town[t], town[u], random));
        }
      }
    }
    List<ObjectNode> features = new ArrayList<>();
    for (int t = 0; t < towns; t += 3) {
      features.add(site("site-" + t, PARTIES[t % 3], town[t], 1500));
    }
    for (int m = 0; m < movements; m++) {
      double[][] road = roads.get(random.nextInt(roads.size()));
      boolean backwards = random.nextBoolean();
      double speed = (30 + random.nextDouble() * 50) / 3.6;
      long startMillis = DAY.toEpochMilli() + (long) (random.nextDouble() * 8 * 3600_000);
      int halt = random.nextDouble() < 0.3 ? 1 + random.nextInt(road.length - 2) : -1;
      features.add(
          movement(
              "m-" + m,
              PARTIES[random.nextInt(3)],
              road,
              backwards,
              speed,
              startMillis,
              halt,
              300 + Math.rint(random.nextDouble() * 1700)));
    }
    return features;
  }

  private static double[][] road(double[] from, double[] to, Random random) {
    int bends = 3;
    double[][] points = new double[bends + 2][];
    points[0] = from;
    points[bends + 1] = to;
    for (int b = 1; b <= bends; b++) {
      double f = (double) b / (bends + 1);
      points[b] =
          new double[] {
            from[0] + (to[0] - from[0]) * f + (random.nextDouble() - 0.5) * 0.05,
            from[1] + (to[1] - from[1]) * f + (random.nextDouble() - 0.5) * 0.05
          };
    }
    return points;
  }

  private static ObjectNode movement(
      String id,
      String party,
      double[][] road,
      boolean backwards,
      double speed,
      long startMillis,
      int halt,
      double separationMeters) {
    ObjectNode f = feature(id, "movement", party);
    ObjectNode properties = (ObjectNode) f.get("properties");
    properties.put("separationMeters", separationMeters);
    ArrayNode times = properties.putArray("times");
    ArrayNode coordinates = MAPPER.createArrayNode();
    long millis = startMillis;
    double[] previous = null;
    for (int i = 0; i < road.length; i++) {
      double[] p = road[backwards ? road.length - 1 - i : i];
      if (previous != null) {
        double meters = Geodesic.WGS84.Inverse(previous[1], previous[0], p[1], p[0]).s12;
        millis += Math.max(1000, Math.round(meters / speed * 1000));
      }
      coordinates.add(MAPPER.createArrayNode().add(p[0]).add(p[1]));
      times.add(Instant.ofEpochMilli(millis).toString());
      if (i == halt) {
        millis += 10 * 60_000;
        coordinates.add(MAPPER.createArrayNode().add(p[0]).add(p[1]));
        times.add(Instant.ofEpochMilli(millis).toString());
      }
      previous = p;
    }
    ObjectNode geometry = f.putObject("geometry");
    geometry.put("type", "LineString");
    geometry.set("coordinates", coordinates);
    return f;
  }

  private static ObjectNode site(String id, String party, double[] at, double radiusMeters) {
    ObjectNode f = feature(id, "site", party);
    ((ObjectNode) f.get("properties")).put("radiusMeters", radiusMeters);
    ObjectNode geometry = f.putObject("geometry");
    geometry.put("type", "Point");
    geometry.putArray("coordinates").add(at[0]).add(at[1]);
    return f;
  }

  private static ObjectNode feature(String id, String kind, String party) {
    ObjectNode f = MAPPER.createObjectNode();
    f.put("type", "Feature");
    f.put("id", id);
    ObjectNode properties = f.putObject("properties");
    properties.put("kind", kind);
    properties.put("party", party);
    return f;
  }
}
