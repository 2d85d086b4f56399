package io.deconflict.engine.track;

import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;
import org.jspecify.annotations.Nullable;

/**
 * A movement as a sequence of timed knots in earth-centred (ECEF) coordinates, between which it
 * moves in a straight line at constant speed.
 *
 * <p>Knots are the waypoints plus, on geodesic segments longer than {@link #MAX_PIECE_METERS},
 * points along the geodesic (GeographicLib) so that no piece is longer than that. A straight chord
 * of length L sags at most {@code L²/8R} (2 m at 10 km) below the geodesic, along the vertical,
 * which changes horizontal distances by at most {@code sag²/2d} (2 cm at 100 m); the chord's
 * parametrisation differs from constant speed along the arc by less than a centimetre.
 *
 * <p>Storage: each knot takes three {@code float} offsets from the track's origin (the centre of
 * its bounding box) and an {@code int} millisecond offset from its start: 16 bytes. Offsets are
 * exact to {@code extent / 2^25} (3 cm for a 1,000 km route). An airborne movement's track also
 * keeps each piece's band (floor and ceiling as doubles, 16 bytes a piece; a piece lies within one
 * leg, and a leg's band is constant); a track on the ground band keeps none.
 *
 * <p>Immutable and thread-safe.
 */
public final class Track {

  /** Longest piece between two knots, metres. */
  public static final double MAX_PIECE_METERS = 10_000;

  /** Most pieces a track may have. */
  public static final int MAX_PIECES = 65_535;

  private final String id;
  private final String party;
  private final double separationChord;
  private final double ox;
  private final double oy;
  private final double oz;
  private final float[] xyz;
  private final long baseMillis;
  private final int[] dtMillis;

  /**
   * For an airborne track, each piece's floor and ceiling, then the vertical separation (last, so
   * that a ground track's object grows by one reference only); null on the ground band.
   */
  private final double @Nullable [] bands;

