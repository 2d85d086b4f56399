package io.deconflict.engine.index;

import io.deconflict.engine.track.Track;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A uniform grid over earth-centred space and time in which each track piece is entered in every
 * cell its bounding box, grown by the track's separation, touches.
 *
 * <p>Cells are cubes of {@link #cellMeters} in ECEF coordinates (so the grid has no seams at the
 * antimeridian or the poles) by {@link #bucketSeconds} of time. An entry packs the track's slot
 * (upper 32 bits) and the first and last piece of a run of consecutive pieces in that cell (16 bits
 * each), so a track costs one entry per cell it crosses, not one per piece. Beside it the cell
 * keeps the run's time span within the bucket (whole seconds) and its bounding box in bins of the
 * cell, in one more long (16 bytes an entry, see {@link Cell}): a query rejects most entries on
 * these alone, without touching the track's own arrays (which, for a random track, are cache
 * misses). Entries are kept in order of span start, so a query reads only those that can overlap
 * its time (see {@link Cell#firstStartingAfter}).
 *
 * <p>A query that meets the same other track in several cells deduplicates by slot and reads that
 * track's pieces once (see the indexed detector); the grid itself never reads a track after it was
 * entered.
 *
 * <p>Not thread-safe.
 */
public final class SpaceTimeGrid {

  /** Added to every box, metres, to absorb rounding of float offsets. */
  public static final double BOX_MARGIN_METERS = 1;

  private static final int AXIS_BITS = 12;
  private static final int AXIS_OFFSET = 1 << (AXIS_BITS - 1);
  private static final long BUCKET_OFFSET = 1L << 27;
  private static final long AXIS_MASK = (1L << AXIS_BITS) - 1;
  private static final long BUCKET_MASK = (1L << 28) - 1;

  private final double cellMeters;
  private final double bucketSeconds;
  private final CellMap cells = new CellMap();
  private long minBucket = Long.MAX_VALUE;
  private long maxBucket = Long.MIN_VALUE;

  /**
   * Creates an empty grid.
   *
   * @param cellMeters edge of a cell, at least 3,200 m (the key has 12 bits per axis)
   * @param bucketSeconds length of a time bucket: whole seconds, 1 to {@link Cell#MAX_OFFSET}
   */
  public SpaceTimeGrid(double cellMeters, double bucketSeconds) {
    if (!(cellMeters >= 3200)) {
      throw new IllegalArgumentException("cellMeters must be at least 3200, got " + cellMeters);
    }
    if (!(bucketSeconds >= 1 && bucketSeconds <= Cell.MAX_OFFSET)
        || bucketSeconds != Math.rint(bucketSeconds)) {
      throw new IllegalArgumentException(
          "bucketSeconds must be whole seconds from 1 to "
              + Cell.MAX_OFFSET
              + ", got "
              + bucketSeconds);
    }
    this.cellMeters = cellMeters;
    this.bucketSeconds = bucketSeconds;
  }

  /** The cell index of an ECEF coordinate. */
  public int cell(double coordinate) {
    return (int) Math.floor(coordinate / cellMeters);
  }

  /** The bucket index of a time in seconds, clamped to the key's range. */
  public long bucket(double seconds) {
    double b = Math.floor(seconds / bucketSeconds);
    return (long) Math.max(-BUCKET_OFFSET, Math.min(BUCKET_OFFSET - 1, b));
  }

  /**
   * The span offset of a time in seconds since 1970 within {@code bucket}: floored for a start
   * (clamped to {@code [0, bucketSeconds - 1]}), ceiled for an end (clamped to {@code [1,
   * bucketSeconds]}). The clamps keep a span that covers the bucket overlapping every query in it.
   */
  public int offset(double seconds, long bucket, boolean end) {
    double from = bucket * bucketSeconds;
    if (end) {
      return (int) Math.max(1, Math.min(bucketSeconds, Math.ceil(seconds) - from));
    }
    return (int) Math.max(0, Math.min(bucketSeconds - 1, Math.floor(seconds) - from));
  }

  /**
   * Writes the bins of a box (min x, y, z, max x, y, z) within cell {@code (ix, iy, iz)} into
   * {@code bins}, each clamped to the cell (see {@link Cell}).
   */
  public void bins(double[] box, int ix, int iy, int iz, int[] bins) {
    bins[0] = bin(box[0], ix);
    bins[1] = bin(box[1], iy);
    bins[2] = bin(box[2], iz);
    bins[3] = bin(box[3], ix);
    bins[4] = bin(box[4], iy);
    bins[5] = bin(box[5], iz);
  }

  private int bin(double coordinate, int cell) {
    double b = Math.floor((coordinate - cell * cellMeters) * (Cell.BINS / cellMeters));
    return (int) Math.max(0, Math.min(Cell.BINS - 1, b));
  }

  /** The key of a cell. */
  public static long key(int ix, int iy, int iz, long bucket) {
    return ((long) (ix + AXIS_OFFSET) << (2 * AXIS_BITS + 28))
        | ((long) (iy + AXIS_OFFSET) << (AXIS_BITS + 28))
        | ((long) (iz + AXIS_OFFSET) << 28)
        | (bucket + BUCKET_OFFSET);
  }

  /** The cell at a key (see {@link Cell}), or null if it holds nothing. */
  public long @Nullable [] cell(long key) {
    return cells.get(key);
  }

  /** The lowest bucket that holds anything, or {@link Long#MAX_VALUE} when empty. */
  public long minBucket() {
    return minBucket;
  }

  /** The highest bucket that holds anything, or {@link Long#MIN_VALUE} when empty. */
  public long maxBucket() {
    return maxBucket;
  }

  /**
   * Writes the bounding box of piece {@code p} of a track, grown by {@code grow} metres plus {@link
   * #BOX_MARGIN_METERS}, into {@code box}: min x, y, z, max x, y, z.
   */
  public static void pieceBox(Track t, int p, double grow, double[] box) {
    double g = grow + BOX_MARGIN_METERS;
    double x0 = t.x(p);
    double x1 = t.x(p + 1);
    double y0 = t.y(p);
    double y1 = t.y(p + 1);
    double z0 = t.z(p);
    double z1 = t.z(p + 1);
    box[0] = Math.min(x0, x1) - g;
    box[1] = Math.min(y0, y1) - g;
    box[2] = Math.min(z0, z1) - g;
    box[3] = Math.max(x0, x1) + g;
    box[4] = Math.max(y0, y1) + g;
    box[5] = Math.max(z0, z1) + g;
  }

  /**
   * Enters every piece of a track under {@code slot}: one entry per run of consecutive pieces in a
   * cell, inserted in the cell's order of span start.
   */
  public void add(int slot, Track t) {
    if (t.pieces() > 0xFFFF) {
      throw new IllegalArgumentException("track " + t.id() + " has too many pieces");
    }
    Runs runs = new Runs();
    double[] box = new double[6];
    for (int p = 0; p < t.pieces(); p++) {
      pieceBox(t, p, t.separationChord(), box);
      long b0 = bucket(t.time(p));
      long b1 = bucket(t.time(p + 1));
      minBucket = Math.min(minBucket, b0);
      maxBucket = Math.max(maxBucket, b1);
      int x0 = cell(box[0]);
      int x1 = cell(box[3]);
      int y0 = cell(box[1]);
      int y1 = cell(box[4]);
      int z0 = cell(box[2]);
      int z1 = cell(box[5]);
      for (int ix = x0; ix <= x1; ix++) {
        for (int iy = y0; iy <= y1; iy++) {
          for (int iz = z0; iz <= z1; iz++) {
            for (long b = b0; b <= b1; b++) {
              runs.enter(key(ix, iy, iz, b), p, t.time(p), t.time(p + 1), box);
            }
          }
        }
      }
    }
    int[] bins = new int[6];
    for (int r = 0; r < runs.count; r++) {
      long key = runs.keys[r];
      int ix = (int) (key >>> (2 * AXIS_BITS + 28)) - AXIS_OFFSET;
      int iy = (int) ((key >>> (AXIS_BITS + 28)) & AXIS_MASK) - AXIS_OFFSET;
      int iz = (int) ((key >>> 28) & AXIS_MASK) - AXIS_OFFSET;
      long b = (key & BUCKET_MASK) - BUCKET_OFFSET;
      bins(runs.box(r), ix, iy, iz, bins);
      long bounds =
          Cell.bounds(offset(runs.start[r], b, false), offset(runs.end[r], b, true), bins);
      long entry = ((long) slot << 32) | ((long) runs.first[r] << 16) | runs.last[r];
      long[] cell = cells.get(key);
      long[] grown = Cell.insertByStart(cell == null ? new long[1] : cell, entry, bounds);
      if (grown != cell) {
        cells.put(key, grown);
      }
    }
  }

  /** The runs of consecutive pieces of one track, per cell, while the track is entered. */
  private static final class Runs {
    private final Long2IntOpenHashMap lastRunOfKey = new Long2IntOpenHashMap();
    private long[] keys = new long[16];
    private int[] first = new int[16];
    private int[] last = new int[16];
    private double[] start = new double[16];
    private double[] end = new double[16];
    private double[] boxes = new double[96];
    private final double[] one = new double[6];
    private int count;

    Runs() {
      lastRunOfKey.defaultReturnValue(-1);
    }

    void enter(long key, int piece, double from, double until, double[] box) {
      int r = lastRunOfKey.get(key);
      if (r >= 0 && last[r] >= piece - 1) {
        last[r] = piece;
        end[r] = Math.max(end[r], until);
        for (int d = 0; d < 3; d++) {
          boxes[6 * r + d] = Math.min(boxes[6 * r + d], box[d]);
          boxes[6 * r + 3 + d] = Math.max(boxes[6 * r + 3 + d], box[3 + d]);
        }
        return;
      }
      if (count == keys.length) {
        int capacity = 2 * count;
        keys = Arrays.copyOf(keys, capacity);
        first = Arrays.copyOf(first, capacity);
        last = Arrays.copyOf(last, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        boxes = Arrays.copyOf(boxes, 6 * capacity);
      }
      keys[count] = key;
      first[count] = piece;
      last[count] = piece;
      start[count] = from;
      end[count] = until;
      System.arraycopy(box, 0, boxes, 6 * count, 6);
      lastRunOfKey.put(key, count);
      count++;
    }

    double[] box(int r) {
      System.arraycopy(boxes, 6 * r, one, 0, 6);
      return one;
    }
  }

  /** Removes every entry of a track entered under {@code slot}. */
  public void remove(int slot, Track t) {
    double[] box = new double[6];
    for (int p = 0; p < t.pieces(); p++) {
      pieceBox(t, p, t.separationChord(), box);
      long b0 = bucket(t.time(p));
      long b1 = bucket(t.time(p + 1));
      for (int ix = cell(box[0]); ix <= cell(box[3]); ix++) {
        for (int iy = cell(box[1]); iy <= cell(box[4]); iy++) {
          for (int iz = cell(box[2]); iz <= cell(box[5]); iz++) {
            for (long b = b0; b <= b1; b++) {
              cells.removeSlot(key(ix, iy, iz, b), slot);
            }
          }
        }
      }
    }
  }

  /** Number of non-empty cells. */
  public int cellCount() {
    return cells.size();
  }

  /** Approximate heap bytes of the grid. */
  public long heapBytes() {
    return cells.heapBytes();
  }
}
