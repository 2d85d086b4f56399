package io.deconflict.bench;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Generates reproducible benchmark workloads in a 400 km × 400 km region of northeast Syria on
 * Saturday 8 October 2022.
 *
 * <p>The region is centred on {@link #CENTER_LON}, {@link #CENTER_LAT}. A seeded road network of
 * {@link #TOWNS} towns joins each town to its nearest neighbours with bent roads. Movements have
 * exactly {@link #WAYPOINTS} waypoints, a constant speed in [{@link #MIN_SPEED_MPS}, {@link
 * #MAX_SPEED_MPS}] m/s, last 1–4 h within the day and ask a separation of 500–2000 m; {@link
 * #ON_ROAD_FRACTION} of them follow the roads (so their routes meet), the rest wander off-road.
 * Each scenario of {@code n} movements also has {@code n / 100} sites (radius 200–2000 m) and
 * {@code n / 1000} zones (about 5–30 km across, some with a hole); some sites and zones have a
 * validity window. Items belong to one of {@link #PARTIES}. A generator made with {@code days > 1}
 * spreads the movements and validity windows over that many days, and makes its always-valid sites
 * and zones valid for one whole day each instead, which divides the traffic density (and the
 * conflicts per movement) by about {@code days} and keeps every other property.
 *
 * <p>Everything is a pure function of the seed and the days: item {@code i} of a kind depends only
 * on them and {@code i}, so the scenario of 10,000 movements is the first 10,000 movements of the
 * scenario of 100,000, and {@link #candidates} (ids {@code c…}) never repeat a stored movement.
 *
 * <p>Speeds and durations are measured with {@link LocalFrame#distanceMeters}, within 1e-5 of the
 * WGS84 geodesic; times are whole milliseconds. Generating one movement costs a few microseconds.
 * Instances are immutable and thread-safe.
 */
public final class ScenarioGenerator {

  /** Longitude of the region's centre, degrees. */
  public static final double CENTER_LON = 40.5;

  /** Latitude of the region's centre, degrees. */
  public static final double CENTER_LAT = 36.8;

  /** Half the side of the square region, metres. */
  public static final double HALF_SIDE_METERS = 200_000;

  /** Midnight UTC at the start of the scenario's day. */
  public static final Instant DAY = Instant.parse("2022-10-08T00:00:00Z");

  /** Waypoints per movement. */
  public static final int WAYPOINTS = 20;

  /** Towns in the road network. */
  public static final int TOWNS = 60;

  /** Slowest movement, metres per second. */
  public static final double MIN_SPEED_MPS = 5;

  /** Fastest movement, metres per second. */
  public static final double MAX_SPEED_MPS = 25;

  /** Shortest movement. */
  public static final Duration MIN_DURATION = Duration.ofHours(1);

  /** Longest movement. */
  public static final Duration MAX_DURATION = Duration.ofHours(4);

  /** Share of movements that follow the roads. */
  public static final double ON_ROAD_FRACTION = 0.8;

  /** The parties items belong to. */
  public static final List<String> PARTIES = List.of("alpha", "bravo", "charlie", "delta", "echo");

  private static final long STREAM_MOVEMENT = 1;
  private static final long STREAM_SITE = 2;
  private static final long STREAM_ZONE = 3;
  private static final long STREAM_CANDIDATE = 4;
  private static final long STREAM_NETWORK = 5;

  /** Keeps speeds strictly inside the range after millisecond rounding and distance error. */
  private static final double SPEED_MARGIN_MPS = 0.01;

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final long seed;
  private final int days;
  private final LocalFrame frame = new LocalFrame(CENTER_LON, CENTER_LAT);
  private final RoadNetwork roads;

  /** A generator of one-day scenarios whose every output is a function of {@code seed}. */
  public ScenarioGenerator(long seed) {
    this(seed, 1);
  }

  /**
   * A generator whose every output is a function of {@code seed} and {@code days}.
   *
   * @param seed the seed
   * @param days how many consecutive days from {@link #DAY} the movements and validity windows are
   *     spread over; 1 is the standard scenario, more divides the traffic density by {@code days}
   */
  public ScenarioGenerator(long seed, int days) {
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException("days must be in [1, 3650], got " + days);
    }
    this.seed = seed;
    this.days = days;
    this.roads = new RoadNetwork(random(STREAM_NETWORK, 0), TOWNS, HALF_SIDE_METERS, 30_000);
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** Over how many days the scenario is spread. */
  public int days() {
    return days;
  }

  /** The number of roads in the network. */
  public int roadCount() {
    return roads.roadCount();
  }

  /** {@code movements} movements with {@code movements / 100} sites and {@code / 1000} zones. */
  public Scenario scenario(int movements) {
    if (movements < 0) {
      throw new IllegalArgumentException("movements must be >= 0, got " + movements);
    }
    List<Movement> ms = new ArrayList<>(movements);
    for (int i = 0; i < movements; i++) {
      ms.add(movement(String.format(Locale.ROOT, "m%07d", i), random(STREAM_MOVEMENT, i)));
    }
    return new Scenario(ms, sites(movements / 100), zones(movements / 1000));
  }

  /** The first {@code count} sites of every scenario, ids {@code s000000} up. */
  public List<Site> sites(int count) {
    List<Site> sites = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sites.add(site(String.format(Locale.ROOT, "s%06d", i), random(STREAM_SITE, i)));
    }
    return sites;
  }

  /** The first {@code count} zones of every scenario, ids {@code z00000} up. */
  public List<Zone> zones(int count) {
    List<Zone> zones = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      zones.add(zone(String.format(Locale.ROOT, "z%05d", i), random(STREAM_ZONE, i)));
    }
    return zones;
  }

  /** {@code count} fresh movements, ids {@code c0000000} up, drawn like the stored ones. */
  public List<Movement> candidates(int count) {
    List<Movement> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      result.add(movement(String.format(Locale.ROOT, "c%07d", i), random(STREAM_CANDIDATE, i)));
    }
    return result;
  }

  /** Whether the movement with this index in {@link #scenario} follows the roads. */
  public boolean onRoad(int index) {
    return random(STREAM_MOVEMENT, index).nextDouble() < ON_ROAD_FRACTION;
  }

  private Movement movement(String id, SplittableRandom random) {
    boolean onRoad = random.nextDouble() < ON_ROAD_FRACTION;
    String party = PARTIES.get(random.nextInt(PARTIES.size()));
    double separation = 500 + random.nextInt(1501);
    while (true) {
      double speed =
          random.nextDouble(MIN_SPEED_MPS + SPEED_MARGIN_MPS, MAX_SPEED_MPS - SPEED_MARGIN_MPS);
      long durationMillis = random.nextLong(MIN_DURATION.toMillis(), MAX_DURATION.toMillis() + 1);
      double[][] lonLat =
          onRoad
              ? onRoadRoute(random, speed * durationMillis / 1000.0)
              : offRoadRoute(random, speed * durationMillis / 1000.0);
      long[] offsets = timeOffsets(lonLat, speed);
      long total = offsets[WAYPOINTS - 1];
      if (offsets[0] < 0 || total < MIN_DURATION.toMillis() || total > MAX_DURATION.toMillis()) {
        continue; // a degenerate segment or a duration off target: draw again
      }
      long day = days == 1 ? 0 : random.nextInt(days);
      Instant start = DAY.plusMillis(day * DAY_MILLIS + random.nextLong(DAY_MILLIS - total + 1));
      List<Waypoint> waypoints = new ArrayList<>(WAYPOINTS);
      for (int k = 0; k < WAYPOINTS; k++) {
        waypoints.add(Waypoint.of(lonLat[k][0], lonLat[k][1], start.plusMillis(offsets[k])));
      }
      return new Movement(id, party, waypoints, separation);
    }
  }

  /**
   * Millisecond offsets of each waypoint at constant {@code speed}; offsets[0] is -1 when a segment
   * is shorter than a metre.
   */
  private static long[] timeOffsets(double[][] lonLat, double speed) {
    long[] offsets = new long[lonLat.length];
    double elapsedMillis = 0;
    for (int k = 1; k < lonLat.length; k++) {
      double d =
          LocalFrame.distanceMeters(lonLat[k - 1][0], lonLat[k - 1][1], lonLat[k][0], lonLat[k][1]);
      if (d < 1) {
        offsets[0] = -1;
        return offsets;
      }
      elapsedMillis += d / speed * 1000;
      offsets[k] = Math.round(elapsedMillis);
    }
    return offsets;
  }

  /**
   * Twenty points spread evenly along a road route whose chords add up to about {@code length}.
   * Chords cut the bends, so the route is lengthened until the chords match.
   */
  private double[][] onRoadRoute(SplittableRandom random, double length) {
    long walkSeed = random.nextLong();
    double routeLength = length;
    double[][] lonLat = new double[0][];
    Polyline route = roads.walk(new SplittableRandom(walkSeed), 1.5 * length);
    for (int iteration = 0; iteration < 5; iteration++) {
      if (route.length() < routeLength) {
        // The same seed walks the same roads, only further, so the lengthening converges.
        route = roads.walk(new SplittableRandom(walkSeed), routeLength);
      }
      lonLat = sample(route, routeLength);
      double chords = chordLength(lonLat);
      if (Math.abs(chords - length) < 1e-4 * length) {
        break;
      }
      routeLength *= length / chords;
    }
    return lonLat;
  }

  private double[][] sample(Polyline route, double length) {
    double[][] lonLat = new double[WAYPOINTS][];
    for (int k = 0; k < WAYPOINTS; k++) {
      double[] xy = route.pointAt(length * k / (WAYPOINTS - 1));
      lonLat[k] = toLonLat(xy[0], xy[1]);
    }
    return lonLat;
  }

  private static double chordLength(double[][] lonLat) {
    double sum = 0;
    for (int k = 1; k < lonLat.length; k++) {
      sum +=
          LocalFrame.distanceMeters(lonLat[k - 1][0], lonLat[k - 1][1], lonLat[k][0], lonLat[k][1]);
    }
    return sum;
  }

  /** A random walk of 19 equal steps turning gently and bouncing off the region's edges. */
  private double[][] offRoadRoute(SplittableRandom random, double length) {
    double step = length / (WAYPOINTS - 1);
    double limit = HALF_SIDE_METERS;
    double x = random.nextDouble(-limit, limit);
    double y = random.nextDouble(-limit, limit);
    double heading = random.nextDouble(2 * Math.PI);
    double[][] lonLat = new double[WAYPOINTS][];
    lonLat[0] = toLonLat(x, y);
    for (int k = 1; k < WAYPOINTS; k++) {
      heading += random.nextGaussian() * Math.toRadians(25);
      double nx = x + step * Math.cos(heading);
      double ny = y + step * Math.sin(heading);
      if (Math.abs(nx) > limit) {
        heading = Math.PI - heading;
        nx = x + step * Math.cos(heading);
      }
      if (Math.abs(ny) > limit) {
        heading = -heading;
        ny = y + step * Math.sin(heading);
      }
      x = nx;
      y = ny;
      lonLat[k] = toLonLat(x, y);
    }
    return lonLat;
  }

  private Site site(String id, SplittableRandom random) {
    String party = PARTIES.get(random.nextInt(PARTIES.size()));
    double[] xy =
        random.nextBoolean()
            ? roads.randomRoadPoint(random)
            : new double[] {
              random.nextDouble(-HALF_SIDE_METERS, HALF_SIDE_METERS),
              random.nextDouble(-HALF_SIDE_METERS, HALF_SIDE_METERS)
            };
    double[] lonLat = toLonLat(xy[0], xy[1]);
    double radius = 200 + random.nextInt(1801);
    return new Site(id, party, GeoPoint.of(lonLat[0], lonLat[1]), radius, validity(random));
  }

  private Zone zone(String id, SplittableRandom random) {
    String party = PARTIES.get(random.nextInt(PARTIES.size()));
    double radius = random.nextDouble(3_000, 15_000);
    double inner = HALF_SIDE_METERS - radius;
    double cx = random.nextDouble(-inner, inner);
    double cy = random.nextDouble(-inner, inner);
    LinearRing shell = starRing(random, cx, cy, 0.7 * radius, radius, 8 + random.nextInt(9));
    LinearRing[] holes =
        random.nextDouble() < 0.3
            ? new LinearRing[] {
              starRing(random, cx, cy, 0.1 * radius, 0.45 * radius, 5 + random.nextInt(4))
            }
            : new LinearRing[0];
    Polygon polygon = GEOMETRY.createPolygon(shell, holes);
    return new Zone(id, party, polygon, validity(random));
  }

  /** A closed ring star-shaped around its centre, so simple; radii in [minR, maxR]. */
  private LinearRing starRing(
      SplittableRandom random, double cx, double cy, double minR, double maxR, int vertices) {
    Coordinate[] ring = new Coordinate[vertices + 1];
    for (int k = 0; k < vertices; k++) {
      double angle = 2 * Math.PI * (k + random.nextDouble(-0.35, 0.35)) / vertices;
      double r = random.nextDouble(minR, maxR);
      double[] lonLat = toLonLat(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
      ring[k] = new Coordinate(lonLat[0], lonLat[1]);
    }
    ring[vertices] = ring[0].copy();
    return GEOMETRY.createLinearRing(ring);
  }

  /**
   * Valid for 1–12 h starting within the first 20 h of a day (30%), otherwise always valid, or, in
   * a scenario of several days, valid for one whole day.
   */
  private Validity validity(SplittableRandom random) {
    boolean window = random.nextDouble() >= 0.7;
    long day = days == 1 ? 0 : random.nextInt(days);
    if (!window) {
      if (days == 1) {
        return Validity.always();
      }
      Instant midnight = DAY.plus(Duration.ofDays(day));
      return new Validity(midnight, midnight.plus(Duration.ofDays(1)));
    }
    Instant from = DAY.plusSeconds(day * 86_400 + random.nextLong(0, 20 * 3600));
    return new Validity(from, from.plusSeconds(random.nextLong(3600, 12 * 3600 + 1)));
  }

  private double[] toLonLat(double x, double y) {
    double lat = frame.lat(y);
    return new double[] {frame.lon(x, lat), lat};
  }

  /** A generator for one kind of item and index: SplitMix64 of seed, stream and index. */
  private SplittableRandom random(long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }
}
