package io.deconflict.engine.reference;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.item.ZoneGeometry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Seeded random items in a box around a centre: movements (2 to 10 waypoints, 5 to 30 m/s, some
 * halts, separations 100 to 3000 m), sites and zones (star-shaped, some with a hole), for three
 * parties.
 *
 * <p>Movements go between hubs (so that some share a road) and random points; with {@link #roads}
 * they follow a small road network (each hub joined to its nearest ones) instead.
 */
public final class ScenarioGenerator {

  /** Where a scenario is. */
  public enum Region {
    /** Anywhere within 60 degrees of the equator. */
    MID_LATITUDE,
    /** Astride the antimeridian. */
    ANTIMERIDIAN,
    /** Between 70 and 84 degrees north or south. */
    HIGH_LATITUDE
  }

  /** The earliest start of any movement. */
  public static final Instant BASE = Instant.parse("2025-03-01T06:00:00Z");

  private static final GeometryFactory GEOMETRY = new GeometryFactory();
  private static final String[] PARTIES = {"p1", "p2", "p3"};

  private final Random random;
  private final GeoPoint centre;
  private final double radiusMeters;
  private final List<GeoPoint> hubs = new ArrayList<>();
  private final List<List<Integer>> roads = new ArrayList<>();
  private final boolean roadNetwork;
  private final double zoneRadiusMeters;

  /**
   * A generator.
   *
   * @param seed the seed; the same seed gives the same items
   * @param region where
   * @param radiusMeters the box's half-size
   * @param hubCount how many hubs
   * @param roadNetwork whether movements follow roads between hubs
   */
  public ScenarioGenerator(
      long seed, Region region, double radiusMeters, int hubCount, boolean roadNetwork) {
    this.random = new Random(seed);
    this.radiusMeters = radiusMeters;
    this.roadNetwork = roadNetwork;
    this.zoneRadiusMeters = Math.min(6000, radiusMeters / 5);
    this.centre = centreOf(region);
    for (int i = 0; i < hubCount; i++) {
      hubs.add(randomPoint());
    }
    for (int i = 0; i < hubCount; i++) {
      int from = i;
      List<Integer> nearest = new ArrayList<>();
      for (int j = 0; j < hubCount; j++) {
        if (j != i) {
          nearest.add(j);
        }
      }
      nearest.sort(
          Comparator.comparingDouble(j -> GeodesicReference.distance(hubs.get(from), hubs.get(j))));
      roads.add(new ArrayList<>(nearest.subList(0, Math.min(3, nearest.size()))));
    }
    for (int i = 0; i < hubCount; i++) {
      for (int j : List.copyOf(roads.get(i))) {
        if (!roads.get(j).contains(i)) {
          roads.get(j).add(i);
        }
      }
    }
  }

  /**
   * The region a seed's small scenario lies in: a quarter astride the antimeridian, a quarter high.
   */
  public static Region regionOf(long seed) {
    return switch ((int) Math.floorMod(seed, 4L)) {
      case 0 -> Region.ANTIMERIDIAN;
      case 1 -> Region.HIGH_LATITUDE;
      default -> Region.MID_LATITUDE;
    };
  }

  private GeoPoint centreOf(Region region) {
    return switch (region) {
      case MID_LATITUDE -> GeoPoint.of(uniform(-170, 170), uniform(-60, 60));
      case ANTIMERIDIAN ->
          GeoPoint.of(
              random.nextBoolean() ? uniform(179.8, 180) : uniform(-180, -179.8), uniform(-60, 60));
      case HIGH_LATITUDE ->
          GeoPoint.of(uniform(-180, 180), (random.nextBoolean() ? 1 : -1) * uniform(70, 84));
    };
  }

  /** {@code count} random items, {@code newItem(0)} to {@code newItem(count - 1)}. */
  public List<Item> items(int count) {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(newItem(i));
    }
    return out;
  }

  /**
   * A random item whose id is its kind's letter and {@code index}, e.g. {@code m007}: 70%
   * movements, 15% sites, 15% zones, of a random party.
   */
  public Item newItem(int index) {
    return item(null, String.format("%03d", index));
  }

  /** A random item of a random kind and party with exactly this id. */
  public Item item(String id) {
    return item(id, "");
  }

  private Item item(@Nullable String exactId, String suffix) {
    String party = PARTIES[random.nextInt(PARTIES.length)];
    double kind = random.nextDouble();
    if (kind < 0.70) {
      return movement(exactId != null ? exactId : "m" + suffix, party);
    }
    if (kind < 0.85) {
      return site(exactId != null ? exactId : "s" + suffix, party);
    }
    return zone(exactId != null ? exactId : "z" + suffix, party);
  }

  /** A random movement. */
  public Movement movement(String id, String party) {
    int n = 2 + random.nextInt(9);
    double separation = uniform(100, 3000);
    Instant t = BASE.plusMillis(random.nextInt(3_600_000));
    int hub = random.nextInt(hubs.size());
    GeoPoint p = roadNetwork || random.nextBoolean() ? hubs.get(hub) : randomPoint();
    List<Waypoint> waypoints = new ArrayList<>();
    waypoints.add(new Waypoint(p, t));
    int previousHub = -1;
    while (waypoints.size() < n) {
      if (random.nextDouble() < 0.15) {
        t = t.plusMillis(30_000 + random.nextInt(570_000));
        waypoints.add(new Waypoint(p, t));
        continue;
      }
      GeoPoint q;
      if (roadNetwork) {
        List<Integer> next = new ArrayList<>(roads.get(hub));
        if (next.size() > 1) {
          next.remove(Integer.valueOf(previousHub));
        }
        previousHub = hub;
        hub = next.get(random.nextInt(next.size()));
        q = hubs.get(hub);
      } else {
        q = random.nextBoolean() ? hubs.get(random.nextInt(hubs.size())) : randomPoint();
      }
      double speed = uniform(5, 30);
      long millis = (long) Math.ceil(GeodesicReference.distance(p, q) / speed * 1000);
      t = t.plusMillis(Math.max(1, millis));
      waypoints.add(new Waypoint(q, t));
      p = q;
    }
    return new Movement(id, party, waypoints, separation);
  }

  /**
   * A random site: a third at a hub, a third on the geodesic between two hubs (so that movements
   * between them pass right over its centre, between waypoints), a third anywhere.
   */
  public Site site(String id, String party) {
    double where = random.nextDouble();
    GeoPoint at;
    if (where < 1.0 / 3) {
      at = hubs.get(random.nextInt(hubs.size()));
    } else if (where < 2.0 / 3) {
      GeoPoint from = hubs.get(random.nextInt(hubs.size()));
      GeoPoint to = hubs.get(random.nextInt(hubs.size()));
      GeodesicLine line = Geodesic.WGS84.InverseLine(from.lat(), from.lon(), to.lat(), to.lon());
      GeodesicData d = line.Position(uniform(0.1, 0.9) * line.Distance());
      at = GeoPoint.of(d.lon2, d.lat2);
    } else {
      at = randomPoint();
    }
    return new Site(id, party, at, uniform(100, 3000), validity());
  }

  /** A random star-shaped zone, with a hole a third of the time. */
  public Zone zone(String id, String party) {
    for (int attempt = 0; ; attempt++) {
      GeoPoint c = randomPoint();
      int n = 5 + random.nextInt(6);
      double r0 = uniform(0.15, 1) * zoneRadiusMeters;
      Coordinate[] shell = new Coordinate[n + 1];
      double minRadius = Double.POSITIVE_INFINITY;
      double offset = uniform(0, 360);
      for (int i = 0; i < n; i++) {
        double azimuth = offset + 360.0 * (i + uniform(-0.3, 0.3)) / n;
        double r = r0 * uniform(0.5, 1.2);
        minRadius = Math.min(minRadius, r);
        shell[i] = coordinate(direct(c, azimuth, r));
      }
      shell[n] = shell[0];
      LinearRing[] holes = new LinearRing[0];
      if (random.nextDouble() < 1.0 / 3) {
        Coordinate[] hole = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
          hole[i] = coordinate(direct(c, 45 + 90 * i, 0.25 * minRadius));
        }
        hole[4] = hole[0];
        holes = new LinearRing[] {GEOMETRY.createLinearRing(hole)};
      }
      Polygon polygon = GEOMETRY.createPolygon(GEOMETRY.createLinearRing(shell), holes);
      double minLon = Double.POSITIVE_INFINITY;
      double maxLon = Double.NEGATIVE_INFINITY;
      for (Coordinate k : shell) {
        minLon = Math.min(minLon, k.x);
        maxLon = Math.max(maxLon, k.x);
      }
      if (maxLon - minLon > 180 && attempt < 50) {
        continue; // would cross the antimeridian: zones may not
      }
      try {
        return new Zone(id, party, polygon, validity());
      } catch (IllegalArgumentException e) {
        if (attempt >= 50) {
          throw e;
        }
      }
    }
  }

  /**
   * A random line zone: 2 to 5 vertices 1 to 12 km apart turning by up to 100 degrees each, with a
   * buffer of 100 to 2000 m half of the time, else a random hand and a depth of 200 to 3000 m.
   */
  public Zone lineZone(String id, String party) {
    int n = 2 + random.nextInt(4);
    List<GeoPoint> line = new ArrayList<>();
    GeoPoint p = randomPoint();
    double azimuth = uniform(0, 360);
    line.add(p);
    for (int i = 1; i < n; i++) {
      p = direct(p, azimuth, uniform(1_000, 12_000));
      line.add(p);
      azimuth += uniform(-100, 100);
    }
    ZoneGeometry geometry =
        random.nextBoolean()
            ? new ZoneGeometry.Buffer(line, uniform(100, 2_000))
            : new ZoneGeometry.Side(
                line,
                random.nextBoolean() ? ZoneGeometry.Hand.LEFT : ZoneGeometry.Hand.RIGHT,
                uniform(200, 3_000));
    return new Zone(id, party, geometry, validity());
  }

  /** Always half of the time, else a window of 10 minutes to 4 hours within the first 4 hours. */
  private Validity validity() {
    if (random.nextBoolean()) {
      return Validity.always();
    }
    Instant from = BASE.plusMillis((long) (random.nextDouble() * 4 * 3_600_000));
    return new Validity(from, from.plusMillis((long) uniform(600_000, 4 * 3_600_000)));
  }

  /** A uniformly random point in the disc of {@code radiusMeters} around the centre. */
  public GeoPoint randomPoint() {
    return direct(centre, uniform(0, 360), radiusMeters * Math.sqrt(random.nextDouble()));
  }

  /** A uniform random number in {@code [lo, hi)}. */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  /** The random source, for callers that pick operations. */
  public Random random() {
    return random;
  }

  private static Coordinate coordinate(GeoPoint p) {
    return new Coordinate(p.lon(), p.lat());
  }

  /** The point {@code meters} from {@code from} along {@code azimuth} (GeographicLib Direct). */
  public static GeoPoint direct(GeoPoint from, double azimuth, double meters) {
    GeodesicData d = Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuth, meters);
    return GeoPoint.of(d.lon2, d.lat2);
  }
}
