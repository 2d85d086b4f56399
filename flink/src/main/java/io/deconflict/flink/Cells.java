package io.deconflict.flink;

import io.deconflict.engine.cpa.SiteShape;
import io.deconflict.engine.cpa.ZoneShape;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.index.SpaceTimeGrid;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.track.Track;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The cells of the job's partitioning: ECEF cubes of a fixed edge, and the cubes an item's
 * footprint plus its separation touches.
 *
 * <p>A movement's footprint is the engine's own: the chord pieces of its {@link Track}, each boxed
 * and grown by the separation (as a chord) plus {@link SpaceTimeGrid#BOX_MARGIN_METERS}, exactly as
 * the engine's grid enters them. A site's is its centre grown by its radius (as a chord) plus the
 * margin; a zone's is the engine's ECEF box of the zone. Two items the engine finds in conflict
 * therefore share at least one cube: a movement point within the applying separation of the other
 * movement lies in the box of the one whose separation applies, grown by it (D30).
 *
 * <p>Cost: one {@link Track} per movement and one pass over its pieces. Immutable and thread-safe.
 */
final class Cells {

  private static final int AXIS_BITS = 21;
  private static final int AXIS_OFFSET = 1 << (AXIS_BITS - 1);
  private static final long AXIS_MASK = (1L << AXIS_BITS) - 1;

  /** Smallest cube edge, metres: a key holds 21 bits per axis. */
  static final double MIN_CELL_METERS = 10;

  /** Most cubes one item may touch; an item that touches more is refused. */
  static final int MAX_CELLS_PER_ITEM = 100_000;

  private final double cellMeters;

  /**
   * Creates the partitioning.
   *
   * @param cellMeters the cube edge, at least {@link #MIN_CELL_METERS}
   */
  Cells(double cellMeters) {
    if (!(cellMeters >= MIN_CELL_METERS) || Double.isInfinite(cellMeters)) {
      throw new IllegalArgumentException(
          "cellMeters must be a finite number of at least "
              + MIN_CELL_METERS
              + ", got "
              + cellMeters);
    }
    this.cellMeters = cellMeters;
  }

  /**
   * The keys of the cubes an item touches, sorted and distinct.
   *
   * @throws IllegalArgumentException if the item touches more than {@link #MAX_CELLS_PER_ITEM}
   */
  long[] of(Item item) {
    KeySet keys = new KeySet(item.id());
    double[] box = new double[6];
    if (item instanceof Movement m) {
      Track t = Track.of(m);
      for (int p = 0; p < t.pieces(); p++) {
        SpaceTimeGrid.pieceBox(t, p, t.separationChord(), box);
        cubes(box, keys);
      }
    } else if (item instanceof Site s) {
      SiteShape shape = new SiteShape(s);
      double grow = shape.chord() + SpaceTimeGrid.BOX_MARGIN_METERS;
      for (int d = 0; d < 3; d++) {
        box[d] = shape.center(d) - grow;
        box[3 + d] = shape.center(d) + grow;
      }
      cubes(box, keys);
    } else {
      ZoneShape shape = new ZoneShape((Zone) item);
      for (int i = 0; i < 6; i++) {
        box[i] = shape.box(i);
      }
      cubes(box, keys);
    }
    return keys.sorted();
  }

  /** The key of the cube holding a point on the ellipsoid. */
  long cube(double lon, double lat) {
    double[] p = new double[3];
    Wgs84.toEcef(lon, lat, p, 0);
    return key(index(p[0]), index(p[1]), index(p[2]));
  }

  /**
   * The keys of the cubes within {@code radiusMeters} (a chord) of a point on the ellipsoid that
   * reach the surface there: every cube whose nearest point is that close and that holds points
   * both within and beyond the point's distance from the earth's centre (give or take {@link
   * #SURFACE_MARGIN_METERS}), sorted and distinct. Used for position reports, which go to every
   * cube within the live halo of where the unit is (D38); a cube above or below the surface holds
   * no unit's position, so it would own no pair.
   */
  long[] around(double lon, double lat, double radiusMeters) {
    double[] p = new double[3];
    Wgs84.toEcef(lon, lat, p, 0);
    int[] lo = new int[3];
    int[] hi = new int[3];
    for (int d = 0; d < 3; d++) {
      lo[d] = index(p[d] - radiusMeters);
      hi[d] = index(p[d] + radiusMeters);
    }
    KeySet keys = new KeySet(lon + "," + lat);
    double surface = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    double r2 = radiusMeters * radiusMeters;
    for (int x = lo[0]; x <= hi[0]; x++) {
      double dx = gap(p[0], x);
      for (int y = lo[1]; y <= hi[1]; y++) {
        double dy = gap(p[1], y);
        for (int z = lo[2]; z <= hi[2]; z++) {
          double dz = gap(p[2], z);
          if (dx * dx + dy * dy + dz * dz <= r2 && reachesRadius(x, y, z, surface)) {
            keys.accept(key(x, y, z));
          }
        }
      }
    }
    return keys.sorted();
  }

  /**
   * How far the ellipsoid's radius may differ within a halo from the radius at its centre, metres:
   * the radius changes by at most about 3.4 m per kilometre of latitude, so 1 km covers halos up to
   * some 290 km ({@link LiveJobSettings} allows 250 km).
   */
  static final double SURFACE_MARGIN_METERS = 1_000;

  /**
   * Whether cube (x, y, z) holds points at distance {@code radius} (± the margin) from the centre.
   */
  private boolean reachesRadius(int x, int y, int z, double radius) {
    double near = 0;
    double far = 0;
    int[] i = {x, y, z};
    for (int d = 0; d < 3; d++) {
      double low = i[d] * cellMeters;
      double high = low + cellMeters;
      double n = low > 0 ? low : high < 0 ? -high : 0;
      double f = Math.max(Math.abs(low), Math.abs(high));
      near += n * n;
      far += f * f;
    }
    return Math.sqrt(near) <= radius + SURFACE_MARGIN_METERS
        && Math.sqrt(far) >= radius - SURFACE_MARGIN_METERS;
  }

  /** The distance along one axis from a coordinate to cube {@code i}'s extent on that axis. */
  private double gap(double coordinate, int i) {
    double low = i * cellMeters;
    double high = low + cellMeters;
    return coordinate < low ? low - coordinate : coordinate > high ? coordinate - high : 0;
  }

  private void cubes(double[] box, LongConsumer keys) {
    int x0 = index(box[0]);
    int y0 = index(box[1]);
    int z0 = index(box[2]);
    int x1 = index(box[3]);
    int y1 = index(box[4]);
    int z1 = index(box[5]);
    for (int x = x0; x <= x1; x++) {
      for (int y = y0; y <= y1; y++) {
        for (int z = z0; z <= z1; z++) {
          keys.accept(key(x, y, z));
        }
      }
    }
  }

  private int index(double coordinate) {
    return (int) Math.floor(coordinate / cellMeters);
  }

  /** The key of cube {@code (x, y, z)}. */
  static long key(int x, int y, int z) {
    return ((long) (x + AXIS_OFFSET) & AXIS_MASK) << (2 * AXIS_BITS)
        | ((long) (y + AXIS_OFFSET) & AXIS_MASK) << AXIS_BITS
        | ((long) (z + AXIS_OFFSET) & AXIS_MASK);
  }

  /** A growing set of keys; refuses to grow past {@link #MAX_CELLS_PER_ITEM}. */
  private static final class KeySet implements LongConsumer {
    private final String id;
    private long[] keys = new long[16];
    private int size;

    KeySet(String id) {
      this.id = id;
    }

    @Override
    public void accept(long key) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = key;
      if (size > 4 * MAX_CELLS_PER_ITEM) {
        compact();
      }
    }

    private void compact() {
      long[] distinct = sorted();
      if (distinct.length > MAX_CELLS_PER_ITEM) {
        throw new IllegalArgumentException(
            "item "
                + id
                + " touches more than "
                + MAX_CELLS_PER_ITEM
                + " cells; use larger cells (--cell-meters)");
      }
      keys = Arrays.copyOf(distinct, Math.max(16, distinct.length * 2));
      size = distinct.length;
    }

    long[] sorted() {
      long[] copy = Arrays.copyOf(keys, size);
      Arrays.sort(copy);
      int n = 0;
      for (int i = 0; i < copy.length; i++) {
        if (n == 0 || copy[i] != copy[n - 1]) {
          copy[n++] = copy[i];
        }
      }
      if (n > MAX_CELLS_PER_ITEM) {
        throw new IllegalArgumentException(
            "item "
                + id
                + " touches "
                + n
                + " cells, more than "
                + MAX_CELLS_PER_ITEM
                + "; use larger cells (--cell-meters)");
      }
      return Arrays.copyOf(copy, n);
    }
  }
}
