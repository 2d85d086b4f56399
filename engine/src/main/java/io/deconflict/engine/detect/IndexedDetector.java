package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.cpa.IntervalSink;
import io.deconflict.engine.cpa.MovementKernel;
import io.deconflict.engine.cpa.SiteShape;
import io.deconflict.engine.cpa.ZoneShape;
import io.deconflict.engine.index.Cell;
import io.deconflict.engine.index.SpaceTimeGrid;
import io.deconflict.engine.index.SpatialGrid;
import io.deconflict.engine.track.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector that finds candidate pairs in a space-time grid and runs the exact kernels only on
 * pieces whose grown bounding boxes overlap in space and time.
 *
 * <p>Movements go into a {@link SpaceTimeGrid}; sites and zones into a {@link SpatialGrid}. For a
 * movement, every candidate piece pair is found once (reference-point method) and evaluated with
 * {@link MovementKernel#piecePair}, the same kernel, on the same windows, as {@link
 * BruteForceDetector}: both detectors give bit-identical conflicts. Cost of a check: the cells its
 * pieces touch, the entries in them, and one kernel per overlapping piece pair.
 *
 * <p>Not thread-safe.
 */
final class IndexedDetector extends AbstractDetector {
  /** Edge of a space-time cell, metres. */
  static final double CELL_METERS = 10_000;

  /** Length of a time bucket, seconds. */
  static final double BUCKET_SECONDS = 3_600;

  /** Edge of a static-item cell, metres. */
  static final double STATIC_CELL_METERS = 20_000;

  private SpaceTimeGrid grid = new SpaceTimeGrid(CELL_METERS, BUCKET_SECONDS);

  /** Whether every held track is in {@link #grid}; {@link #load} defers it to the first query. */
  private boolean gridReady = true;

  /** Number of held sites and zones. */
  private int staticCount;

  private final SpatialGrid statics = new SpatialGrid(STATIC_CELL_METERS);
  private final List<Stored> slots = new ArrayList<>();
  private final List<Integer> freeSlots = new ArrayList<>();
  private final Map<String, Integer> partyCodes = new HashMap<>();
  private int[] partyOfSlot = new int[16];
  private long[] seqOfSlot = new long[16];
  private Track[] trackOfSlot = new Track[16];
  private int[] stamps = new int[16];
  private int stamp;

  private final IntervalSink sink = new IntervalSink();
  private final IntervalSink hits = new IntervalSink();
  private final double[] qBox = new double[6];
  private final double[] oBox = new double[6];

  @Override
  void index(Stored s) {
    int slot = freeSlots.isEmpty() ? slots.size() : freeSlots.remove(freeSlots.size() - 1);
    if (slot == slots.size()) {
      slots.add(s);
    } else {
      slots.set(slot, s);
    }
    if (slot >= partyOfSlot.length) {
      partyOfSlot = Arrays.copyOf(partyOfSlot, Math.max(slot + 1, partyOfSlot.length * 2));
      stamps = Arrays.copyOf(stamps, partyOfSlot.length);
      seqOfSlot = Arrays.copyOf(seqOfSlot, partyOfSlot.length);
      trackOfSlot = Arrays.copyOf(trackOfSlot, partyOfSlot.length);
    }
    s.slot = slot;
    partyOfSlot[slot] = party(s.party);
    seqOfSlot[slot] = s.seq;
    if (s.isTrack()) {
      trackOfSlot[slot] = s.track();
      if (gridReady) {
        grid.add(slot, s.track());
      }
    } else {
      statics.add(slot, staticBox(s));
      staticCount++;
    }
  }

  @Override
  void unindex(Stored s) {
    if (s.isTrack()) {
      if (gridReady) {
        grid.remove(s.slot, s.track());
      }
      trackOfSlot[s.slot] = null;
    } else {
      statics.remove(s.slot, staticBox(s));
      staticCount--;
    }
    freeSlots.add(s.slot);
    s.slot = -1;
  }

  private int party(String party) {
    return partyCodes.computeIfAbsent(party, p -> partyCodes.size());
  }

  @Override
  void deferIndex() {
    if (gridReady) {
      gridReady = false;
      grid = new SpaceTimeGrid(CELL_METERS, BUCKET_SECONDS);
    }
  }

  /** Enters every held track into the grid if {@link #load} deferred it. */
  private void ensureGrid() {
    if (!gridReady) {
      for (int slot = 0; slot < slots.size(); slot++) {
        if (trackOfSlot[slot] != null) {
          grid.add(slot, trackOfSlot[slot]);
        }
      }
      gridReady = true;
    }
  }

  @Override
  void conflictsOf(Stored s, String excludeId, long skipFrom, long skipTo, List<Conflict> out) {
    ensureGrid();
    int party = party(s.party);
    if (s.isTrack()) {
      movementPairs(s, party, excludeId, skipFrom, skipTo, out);
      staticPairsOfMovement(s, party, excludeId, skipFrom, skipTo, out);
    } else {
      movementsNearStatic(s, party, excludeId, skipFrom, skipTo, out);
    }
  }