  private Track(
      String id,
      String party,
      double separationChord,
      double[] ecef,
      long[] millis,
      int knots,
      double @Nullable [] bands) {
    this.id = id;
    this.party = party;
    this.separationChord = separationChord;
    this.bands = bands;
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int k = 0; k < knots; k++) {
      for (int d = 0; d < 3; d++) {
        min[d] = Math.min(min[d], ecef[3 * k + d]);
        max[d] = Math.max(max[d], ecef[3 * k + d]);
      }
    }
    // Whole metres so that the origin itself is exact in any arithmetic.
    this.ox = Math.rint((min[0] + max[0]) / 2);
    this.oy = Math.rint((min[1] + max[1]) / 2);
    this.oz = Math.rint((min[2] + max[2]) / 2);
    this.xyz = new float[3 * knots];
    this.dtMillis = new int[knots];
    this.baseMillis = millis[0];
    for (int k = 0; k < knots; k++) {
      xyz[3 * k] = (float) (ecef[3 * k] - ox);
      xyz[3 * k + 1] = (float) (ecef[3 * k + 1] - oy);
      xyz[3 * k + 2] = (float) (ecef[3 * k + 2] - oz);
      dtMillis[k] = Math.toIntExact(millis[k] - baseMillis);
    }
  }

  /**
   * Builds the track of a movement.
   *
   * @throws IllegalArgumentException if the route needs more than {@link #MAX_PIECES} pieces
   */
  public static Track of(Movement movement) {
    List<Waypoint> waypoints = movement.waypoints();
    int capacity = waypoints.size() * 2;
    double[] ecef = new double[3 * capacity];
    long[] millis = new long[capacity];
    // The leg each knot ends (the piece before knot k lies in leg legOf[k]).
    int[] legOf = new int[capacity];
    int n = 0;
    for (int i = 0; i < waypoints.size(); i++) {
      Waypoint w = waypoints.get(i);
      long t = w.time().toEpochMilli();
      if (i > 0) {
        Waypoint prev = waypoints.get(i - 1);
        long t0 = millis[n - 1];
        double[] here = new double[3];
        Wgs84.toEcef(w.point().lon(), w.point().lat(), here, 0);
        double chord =
            Math.sqrt(
                sq(here[0] - ecef[3 * (n - 1)])
                    + sq(here[1] - ecef[3 * (n - 1) + 1])
                    + sq(here[2] - ecef[3 * (n - 1) + 2]));
        if (chord > MAX_PIECE_METERS) {
          GeodesicLine line =
              Geodesic.WGS84.InverseLine(
                  prev.point().lat(),
                  prev.point().lon(),
                  w.point().lat(),
                  w.point().lon(),
                  GeodesicMask.DISTANCE_IN | GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
          double length = line.Distance();
          long span = t - t0;
          int parts = (int) Math.min(Math.ceil(length / MAX_PIECE_METERS), (double) span);
          for (int k = 1; k < parts; k++) {
            GeodesicData p =
                line.Position(length * k / parts, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
            if (n + 1 >= capacity) {
              capacity *= 2;
              ecef = java.util.Arrays.copyOf(ecef, 3 * capacity);
              millis = java.util.Arrays.copyOf(millis, capacity);
              legOf = java.util.Arrays.copyOf(legOf, capacity);
            }
            Wgs84.toEcef(p.lon2, p.lat2, ecef, 3 * n);
            millis[n] = t0 + Math.round(((double) span) * k / parts);
            legOf[n] = i - 1;
            n++;
          }
        }
      }
      if (n + 1 >= capacity) {
        capacity *= 2;
        ecef = java.util.Arrays.copyOf(ecef, 3 * capacity);
        millis = java.util.Arrays.copyOf(millis, capacity);
        legOf = java.util.Arrays.copyOf(legOf, capacity);
      }
      Wgs84.toEcef(w.point().lon(), w.point().lat(), ecef, 3 * n);
      millis[n] = t;
      legOf[n] = i - 1;
      n++;
    }
    if (n - 1 > MAX_PIECES) {
      throw new IllegalArgumentException(
          "movement "
              + movement.id()
              + " is too long: its route needs "
              + (n - 1)
              + " pieces of at most "
              + (long) MAX_PIECE_METERS
              + " m, more than the limit of "
              + MAX_PIECES);
    }
    double[] bands = null;
    if (movement.isAirborne()) {
      bands = new double[2 * (n - 1) + 1];
      for (int p = 0; p < n - 1; p++) {
        Band b = movement.band(legOf[p + 1]);
        bands[2 * p] = b.floorMeters();
        bands[2 * p + 1] = b.ceilingMeters();
      }
      bands[2 * (n - 1)] = movement.verticalSeparationMeters();
    }
    return new Track(
        movement.id(),
        movement.party(),
        Wgs84.chordOfArc(movement.separationMeters()),
        ecef,
        millis,
        n,
        bands);
  }

  /**
   * Whether some piece has a band other than the ground band (else every piece is on the ground
   * band, and no vertical test applies to the track).
   */
  public boolean isAirborne() {
    return bands != null;
  }

  /** The floor of piece {@code p}'s band, metres above the ellipsoid (-∞ on the ground band). */
  public double floor(int p) {
    return bands == null ? Double.NEGATIVE_INFINITY : bands[2 * p];
  }

  /** The ceiling of piece {@code p}'s band, metres above the ellipsoid (+∞ on the ground band). */
  public double ceiling(int p) {
    return bands == null ? Double.POSITIVE_INFINITY : bands[2 * p + 1];
  }

  /**
   * The movement's vertical separation, metres; 0 for a track on the ground band, which no vertical
   * separation separates from anything.
   */
  public double verticalSeparation() {
    return bands == null ? 0 : bands[bands.length - 1];
  }

  /**
   * Whether piece {@code i} of {@code a} and piece {@code j} of {@code b} are vertically closer
   * than the larger of the two tracks' vertical separations (always, if either is on the ground
   * band): the vertical test of a candidate piece pair. Bands are constant over a piece, so the
   * test holds over the whole of both pieces or not at all.
   */
  public static boolean verticallyClose(Track a, int i, Track b, int j) {
    if (a.bands == null || b.bands == null) {
      return true;
    }
    return Band.gap(a.bands[2 * i], a.bands[2 * i + 1], b.bands[2 * j], b.bands[2 * j + 1])
        < Math.max(a.bands[a.bands.length - 1], b.bands[b.bands.length - 1]);
  }

  private static double sq(double v) {
    return v * v;
  }

  /** The movement's id. */
  public String id() {
    return id;
  }

  /** The movement's party. */
  public String party() {
    return party;
  }

  /** The movement's separation as a chord, metres. */
  public double separationChord() {
    return separationChord;
  }

  /** Number of knots, at least 2. */
  public int knots() {
    return dtMillis.length;
  }

  /** Number of pieces, {@code knots() - 1}. */
  public int pieces() {
    return dtMillis.length - 1;
  }

  /** Time of knot {@code k}, seconds since the epoch. */
  public double time(int k) {
    return (baseMillis + dtMillis[k]) * 1e-3;
  }

  /**
   * Reads knot {@code k}'s time and position and returns a value derived from them: a caller that
   * is about to read many tracks touches them first, so that their cache misses overlap.
   */
  public int touch(int k) {
    return dtMillis[k] ^ Float.floatToRawIntBits(xyz[3 * k]);
  }

  /** Start time, seconds since the epoch. */
  public double start() {
    return time(0);
  }

  /** End time, seconds since the epoch. */
  public double end() {
    return time(dtMillis.length - 1);
  }

  /** ECEF x of knot {@code k}, metres. */
  public double x(int k) {
    return ox + xyz[3 * k];
  }

  /** ECEF y of knot {@code k}, metres. */
  public double y(int k) {
    return oy + xyz[3 * k + 1];
  }

  /** ECEF z of knot {@code k}, metres. */
  public double z(int k) {
    return oz + xyz[3 * k + 2];
  }

  /** Origin x, metres. */
  public double originX() {
    return ox;
  }

  /** Origin y, metres. */
  public double originY() {
    return oy;
  }

  /** Origin z, metres. */
  public double originZ() {
    return oz;
  }

  /** Offset x of knot {@code k} from the origin, metres. */
  public double dx(int k) {
    return xyz[3 * k];
  }

  /** Offset y of knot {@code k} from the origin, metres. */
  public double dy(int k) {
    return xyz[3 * k + 1];
  }

  /** Offset z of knot {@code k} from the origin, metres. */
  public double dz(int k) {
    return xyz[3 * k + 2];
  }

  /**
   * The index of the piece in progress at time {@code t} (seconds): the last piece whose start is
   * at or before {@code t}, clamped to the valid pieces.
   */
  public int pieceAt(double t) {
    int lo = 0;
    int hi = pieces() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (time(mid) <= t) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Writes the ECEF position at time {@code t} (seconds, within the track) into {@code out}. */
  public void positionAt(double t, double[] out) {
    int p = pieceAt(t);
    double t0 = time(p);
    double t1 = time(p + 1);
    double u = Math.max(0, Math.min(1, (t - t0) / (t1 - t0)));
    out[0] = ox + xyz[3 * p] + u * (xyz[3 * p + 3] - xyz[3 * p]);
    out[1] = oy + xyz[3 * p + 1] + u * (xyz[3 * p + 4] - xyz[3 * p + 1]);
    out[2] = oz + xyz[3 * p + 2] + u * (xyz[3 * p + 5] - xyz[3 * p + 2]);
  }

  /** Approximate heap bytes this track holds. */
  public long heapBytes() {
    return 64L
        + 16
        + 4L * xyz.length
        + 16
        + 4L * dtMillis.length
        + (bands == null ? 0 : 16 + 8L * bands.length);
  }
}
