package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * A hash grid of latitude/longitude cells in which each live track is entered along its swept
 * corridor: the segment from its reported position to where it will be at the end of the sweep
 * (look-ahead plus stale time), grown by the unit's own separation and a margin.
 *
 * <p><b>Why nothing is missed.</b> Two units whose tracks come closer than the larger of their two
 * separations within the sweep have corridors that overlap (each grown by its own separation covers
 * the larger one), so they share a cell and their corridors' bounding boxes, kept in the cell,
 * overlap. The margin covers the difference between the tangent-plane model of {@link Cpa} and the
 * straight segment in longitude/latitude: {@code 20 m + 0.1 % of the length + L²(1 + tan φ)/4R}
 * (the segment's bow in longitude/latitude is {@code L² tan φ / 8R}). See {@code
 * docs/design-decisions.md} D12.
 *
 * <p><b>Filtering in the cell.</b> Each entry also carries its unit's ECEF position and velocity
 * (floats, relative to the cell's origin), report time (milliseconds modulo 2³²) and separation, so
 * that the closest point of approach of {@link Cpa} is computed from the cell itself, read
 * sequentially, and only pairs that come within the separation plus {@link #SLACK_METERS} within
 * the look-ahead, and are not stale, are returned. The slack covers float rounding (centimetres).
 *
 * <p><b>Layout.</b> Cells are {@link #cellDegrees()} square in degrees (about 6 km north-south, and
 * east-west 6 km times {@code cos φ}); columns wrap at the antimeridian. A cell is a {@code
 * long[]}: the entry count, the cell origin (ECEF, three doubles), then {@link #ENTRY} longs per
 * entry: {@code party << 32 | slot}; the corridor's longitude and latitude bounds as pairs of
 * floats relative to the cell's corner, rounded outwards; position x, y; z, velocity x; velocity y,
 * z; time and separation. Each unit remembers its index in each of its cells, so removal is O(1)
 * per cell. A corridor that would cover more than {@link #MAX_CELLS} cells (a fast mover near the
 * poles) goes to an overflow list that every query takes, and its own queries see every unit.
 *
 * <p>Cost of an update: O(cells of the new corridor × entries per cell), no allocation in steady
 * state. Not thread-safe.
 */
final class CorridorGrid {

  /** Nominal cell edge, metres. */
  static final double CELL_METERS = 6_000;

  /** Most cells one corridor may take before it goes to the overflow list. */
  static final int MAX_CELLS = 4_096;

  /** Added to the separation in the in-cell filter, metres: float rounding is centimetres. */
  static final double SLACK_METERS = 1;

  /** Fewer metres than in any degree of latitude on WGS84 (110,574 m at the equator). */
  private static final double MIN_METERS_PER_DEGREE_LAT = 110_000;

  /** Fewer metres than in a degree of longitude at the equator (111,319 m), times cos φ. */
  private static final double MIN_METERS_PER_DEGREE_LON = 111_000;

  private static final int HEADER = 4;
  private static final int ENTRY = 7;

  private final double cellDeg;
  private final int cols;
  private final int rows;
  private final double lookAheadSeconds;
  private final double sweepSeconds;
  private final double extraSeconds;
  private final long entryStaleMillis;
  private final Long2ObjectOpenHashMap<long[]> cells = new Long2ObjectOpenHashMap<>();
  private final ArrayList<Unit> overflow = new ArrayList<>();
  private Unit[] bySlot = new Unit[64];
  private int[] found = new int[64];
  private int foundCount;
  private int entries;
  private final double[] corner = new double[3];
  private long[] previous = new long[16];

  /**
   * An empty grid with cells of about {@code cellMeters}, for a look-ahead and a stale time: the
   * corridors sweep {@code lookAhead + stale}.
   */
  CorridorGrid(double cellMeters, double lookAheadSeconds, long staleMillis) {
    this(cellMeters, lookAheadSeconds, staleMillis, 0, 0);
  }

  /**
   * As above, for dead reckoning: an entry's state may be up to {@code ageMillis} older than its
   * unit's newest report, and queries look {@code extraMillis} beyond the look-ahead from the
   * query's "now" (both 0 without dead reckoning). The corridors then sweep look-ahead + stale +
   * age + extra: a unit is fresh while "now" is within stale of its newest report, which is within
   * age of its entry, and a query looks look-ahead + extra past "now".
   */
  CorridorGrid(
      double cellMeters,
      double lookAheadSeconds,
      long staleMillis,
      long ageMillis,
      long extraMillis) {
    this.cols = (int) Math.round(360 / (cellMeters / 111_319.49));
    this.cellDeg = 360.0 / cols;
    this.rows = (int) Math.ceil(180 / cellDeg);
    this.lookAheadSeconds = lookAheadSeconds;
    this.sweepSeconds = lookAheadSeconds + (staleMillis + ageMillis + extraMillis) * 1e-3;
    this.extraSeconds = extraMillis * 1e-3;
    this.entryStaleMillis = staleMillis + ageMillis;
  }

  /** Edge of a cell, degrees. */
  double cellDegrees() {
    return cellDeg;
  }

  /** How far ahead corridors reach, seconds: look-ahead plus stale time (and, see above, more). */
  double sweepSeconds() {
    return sweepSeconds;
  }

  /**
   * Computes the corridor of {@code u} from its current state: its bounding box and cell keys (into
   * the unit). Returns false if it would take more than {@link #MAX_CELLS} cells.
   */
  boolean corridor(Unit u) {
    double sweep = sweepSeconds();
    double lon0 = u.lon;
    double lat0 = u.lat;
    double lon1 = lon0;
    double lat1 = lat0;
    double length = Math.hypot(u.ve, u.vn) * sweep;
    if (length > 0) {
      GeoPoint end = Wgs84.toGeo(u.x + u.vx * sweep, u.y + u.vy * sweep, u.z + u.vz * sweep);
      lat1 = end.lat();
      double dl = end.lon() - lon0;
      if (dl > 180) {
        dl -= 360;
      } else if (dl < -180) {
        dl += 360;
      }
      lon1 = lon0 + dl;
    }
    double absLat = Math.max(Math.abs(lat0), Math.abs(lat1));
    double tan = Math.tan(Math.toRadians(Math.min(absLat, 85)));
    double margin = 20 + 1e-3 * length + length * length * (1 + tan) / (4 * Wgs84.MEAN_RADIUS);
    double grow = u.separation + margin;
    double gLat = grow / MIN_METERS_PER_DEGREE_LAT;
    double maxLat = Math.min(89.9, absLat + gLat);
    double gLon = grow / (MIN_METERS_PER_DEGREE_LON * Math.cos(Math.toRadians(maxLat)));
    u.boxLatLo = Math.min(lat0, lat1) - gLat;
    u.boxLatHi = Math.max(lat0, lat1) + gLat;
    u.boxLonLo = Math.min(lon0, lon1) - gLon;
    u.boxLonHi = Math.max(lon0, lon1) + gLon;
    u.boxWide = u.boxLonHi - u.boxLonLo >= 180;
    u.cellCount = 0;
    int r0 = row(u.boxLatLo);
    int r1 = row(u.boxLatHi);
    for (int r = r0; r <= r1; r++) {
      double bandLo = r * cellDeg - 90 - gLat;
      double bandHi = (r + 1) * cellDeg - 90 + gLat;
      double s0 = 0;
      double s1 = 1;
      if (lat1 != lat0) {
        double sa = (bandLo - lat0) / (lat1 - lat0);
        double sb = (bandHi - lat0) / (lat1 - lat0);
        s0 = Math.max(0, Math.min(sa, sb));
        s1 = Math.min(1, Math.max(sa, sb));
        if (s0 > s1) {
          // Only by rounding: the row was chosen to meet the segment's latitude range.
          double mid = 0.5 * (s0 + s1);
          s0 = Math.max(0, Math.min(1, mid));
          s1 = s0;
        }
      }
      double la = lon0 + s0 * (lon1 - lon0);
      double lb = lon0 + s1 * (lon1 - lon0);
      double lo = Math.min(la, lb) - gLon;
      double hi = Math.max(la, lb) + gLon;
      long c0 = (long) Math.floor((lo + 180) / cellDeg);
      long c1 = (long) Math.floor((hi + 180) / cellDeg);
      if (u.boxWide || c1 - c0 + 1 >= cols) {
        c0 = 0;
        c1 = cols - 1L;
      }
      if (u.cellCount + (c1 - c0 + 1) > MAX_CELLS) {
        u.cellCount = 0;
        return false;
      }
      for (long c = c0; c <= c1; c++) {
        addKey(u, key(r, (int) Math.floorMod(c, (long) cols)));
      }
    }
    return true;
  }

  private static void addKey(Unit u, long key) {
    if (u.cellCount == u.cells.length) {
      u.cells = Arrays.copyOf(u.cells, u.cells.length * 2);
      u.cellIndex = Arrays.copyOf(u.cellIndex, u.cells.length);
    }
    u.cells[u.cellCount++] = key;
  }

  private int row(double lat) {
    int r = (int) Math.floor((lat + 90) / cellDeg);
    return Math.max(0, Math.min(rows - 1, r));
  }

  private static long key(int row, int col) {
    return ((long) row << 32) | col;
  }

  /**
   * Moves {@code u} to its current corridor and collects (see {@link #found}) the slots of units of
   * other parties, not stale at {@code nowMillis}, that may come within separation of it within the
   * look-ahead, skipping and stamping those whose stamp is {@code stamp}. Returns false if {@code
   * u} is on the overflow list: then the caller must consider every unit.
   */
  boolean update(Unit u, long nowMillis, int[] stamps, int stamp) {
    // Most reports move a unit within the same cells: then its entries are rewritten in place.
    boolean wasInCells = u.indexed && u.cellCount > 0;
    int oldCount = u.cellCount;
    if (wasInCells) {
      if (previous.length < oldCount) {
        previous = new long[u.cells.length];
      }
      System.arraycopy(u.cells, 0, previous, 0, oldCount);
    }
    boolean fits = corridor(u);
    boolean same = wasInCells && fits && sameCells(previous, oldCount, u.cells, u.cellCount);
    if (!same) {
      // The new corridor is in u.cells: remove by the old keys, then recompute.
      if (wasInCells) {
        int newCount = u.cellCount;
        long[] fresh = Arrays.copyOf(u.cells, newCount);
        System.arraycopy(previous, 0, u.cells, 0, oldCount);
        u.cellCount = oldCount;
        remove(u);
        System.arraycopy(fresh, 0, u.cells, 0, newCount);
        u.cellCount = newCount;
      } else {
        remove(u);
      }
    }
    foundCount = 0;
    register(u);
    u.indexed = true;
    for (int i = 0; i < overflow.size(); i++) {
      Unit o = overflow.get(i);
      if (o.partyId != u.partyId && stamps[o.slot] != stamp) {
        stamps[o.slot] = stamp;
        addFound(o.slot);
      }
    }
    if (!fits) {
      overflow.add(u);
      return false;
    }
    for (int k = 0; k < u.cellCount; k++) {
      long key = u.cells[k];
      long[] cell = cells.get(key);
      if (cell != null) {
        scan(u, key, cell, nowMillis, stamps, stamp);
      }
    }
    if (same) {
      rewrite(u);
    } else {
      insert(u);
    }
    return true;
  }

  private static boolean sameCells(long[] a, int na, long[] b, int nb) {
    if (na != nb) {
      return false;
    }
    for (int i = 0; i < na; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /** Enters {@code u} under its current corridor, without looking for candidates. */
  void reindex(Unit u) {
    remove(u);
    register(u);
    u.indexed = true;
    if (!corridor(u)) {
      overflow.add(u);
      return;
    }
    insert(u);
  }

  private void register(Unit u) {
    if (u.slot >= bySlot.length) {
      bySlot = Arrays.copyOf(bySlot, Math.max(bySlot.length * 2, u.slot + 1));
    }
    bySlot[u.slot] = u;
  }

  private void scan(Unit u, long key, long[] cell, long nowMillis, int[] stamps, int stamp) {
    int row = (int) (key >>> 32);
    int col = (int) key;
    double cellLon = col * cellDeg - 180;
    double cellLat = row * cellDeg - 90;
    double qLonLo;
    double qLonHi;
    if (u.boxWide) {
      qLonLo = -1000;
      qLonHi = 1000;
    } else {
      qLonLo = relativeLon(u.boxLonLo, cellLon);
      qLonHi = qLonLo + (u.boxLonHi - u.boxLonLo);
    }
    double qLatLo = u.boxLatLo - cellLat;
    double qLatHi = u.boxLatHi - cellLat;
    double ox = Double.longBitsToDouble(cell[1]);
    double oy = Double.longBitsToDouble(cell[2]);
    double oz = Double.longBitsToDouble(cell[3]);
    double qx = u.x - ox;
    double qy = u.y - oy;
    double qz = u.z - oz;
    int qt = (int) u.millis;
    int now = (int) nowMillis;
    int n = (int) cell[0];
    int self = u.partyId;
    for (int e = 0, base = HEADER; e < n; e++, base += ENTRY) {
      long meta = cell[base];
      if ((int) (meta >>> 32) == self) {
        continue;
      }
      long lonBits = cell[base + 1];
      if (Float.intBitsToFloat((int) (lonBits >>> 32)) > qLonHi
          || Float.intBitsToFloat((int) lonBits) < qLonLo) {
        continue;
      }
      long latBits = cell[base + 2];
      if (Float.intBitsToFloat((int) (latBits >>> 32)) > qLatHi
          || Float.intBitsToFloat((int) latBits) < qLatLo) {
        continue;
      }
      int slot = (int) meta;
      if (stamps[slot] == stamp) {
        continue;
      }
      stamps[slot] = stamp;
      long timeBits = cell[base + 6];
      int et = (int) (timeBits >>> 32);
      if (now - et > entryStaleMillis) {
        continue;
      }
      double separation = Math.max(u.separation, Float.intBitsToFloat((int) timeBits));
      if (approaches(u, qx, qy, qz, qt, now, cell, base, et, ox, oy, oz, separation)) {
        addFound(slot);
      }
    }
  }

  /**
   * Whether the entry at {@code base} comes within {@code separation + SLACK_METERS} of the
   * querying unit within the look-ahead (from the later of the two times; with dead reckoning, up
   * to look-ahead + extra after {@code now}), by the model of {@link Cpa} on the entry's floats.
   */
  private boolean approaches(
      Unit u,
      double qx,
      double qy,
      double qz,
      int qt,
      int now,
      long[] cell,
      int base,
      int et,
      double ox,
      double oy,
      double oz,
      double separation) {
    long xy = cell[base + 3];
    long zvx = cell[base + 4];
    long vyz = cell[base + 5];
    double ex = Float.intBitsToFloat((int) (xy >>> 32));
    double ey = Float.intBitsToFloat((int) xy);
    double ez = Float.intBitsToFloat((int) (zvx >>> 32));
    double evx = Float.intBitsToFloat((int) zvx);
    double evy = Float.intBitsToFloat((int) (vyz >>> 32));
    double evz = Float.intBitsToFloat((int) vyz);
    int dt = qt - et;
    double dq = dt < 0 ? -dt * 1e-3 : 0;
    double de = dt > 0 ? dt * 1e-3 : 0;
    double ax = qx + u.vx * dq;
    double ay = qy + u.vy * dq;
    double az = qz + u.vz * dq;
    double bx = ex + evx * de;
    double by = ey + evy * de;
    double bz = ez + evz * de;
    double rx = bx - ax;
    double ry = by - ay;
    double rz = bz - az;
    double vx = evx - u.vx;
    double vy = evy - u.vy;
    double vz = evz - u.vz;
    double mx = ox + 0.5 * (ax + bx);
    double my = oy + 0.5 * (ay + by);
    double mz = (oz + 0.5 * (az + bz)) / (1 - Wgs84.E2);
    double mn = Math.sqrt(mx * mx + my * my + mz * mz);
    double nx = mx / mn;
    double ny = my / mn;
    double nz = mz / mn;
    double rn = rx * nx + ry * ny + rz * nz;
    double vn = vx * nx + vy * ny + vz * nz;
    rx -= rn * nx;
    ry -= rn * ny;
    rz -= rn * nz;
    vx -= vn * nx;
    vy -= vn * ny;
    vz -= vn * nz;
    double vv = vx * vx + vy * vy + vz * vz;
    double rv = rx * vx + ry * vy + rz * vz;
    double ahead = lookAheadSeconds;
    if (extraSeconds > 0) {
      ahead += extraSeconds + Math.max(0, now - (dt < 0 ? et : qt)) * 1e-3;
    }
    double t = vv > 0 ? Math.max(0, Math.min(ahead, -rv / vv)) : 0;
    double cx = rx + vx * t;
    double cy = ry + vy * t;
    double cz = rz + vz * t;
    double s = separation + SLACK_METERS;
    return cx * cx + cy * cy + cz * cz < s * s;
  }

  private void addFound(int slot) {
    if (foundCount == found.length) {
      found = Arrays.copyOf(found, found.length * 2);
    }
    found[foundCount++] = slot;
  }

  /** Number of slots collected by the last {@link #update}. */
  int foundCount() {
    return foundCount;
  }

  /** Slot {@code i} collected by the last {@link #update}. */
  int found(int i) {
    return found[i];
  }

  private void insert(Unit u) {
    for (int k = 0; k < u.cellCount; k++) {
      long key = u.cells[k];
      long[] cell = cells.get(key);
      if (cell == null) {
        cell = new long[HEADER + ENTRY * 4];
        Wgs84.toEcef((int) key * cellDeg - 180, (int) (key >>> 32) * cellDeg - 90, corner, 0);
        // Whole metres: the origin is exact and the same however the cell was created.
        cell[1] = Double.doubleToRawLongBits(Math.rint(corner[0]));
        cell[2] = Double.doubleToRawLongBits(Math.rint(corner[1]));
        cell[3] = Double.doubleToRawLongBits(Math.rint(corner[2]));
        cells.put(key, cell);
      }
      int n = (int) cell[0];
      int base = HEADER + ENTRY * n;
      if (base + ENTRY > cell.length) {
        cell = Arrays.copyOf(cell, cell.length * 2);
        cells.put(key, cell);
      }
      write(u, key, cell, base);
      cell[0] = n + 1L;
      u.cellIndex[k] = n;
    }
    entries += u.cellCount;
  }

  /** Rewrites the unit's entries where they are (its cells have not changed). */
  private void rewrite(Unit u) {
    for (int k = 0; k < u.cellCount; k++) {
      long key = u.cells[k];
      long[] cell = cells.get(key);
      int base = HEADER + ENTRY * u.cellIndex[k];
      if (cell == null || (int) cell[base] != u.slot) {
        throw new IllegalStateException("unit " + u.key + " is not where the grid put it");
      }
      write(u, key, cell, base);
    }
  }

  private void write(Unit u, long key, long[] cell, int base) {
    int row = (int) (key >>> 32);
    int col = (int) key;
    double cellLon = col * cellDeg - 180;
    double cellLat = row * cellDeg - 90;
    double lonLo;
    double lonHi;
    if (u.boxWide) {
      lonLo = -1000;
      lonHi = 1000;
    } else {
      lonLo = relativeLon(u.boxLonLo, cellLon);
      lonHi = lonLo + (u.boxLonHi - u.boxLonLo);
    }
    double ox = Double.longBitsToDouble(cell[1]);
    double oy = Double.longBitsToDouble(cell[2]);
    double oz = Double.longBitsToDouble(cell[3]);
    cell[base] = ((long) u.partyId << 32) | (u.slot & MASK);
    cell[base + 1] = packFloats(down(lonLo), up(lonHi));
    cell[base + 2] = packFloats(down(u.boxLatLo - cellLat), up(u.boxLatHi - cellLat));
    cell[base + 3] = packFloats((float) (u.x - ox), (float) (u.y - oy));
    cell[base + 4] = packFloats((float) (u.z - oz), (float) u.vx);
    cell[base + 5] = packFloats((float) u.vy, (float) u.vz);
    cell[base + 6] =
        ((long) (int) u.millis << 32) | (Float.floatToRawIntBits(up(u.separation)) & MASK);
  }

  /** Removes {@code u} from the grid, if it is in it. */
  void remove(Unit u) {
    if (!u.indexed) {
      return;
    }
    u.indexed = false;
    if (overflow.remove(u)) {
      return;
    }
    for (int k = 0; k < u.cellCount; k++) {
      long key = u.cells[k];
      long[] cell = cells.get(key);
      int n = cell == null ? 0 : (int) cell[0];
      int i = u.cellIndex[k];
      if (cell == null || i >= n || (int) cell[HEADER + ENTRY * i] != u.slot) {
        throw new IllegalStateException("unit " + u.key + " is not where the grid put it");
      }
      int last = n - 1;
      if (i != last) {
        System.arraycopy(cell, HEADER + ENTRY * last, cell, HEADER + ENTRY * i, ENTRY);
        Unit moved = bySlot[(int) cell[HEADER + ENTRY * i]];
        for (int m = 0; m < moved.cellCount; m++) {
          if (moved.cells[m] == key) {
            moved.cellIndex[m] = i;
            break;
          }
        }
      }
      if (last == 0) {
        cells.remove(key);
      } else {
        cell[0] = last;
      }
    }
    entries -= u.cellCount;
  }

  /** Number of cell entries, over all cells. */
  int entries() {
    return entries;
  }

  /** Number of non-empty cells. */
  int cells() {
    return cells.size();
  }

  /** A longitude relative to a cell's west edge, in [-180, 180). */
  private static double relativeLon(double lon, double cellLon) {
    double d = lon - cellLon;
    return d - 360 * Math.floor((d + 180) / 360);
  }

  private static final long MASK = 0xFFFFFFFFL;

  private static long packFloats(float high, float low) {
    return ((long) Float.floatToRawIntBits(high) << 32) | (Float.floatToRawIntBits(low) & MASK);
  }

  private static float down(double v) {
    float f = (float) v;
    return f > v ? Math.nextDown(f) : f;
  }

  private static float up(double v) {
    float f = (float) v;
    return f < v ? Math.nextUp(f) : f;
  }
}
