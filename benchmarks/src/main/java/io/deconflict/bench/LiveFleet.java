package io.deconflict.bench;

import io.deconflict.engine.live.PositionReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulated units of a live-tracks run: identity, party, and position, course and speed at any
 * time, each a pure function of the seed and the unit's index.
 *
 * <p>{@code N} units of the five {@link ScenarioGenerator#PARTIES}, each reporting once per round
 * of 5 s of simulated time (at a phase of its own within the round), with course and speed. {@link
 * ScenarioGenerator#ON_ROAD_FRACTION} of them drive along the generator's road network (the same 60
 * towns and roads as {@code ScenarioGenerator} for the same seed) at 5–25 m/s, each on a 100 km
 * walk of the roads that it drives back and forth, so both directions of every road carry traffic;
 * the rest go straight across the region at 5–25 m/s with a 300 m sideways wiggle every 10 minutes,
 * turning back at its edges. Immutable after construction and thread-safe.
 */
final class LiveFleet {

  /** Amplitude of an off-road unit's sideways wiggle, metres. */
  static final double WIGGLE_METERS = 300;

  /** Period of the wiggle, seconds. */
  static final double WIGGLE_SECONDS = 600;

  private final int size;
  private final String[] ids;
  private final byte[] party;
  private final int[] route;
  private final List<Polyline> routes = new ArrayList<>();
  private final double[] speed;
  private final double[] x0;
  private final double[] y0;
  private final double[] heading;
  private final double[] wigglePhase;
  private final int[] phaseMillis;
  private final LocalFrame frame =
      new LocalFrame(ScenarioGenerator.CENTER_LON, ScenarioGenerator.CENTER_LAT);
  private final double roadMeters;

  /** Unit indices sorted by party, then index. */
  private final int[] order;

  LiveFleet(long seed, int size) {
    this.size = size;
    ids = new String[size];
    party = new byte[size];
    route = new int[size];
    speed = new double[size];
    x0 = new double[size];
    y0 = new double[size];
    heading = new double[size];
    wigglePhase = new double[size];
    phaseMillis = new int[size];
    RoadNetwork roads = roads(seed);
    double total = 0;
    for (int town = 0; town < roads.towns(); town++) {
      for (RoadNetwork.Road r : roads.roadsFrom(town)) {
        total += r.line().length();
      }
    }
    roadMeters = total / 2; // each road is listed from both of its towns
    double limit = ScenarioGenerator.HALF_SIDE_METERS * 0.95;
    for (int i = 0; i < size; i++) {
      SplittableRandom random = random(seed, 11, i);
      ids[i] = String.format(Locale.ROOT, "u%07d", i);
      party[i] = (byte) random.nextInt(ScenarioGenerator.PARTIES.size());
      speed[i] =
          random.nextDouble(ScenarioGenerator.MIN_SPEED_MPS, ScenarioGenerator.MAX_SPEED_MPS);
      phaseMillis[i] = random.nextInt((int) LiveBench.ROUND_MILLIS);
      if (random.nextDouble() < ScenarioGenerator.ON_ROAD_FRACTION) {
        route[i] = routes.size();
        routes.add(roads.walk(random, LiveBench.ROUTE_METERS));
      } else {
        route[i] = -1;
        x0[i] = random.nextDouble(-limit, limit);
        y0[i] = random.nextDouble(-limit, limit);
        heading[i] = random.nextDouble(2 * Math.PI);
        wigglePhase[i] = random.nextDouble(2 * Math.PI);
      }
    }
    order = byParty();
  }

  /**
   * The generator's road network: {@code ScenarioGenerator(seed)} builds it from the same
   * SplitMix64 stream (5, index 0) with the same arguments.
   */
  static RoadNetwork roads(long seed) {
    return new RoadNetwork(
        random(seed, 5, 0), ScenarioGenerator.TOWNS, ScenarioGenerator.HALF_SIDE_METERS, 30_000);
  }

  /** SplitMix64 of seed, stream and index, as {@code ScenarioGenerator} derives its streams. */
  static SplittableRandom random(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  int size() {
    return size;
  }

  int onRoad() {
    return routes.size();
  }

  double roadMeters() {
    return roadMeters;
  }

  int party(int unit) {
    return party[unit];
  }

  /** The unit's id, {@code u0000123}. */
  String id(int unit) {
    return ids[unit];
  }

  /** The unit's party's id. */
  String partyName(int unit) {
    return ScenarioGenerator.PARTIES.get(party[unit]);
  }

  /** The index of unit {@code u0000123}. */
  static int indexOf(String unit) {
    return Integer.parseInt(unit, 1, unit.length(), 10);
  }

  /** Milliseconds after {@link LiveBench#T0} of the unit's report in {@code round}. */
  long offsetMillis(int unit, int round) {
    return round * LiveBench.ROUND_MILLIS + phaseMillis[unit];
  }

  /** Writes lon, lat, course (degrees) and speed (m/s) at {@code t} seconds after T0. */
  void state(int unit, double t, double[] out) {
    double x;
    double y;
    double vx;
    double vy;
    int r = route[unit];
    if (r >= 0) {
      Polyline line = routes.get(r);
      double length = line.length();
      double m = (speed[unit] * t) % (2 * length);
      double s = m <= length ? m : 2 * length - m;
      double dir = m <= length ? 1 : -1;
      double[] p = line.pointAt(s);
      double[] a = line.pointAt(Math.max(0, s - 1));
      double[] b = line.pointAt(Math.min(length, s + 1));
      double dx = b[0] - a[0];
      double dy = b[1] - a[1];
      double d = Math.hypot(dx, dy);
      x = p[0];
      y = p[1];
      vx = d > 0 ? dir * speed[unit] * dx / d : 0;
      vy = d > 0 ? dir * speed[unit] * dy / d : 0;
    } else {
      double h = heading[unit];
      double omega = 2 * Math.PI / WIGGLE_SECONDS;
      double w = WIGGLE_METERS * Math.sin(omega * t + wigglePhase[unit]);
      double dw = WIGGLE_METERS * omega * Math.cos(omega * t + wigglePhase[unit]);
      double along = speed[unit] * t;
      // direction (sin h, cos h), sideways (cos h, -sin h)
      double ux = x0[unit] + along * Math.sin(h) + w * Math.cos(h);
      double uy = y0[unit] + along * Math.cos(h) - w * Math.sin(h);
      double half = ScenarioGenerator.HALF_SIDE_METERS;
      double[] fx = fold(ux, half);
      double[] fy = fold(uy, half);
      x = fx[0];
      y = fy[0];
      vx = fx[1] * (speed[unit] * Math.sin(h) + dw * Math.cos(h));
      vy = fy[1] * (speed[unit] * Math.cos(h) - dw * Math.sin(h));
    }
    double lat = frame.lat(y);
    out[0] = frame.lon(x, lat);
    out[1] = lat;
    // Course and speed of the reported positions' own motion on the ellipsoid (the frame is not
    // conformal: its velocity differs from the ground's by up to 3.5 % of the northward speed).
    double[] ground = new double[2];
    frame.groundVelocity(x, lat, vx, vy, ground);
    double course = Math.toDegrees(Math.atan2(ground[0], ground[1]));
    if (course < 0) {
      course += 360;
    }
    out[2] = course >= 360 ? 0 : course;
    out[3] = Math.min(PositionReport.MAX_SPEED_MPS, Math.hypot(ground[0], ground[1]));
  }

  /** {@code u} reflected into [-half, half], and the sign its velocity takes there. */
  private static double[] fold(double u, double half) {
    double period = 4 * half;
    double m = ((u + half) % period + period) % period;
    return m <= 2 * half ? new double[] {m - half, 1} : new double[] {3 * half - m, -1};
  }

  /** The reports of units {@code from} to {@code to} (exclusive) in {@code round}. */
  List<PositionReport> reports(int round, int from, int to) {
    List<PositionReport> out = new ArrayList<>(to - from);
    double[] s = new double[4];
    long base = LiveBench.T0.toEpochMilli();
    for (int i = from; i < to; i++) {
      long offset = offsetMillis(i, round);
      state(i, offset / 1000.0, s);
      out.add(
          PositionReport.of(
              ids[i],
              ScenarioGenerator.PARTIES.get(party[i]),
              Instant.ofEpochMilli(base + offset),
              s[0],
              s[1],
              s[2],
              s[3]));
    }
    return out;
  }

  /**
   * Request batches: {from, to, party}, ranges of at most {@code batch} units of one party, as
   * indices into the order {@link #json} takes (sorted by party).
   */
  int[][] partyBatches(int batch) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (from < order.length) {
      int p = party[order[from]];
      int to = from;
      while (to < order.length && to - from < batch && party[order[to]] == p) {
        to++;
      }
      out.add(new int[] {from, to, p});
      from = to;
    }
    return out.toArray(new int[0][]);
  }

  private int[] byParty() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> party[i]).thenComparing(i -> i));
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** The JSON array of the reports of units {@code byParty()[from..to)} in {@code round}. */
  byte[] json(int round, int from, int to) {
    int[] o = order;
    StringBuilder b = new StringBuilder(140 * (to - from) + 2);
    double[] s = new double[4];
    long base = LiveBench.T0.toEpochMilli();
    b.append('[');
    for (int k = from; k < to; k++) {
      int i = o[k];
      long offset = offsetMillis(i, round);
      state(i, offset / 1000.0, s);
      if (k > from) {
        b.append(',');
      }
      b.append("{\"unit\":\"").append(ids[i]);
      b.append("\",\"time\":\"").append(Instant.ofEpochMilli(base + offset));
      b.append("\",\"lon\":").append(round7(s[0]));
      b.append(",\"lat\":").append(round7(s[1]));
      double course = Math.round(s[2] * 100) / 100.0;
      b.append(",\"course\":").append(course >= 360 ? 0.0 : course);
      b.append(",\"speed\":").append(Math.round(s[3] * 100) / 100.0);
      b.append('}');
    }
    b.append(']');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static double round7(double degrees) {
    return Math.round(degrees * 1e7) / 1e7;
  }
}