  private boolean skip(Stored s, Stored other, int party, String excludeId, long from, long to) {
    return other == s
        || partyOfSlot[other.slot] == party
        || (other.seq >= from && other.seq < to)
        || other.id.equals(excludeId);
  }

  private void movementPairs(
      Stored s, int party, String excludeId, long skipFrom, long skipTo, List<Conflict> out) {
    Track q = s.track();
    Stored excluded = stored(excludeId);
    int selfSlot = s.slot;
    int excludedSlot = excluded == null ? -1 : excluded.slot;
    hits.clear();
    for (int qp = 0; qp < q.pieces(); qp++) {
      SpaceTimeGrid.pieceBox(q, qp, q.separationChord(), qBox);
      double qt0 = q.time(qp);
      double qt1 = q.time(qp + 1);
      int qs0 = Cell.spanFloor(qt0);
      int qs1 = Cell.spanCeil(qt1);
      long b0 = grid.bucket(qt0);
      long b1 = grid.bucket(qt1);
      int x0 = grid.cell(qBox[0]);
      int x1 = grid.cell(qBox[3]);
      int y0 = grid.cell(qBox[1]);
      int y1 = grid.cell(qBox[4]);
      int z0 = grid.cell(qBox[2]);
      int z1 = grid.cell(qBox[5]);
      for (int ix = x0; ix <= x1; ix++) {
        for (int iy = y0; iy <= y1; iy++) {
          for (int iz = z0; iz <= z1; iz++) {
            for (long b = b0; b <= b1; b++) {
              long[] cell = grid.cell(SpaceTimeGrid.key(ix, iy, iz, b));
              if (cell == null) {
                continue;
              }
              for (int e = 0, n = Cell.size(cell); e < n; e++) {
                if (!Cell.spanOverlaps(cell, e, qs0, qs1) || !Cell.boxOverlaps(cell, e, qBox)) {
                  continue;
                }
                long entry = Cell.entry(cell, e);
                int slot = (int) (entry >>> 32);
                if (partyOfSlot[slot] == party
                    || slot == selfSlot
                    || slot == excludedSlot
                    || (seqOfSlot[slot] >= skipFrom && seqOfSlot[slot] < skipTo)) {
                  continue;
                }
                Track o = trackOfSlot[slot];
                int p0 = (int) ((entry >>> 16) & 0xFFFF);
                int p1 = (int) (entry & 0xFFFF);
                for (int p = p0; p <= p1; p++) {
                  double t0 = Math.max(qt0, o.time(p));
                  if (!(Math.min(qt1, o.time(p + 1)) > t0)) {
                    continue;
                  }
                  SpaceTimeGrid.pieceBox(o, p, o.separationChord(), oBox);
                  double mx = Math.max(qBox[0], oBox[0]);
                  double my = Math.max(qBox[1], oBox[1]);
                  double mz = Math.max(qBox[2], oBox[2]);
                  if (mx > Math.min(qBox[3], oBox[3])
                      || my > Math.min(qBox[4], oBox[4])
                      || mz > Math.min(qBox[5], oBox[5])) {
                    continue;
                  }
                  if (grid.cell(mx) != ix
                      || grid.cell(my) != iy
                      || grid.cell(mz) != iz
                      || grid.bucket(t0) != b) {
                    continue;
                  }
                  // The kernel is exactly symmetric in its two tracks, so the order is free.
                  MovementKernel.piecePair(q, qp, o, p, Pairs.chord(q, o), hits);
                  hits.tagRecent(slot);
                }
              }
            }
          }
        }
      }
    }
    evaluateHits(s, out);
  }

  private void evaluateHits(Stored s, List<Conflict> out) {
    int n = hits.size();
    if (n == 0) {
      return;
    }
    int[] order = hits.orderByTag();
    int i = 0;
    while (i < n) {
      int slot = hits.tagOf(order[i]);
      Stored other = slots.get(slot);
      sink.clear();
      for (; i < n && hits.tagOf(order[i]) == slot; i++) {
        int h = order[i];
        sink.add(hits.start(h), hits.end(h), hits.minD2(h), hits.minTime(h));
      }
      if (s.id.compareTo(other.id) < 0) {
        Pairs.movements(s, other, sink, out);
      } else {
        Pairs.movements(other, s, sink, out);
      }
    }
  }

  private void staticPairsOfMovement(
      Stored s, int party, String excludeId, long skipFrom, long skipTo, List<Conflict> out) {
    int mark = ++stamp;
    List<Stored> candidates = new ArrayList<>();
    for (Stored other : staticsNear(s.track(), stamps, mark, qBox, slots)) {
      if (!skip(s, other, party, excludeId, skipFrom, skipTo)) {
        candidates.add(other);
      }
    }
    for (Stored other : candidates) {
      Pairs.evaluate(s, other, sink, out);
    }
  }

