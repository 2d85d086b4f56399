package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Band;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's mutable state of one unit: its newest report in geodetic and earth-centred (ECEF)
 * form, its velocity, the cells it occupies, its encounters, conformance and incursions.
 *
 * <p>The canonical kinematic state is (lon, lat, velocity east, velocity north); the ECEF position
 * and velocity are derived from it by {@link #setState}. It is the state the unit is predicted
 * from: its newest report, or with dead reckoning the last report that departed from the prediction
 * (or the prediction itself, restarted). The newest report is kept apart ({@code heard*}); a {@link
 * Track} built from this unit reproduces exactly its numbers.
 *
 * <p>Not thread-safe.
 */
final class Unit {

  final String party;
  final String unit;
  final String key;
  final int partyId;

  /** Its label in the order of keys ({@link KeyOrder}). */
  long order;

  /** Where the unit's numbers are in the tracker's arrays; moved by {@link LiveTracker#forget}. */
  int slot;

  long millis = Long.MIN_VALUE;
  double lon;
  double lat;
  double ve;
  double vn;

  /** ECEF position and velocity. */
  double x;

  double y;
  double z;
  double vx;
  double vy;
  double vz;

  /** The newest applied report: time, position, velocity, and its ECEF position. */
  long heardMillis = Long.MIN_VALUE;

  double heardLon;
  double heardLat;
  double heardVe;
  double heardVn;
  double hx;
  double hy;
  double hz;

  double separation;

  /**
   * The accepted state's height above the ellipsoid (metres) and vertical rate (m/s): NaN height
   * for a unit on the ground band (D37).
   */
  double h = Double.NaN;

  double vh;

  /** The newest applied report's height (NaN if none) and vertical rate. */
  double heardH = Double.NaN;

  double heardVh;

  /** The vertical separation the unit asks: its plan's, else the default. */
  double verticalSeparation = Band.DEFAULT_VERTICAL_SEPARATION_METERS;

  /** The movement the unit follows (its party's of the same id), kept by the tracker. */
  @Nullable Plan plan;

  /**
   * Whether the unit takes part in encounters from its accepted state (its last full report was not
   * stale and it has not gone stale since): only then may a report be absorbed by the prediction.
   * With the index it equals {@link #indexed}.
   */
  boolean predicting;

  /** Whether the unit is entered in the grid, under which cell keys, at which index in each. */
  boolean indexed;

  long[] cells = new long[16];
  int[] cellIndex = new int[16];
  int cellCount;

  /** The corridor's bounding box, degrees (longitude unwrapped, possibly beyond ±180). */
  double boxLonLo;

  double boxLonHi;
  double boxLatLo;
  double boxLatHi;
  boolean boxWide;

  /** Encounters with this unit: current ones and, until the end of a call, ended ones. */
  final ArrayList<Pair> pairs = new ArrayList<>(2);

  /** Conformance: current, last told, and the details of the report that last flipped it. */
  boolean conforming = true;

  boolean conformingTold = true;
  LiveEvent.@Nullable ConformanceChanged conformanceChange;

  /** Incursions: current and last told, sorted by item id. */
  List<Inside> inside = List.of();

  List<Inside> insideTold = List.of();
  long insideChangedMillis;

  /** Whether conformance or incursions changed during the current call. */
  boolean dirty;

  Unit(String party, String unit, int partyId, int slot, double separation) {
    this.party = party;
    this.unit = unit;
    this.key = party + "/" + unit;
    this.partyId = partyId;
    this.slot = slot;
    this.separation = separation;
  }

  /**
   * Sets the report time, position and velocity, and derives the ECEF state ({@code s}: scratch of
   * 6).
   */
  void setState(long millis, double lon, double lat, double ve, double vn, double[] s) {
    this.millis = millis;
    this.lon = lon;
    this.lat = lat;
    this.ve = ve;
    this.vn = vn;
    ecef(lon, lat, ve, vn, s);
    x = s[0];
    y = s[1];
    z = s[2];
    vx = s[3];
    vy = s[4];
    vz = s[5];
  }

  /**
   * Sets the newest report: time, position, velocity, and its ECEF position {@code s[0..2]} (from
   * {@link #ecef}).
   */
  void hear(long millis, double lon, double lat, double ve, double vn, double[] s) {
    heardMillis = millis;
    heardLon = lon;
    heardLat = lat;
    heardVe = ve;
    heardVn = vn;
    hx = s[0];
    hy = s[1];
    hz = s[2];
  }

  /**
   * Writes the ECEF position of a point on the ellipsoid and the ECEF vector of a horizontal
   * velocity given in east and north components there: {@code out[0..2]} position, {@code
   * out[3..5]} velocity.
   */
  static void ecef(double lon, double lat, double ve, double vn, double[] out) {
    Wgs84.toEcef(lon, lat, out, 0);
    double phi = Math.toRadians(lat);
    double lambda = Math.toRadians(lon);
    double sinPhi = Math.sin(phi);
    double cosPhi = Math.cos(phi);
    double sinLambda = Math.sin(lambda);
    double cosLambda = Math.cos(lambda);
    // east = (-sinλ, cosλ, 0); north = (-sinφ cosλ, -sinφ sinλ, cosφ)
    out[3] = -ve * sinLambda - vn * sinPhi * cosLambda;
    out[4] = ve * cosLambda - vn * sinPhi * sinLambda;
    out[5] = vn * cosPhi;
  }

  /** The public view of this unit. */
  Track track(Duration stale) {
    return new Track(
        unit,
        party,
        Instant.ofEpochMilli(heardMillis),
        GeoPoint.of(heardLon, heardLat),
        heardVe,
        heardVn,
        stale);
  }

  /** Whether the unit's newest report is older than {@code staleMillis} at {@code nowMillis}. */
  boolean stale(long nowMillis, long staleMillis) {
    return nowMillis - heardMillis > staleMillis;
  }

  /** One zone or site the unit is inside, and at which level. */
  record Inside(String itemId, String itemParty, String kind, TacticalLevel level, long since) {}
}