  /** The held sites and zones in the static cells a track's pieces touch, each once. */
  private List<Stored> staticsNear(
      Track q, int[] seen, int mark, double[] box, List<Stored> bySlot) {
    List<Stored> candidates = new ArrayList<>();
    for (int qp = 0; qp < q.pieces(); qp++) {
      SpaceTimeGrid.pieceBox(q, qp, 0, box);
      for (int ix = statics.cell(box[0]); ix <= statics.cell(box[3]); ix++) {
        for (int iy = statics.cell(box[1]); iy <= statics.cell(box[4]); iy++) {
          for (int iz = statics.cell(box[2]); iz <= statics.cell(box[5]); iz++) {
            long[] cell = statics.cell(SpatialGrid.key(ix, iy, iz));
            if (cell == null) {
              continue;
            }
            for (int e = 0, n = Cell.size(cell); e < n; e++) {
              int slot = (int) (Cell.entry(cell, e) >>> 32);
              if (seen[slot] == mark) {
                continue;
              }
              seen[slot] = mark;
              candidates.add(bySlot.get(slot));
            }
          }
        }
      }
    }
    return candidates;
  }

  @Override
  public ConflictSearch search(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    int n = slots.size();
    Stored[] stored = slots.toArray(new Stored[0]);
    Track[] tracks = Arrays.copyOf(trackOfSlot, n);
    int[] parties = Arrays.copyOf(partyOfSlot, n);
    int groups = 4 * parallelism;
    boolean anyStatic = staticCount > 0;
    return new SlabSearch(
        stored,
        tracks,
        parties,
        parallelism,
        groups,
        g -> staticConflicts(stored, g, groups, anyStatic));
  }

  /**
   * The conflicts of the held sites and zones whose slot falls in group {@code group}: reads the
   * grids only, with scratch of its own, so groups may be prepared concurrently.
   */
  private List<Conflict> staticConflicts(Stored[] stored, int group, int groups, boolean any) {
    List<Conflict> out = new ArrayList<>();
    if (!any) {
      return out;
    }
    int[] seen = new int[stored.length];
    IntervalSink scratch = new IntervalSink();
    double[] box = new double[6];
    List<Stored> bySlot = Arrays.asList(stored);
    int mark = 0;
    for (int slot = group; slot < stored.length; slot += groups) {
      Stored s = stored[slot];
      if (s == null || s.slot != slot || !s.isTrack()) {
        continue;
      }
      mark++;
      for (Stored other : staticsNear(s.track(), seen, mark, box, bySlot)) {
        Pairs.evaluate(s, other, scratch, out);
      }
    }
    return out;
  }

  private void movementsNearStatic(
      Stored s, int party, String excludeId, long skipFrom, long skipTo, List<Conflict> out) {
    int mark = ++stamp;
    List<Stored> candidates = new ArrayList<>();
    for (Stored other : movementsNear(s, stamps, mark, slots)) {
      if (!skip(s, other, party, excludeId, skipFrom, skipTo)) {
        candidates.add(other);
      }
    }
    for (Stored other : candidates) {
      Pairs.evaluate(s, other, sink, out);
    }
  }

  /** The held movements whose grid cells a site's or zone's box touches, each once. */
  private List<Stored> movementsNear(Stored s, int[] seen, int mark, List<Stored> bySlot) {
    double[] box = staticBox(s);
    double from;
    double until;
    if (s.shape instanceof SiteShape site) {
      from = site.from();
      until = site.until();
    } else {
      ZoneShape zone = (ZoneShape) s.shape;
      from = zone.from();
      until = zone.until();
    }
    long b0 = Math.max(grid.minBucket(), grid.bucket(Math.max(from, -1e15)));
    long b1 = Math.min(grid.maxBucket(), grid.bucket(Math.min(until, 1e15)));
    // A site's box is grown by its radius and a movement's grid boxes by its separation, so any
    // movement within the radius has an entry in a cell this box touches.
    List<Stored> candidates = new ArrayList<>();
    for (int ix = grid.cell(box[0]); ix <= grid.cell(box[3]); ix++) {
      for (int iy = grid.cell(box[1]); iy <= grid.cell(box[4]); iy++) {
        for (int iz = grid.cell(box[2]); iz <= grid.cell(box[5]); iz++) {
          for (long b = b0; b <= b1; b++) {
            long[] cell = grid.cell(SpaceTimeGrid.key(ix, iy, iz, b));
            if (cell == null) {
              continue;
            }
            for (int e = 0, n = Cell.size(cell); e < n; e++) {
              int slot = (int) (Cell.entry(cell, e) >>> 32);
              if (seen[slot] == mark) {
                continue;
              }
              seen[slot] = mark;
              candidates.add(bySlot.get(slot));
            }
          }
        }
      }
    }
    return candidates;
  }

  /** The ECEF box of a site (grown by its radius) or a zone. */
  private static double[] staticBox(Stored s) {
    double[] box = new double[6];
    if (s.shape instanceof SiteShape site) {
      double g = site.chord() + SpaceTimeGrid.BOX_MARGIN_METERS;
      for (int d = 0; d < 3; d++) {
        box[d] = site.center(d) - g;
        box[3 + d] = site.center(d) + g;
      }
    } else {
      ZoneShape zone = (ZoneShape) s.shape;
      for (int i = 0; i < 6; i++) {
        box[i] = zone.box(i);
      }
    }
    return box;
  }
}
