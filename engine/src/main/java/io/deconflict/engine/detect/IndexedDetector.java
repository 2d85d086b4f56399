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
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.track.Track;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector that finds candidate pairs in a space-time grid and runs the exact kernels only on
 * pieces whose grown bounding boxes overlap in space and time.
 *
 * <p>Movements go into a {@link SpaceTimeGrid}; sites and zones into a {@link SpatialGrid}. A check
 * of a movement gathers the grid's runs that overlap its pieces' spans and boxes and keeps each
 * other movement once (a small table local to the check) with the union of its runs' piece ranges;
 * then it walks the two tracks side by side in time over that range and runs {@link
 * MovementKernel#piecePair} on each pair of pieces whose grown boxes overlap: the same kernel, on
 * the same windows, as {@link BruteForceDetector}, so both detectors give bit-identical conflicts.
 * Each piece pair is met once however many cells the two share, and the other track is read in
 * order. Cost of a check: the cells its pieces touch, the entries in them that overlap in time
 * (cells are ordered by start), one read of each other movement near it, and one kernel per
 * overlapping piece pair.
 *
 * <p>Not thread-safe.
 */
final class IndexedDetector extends AbstractDetector {
  /**
   * Edge of a space-time cell, metres: 20 km × 1 h is the only shape measured under 64 bytes per
   * waypoint, at the cost per check of 10 km (D18, third pass).
   */
  static final double CELL_METERS = 20_000;

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

  /** The table of {@link #note}: slots seen by this check (-1: free) and their candidate index. */
  private int[] seenSlots = filled(1024);

  private int[] seenCandidate = new int[1024];

  /** The candidates of a check: slot, first and last piece, three ints each. */
  private int[] candidates = new int[48];

  private int candidateCount;

  /** What {@link #touchCandidates} read, kept so that the reads are not optimised away. */
  private int touched;

  private double[] qBoxes = new double[96];

  /** The query's knot times, seconds: {@code Track.time} once per knot instead of per test. */
  private double[] qTimes = new double[17];

  private int stamp;

  private final IntervalSink sink = new IntervalSink();
  private final double[] qBox = new double[6];
  private final double[] oBox = new double[6];
  private final int[] qBins = new int[6];

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

  private static int[] filled(int capacity) {
    int[] a = new int[capacity];
    Arrays.fill(a, -1);
    return a;
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
    int excludedSlot = excluded == null ? -1 : excluded.slot;
    int pieces = q.pieces();
    if (qBoxes.length < 6 * pieces) {
      qBoxes = new double[6 * Math.max(pieces, qBoxes.length)];
    }
    if (qTimes.length < pieces + 1) {
      qTimes = new double[Math.max(pieces + 1, 2 * qTimes.length)];
    }
    for (int k = 0; k <= pieces; k++) {
      qTimes[k] = q.time(k);
    }
    candidateCount = 0;
    for (int qp = 0; qp < pieces; qp++) {
      SpaceTimeGrid.pieceBox(q, qp, q.separationChord(), qBox);
      System.arraycopy(qBox, 0, qBoxes, 6 * qp, 6);
      double qt0 = qTimes[qp];
      double qt1 = qTimes[qp + 1];
      long b0 = grid.bucket(qt0);
      long b1 = grid.bucket(qt1);
      for (int ix = grid.cell(qBox[0]); ix <= grid.cell(qBox[3]); ix++) {
        for (int iy = grid.cell(qBox[1]); iy <= grid.cell(qBox[4]); iy++) {
          for (int iz = grid.cell(qBox[2]); iz <= grid.cell(qBox[5]); iz++) {
            grid.bins(qBox, ix, iy, iz, qBins);
            for (long b = b0; b <= b1; b++) {
              long[] cell = grid.cell(SpaceTimeGrid.key(ix, iy, iz, b));
              if (cell != null) {
                gather(cell, grid.offset(qt0, b, false), grid.offset(qt1, b, true));
              }
            }
          }
        }
      }
    }
    selectCandidates(party, s.slot, excludedSlot, skipFrom, skipTo);
    touchCandidates();
    for (int c = 0; c < candidateCount; c++) {
      int slot = candidates[3 * c];
      sink.clear();
      sweep(q, trackOfSlot[slot], candidates[3 * c + 1], candidates[3 * c + 2], sink);
      if (sink.size() == 0) {
        continue;
      }
      Stored other = slots.get(slot);
      if (s.id.compareTo(other.id) < 0) {
        Pairs.movements(s, other, sink, out);
      } else {
        Pairs.movements(other, s, sink, out);
      }
    }
  }

  /**
   * Notes the runs of one cell that overlap the query piece's span (seconds from the start of the
   * cell's bucket) and bins ({@link #qBins}) as candidates: each other movement once, with the
   * union of its runs' piece ranges, found through a small table local to the check (so that
   * nothing indexed by slot is read for a run that names a movement already seen).
   */
  private void gather(long[] cell, int start, int end) {
    // The cell is ordered by span start: entries starting at or before start - longest end by then.
    int n = Cell.size(cell);
    for (int e = Cell.firstStartingAfter(cell, (long) start - Cell.longestSpan(cell));
        e < n && Cell.start(cell, e) < end;
        e++) {
      if (Cell.overlaps(Cell.bounds(cell, e), start, end, qBins)) {
        note(Cell.entry(cell, e));
      }
    }
  }

  private void note(long entry) {
    int slot = (int) (entry >>> 32);
    int p0 = (int) ((entry >>> 16) & 0xFFFF);
    int p1 = (int) (entry & 0xFFFF);
    int mask = seenSlots.length - 1;
    int h = (slot * 0x9E3779B9) >>> 7 & mask;
    while (seenSlots[h] != -1) {
      if (seenSlots[h] == slot) {
        int c = 3 * seenCandidate[h];
        candidates[c + 1] = Math.min(candidates[c + 1], p0);
        candidates[c + 2] = Math.max(candidates[c + 2], p1);
        return;
      }
      h = (h + 1) & mask;
    }
    if (3 * candidateCount + 3 > candidates.length) {
      candidates = Arrays.copyOf(candidates, 2 * candidates.length);
    }
    seenSlots[h] = slot;
    seenCandidate[h] = candidateCount;
    candidates[3 * candidateCount] = slot;
    candidates[3 * candidateCount + 1] = p0;
    candidates[3 * candidateCount + 2] = p1;
    candidateCount++;
    if (2 * candidateCount > seenSlots.length) {
      rehash(2 * seenSlots.length);
    }
  }

  private void rehash(int capacity) {
    seenSlots = new int[capacity];
    seenCandidate = new int[capacity];
    Arrays.fill(seenSlots, -1);
    int mask = capacity - 1;
    for (int c = 0; c < candidateCount; c++) {
      int slot = candidates[3 * c];
      int h = (slot * 0x9E3779B9) >>> 7 & mask;
      while (seenSlots[h] != -1) {
        h = (h + 1) & mask;
      }
      seenSlots[h] = slot;
      seenCandidate[h] = c;
    }
  }

  /**
   * Keeps of the {@link #candidates} those of another party, not the query itself and not skipped,
   * in the order found, and empties the table of {@link #note}.
   */
  private void selectCandidates(
      int party, int selfSlot, int excludedSlot, long skipFrom, long skipTo) {
    int kept = 0;
    int mask = seenSlots.length - 1;
    for (int c = 0; c < candidateCount; c++) {
      int slot = candidates[3 * c];
      int h = (slot * 0x9E3779B9) >>> 7 & mask;
      while (seenSlots[h] != slot) {
        h = (h + 1) & mask;
      }
      seenSlots[h] = -1;
      if (partyOfSlot[slot] == party
          || slot == selfSlot
          || slot == excludedSlot
          || (seqOfSlot[slot] >= skipFrom && seqOfSlot[slot] < skipTo)) {
        continue;
      }
      System.arraycopy(candidates, 3 * c, candidates, 3 * kept, 3);
      kept++;
    }
    candidateCount = kept;
  }

  /**
   * Reads what the sweep and the conflicts will read of every candidate (its track, its first
   * piece, its stored item and id) in passes of independent loads, so that the processor overlaps
   * their cache misses instead of taking them one after another in the sweep (D18, fourth pass).
   */
  private void touchCandidates() {
    int acc = 0;
    for (int c = 0; c < candidateCount; c++) {
      int slot = candidates[3 * c];
      acc += trackOfSlot[slot].knots() + slots.get(slot).id.hashCode();
    }
    for (int c = 0; c < candidateCount; c++) {
      int slot = candidates[3 * c];
      acc += trackOfSlot[slot].touch(candidates[3 * c + 1]) + slots.get(slot).id.length();
    }
    touched += acc;
  }

  /**
   * Runs the kernel on every pair of a query piece and a piece {@code lo..hi} of {@code o} that
   * overlap in time and whose grown boxes overlap: both tracks in time order, each pair once. The
   * query's knot times are {@link #qTimes}.
   */
  private void sweep(Track q, Track o, int lo, int hi, IntervalSink out) {
    double chord = Pairs.chord(q, o);
    double oChord = o.separationChord();
    boolean vertical = q.isAirborne() && o.isAirborne();
    double[] qt = qTimes;
    int pieces = q.pieces();
    double ot1 = o.time(lo);
    int qp = firstEndingAfter(qt, pieces, ot1);
    for (int p = lo; p <= hi && qp < pieces; p++) {
      double ot0 = ot1;
      ot1 = o.time(p + 1);
      while (qp < pieces && !(qt[qp + 1] > ot0)) {
        qp++;
      }
      boolean boxed = false;
      for (int k = qp; k < pieces && qt[k] < ot1; k++) {
        if (!(Math.min(ot1, qt[k + 1]) > Math.max(ot0, qt[k]))) {
          continue;
        }
        if (vertical && !Track.verticallyClose(q, k, o, p)) {
          continue;
        }
        if (!boxed) {
          SpaceTimeGrid.pieceBox(o, p, oChord, oBox);
          boxed = true;
        }
        int b = 6 * k;
        if (oBox[0] > qBoxes[b + 3]
            || oBox[3] < qBoxes[b]
            || oBox[1] > qBoxes[b + 4]
            || oBox[4] < qBoxes[b + 1]
            || oBox[2] > qBoxes[b + 5]
            || oBox[5] < qBoxes[b + 2]) {
          continue;
        }
        // The kernel is exactly symmetric in its two tracks, so the order is free.
        MovementKernel.piecePair(q, k, o, p, chord, out);
      }
    }
  }

  /**
   * The movements in the grid cells the query's pieces touch over their spans stretched by the
   * horizon each side (the same gathering as a check, over a longer time), and the sites and zones
   * in the static cells they touch whose validity meets the stretched span.
   */
  @Override
  public List<String> near(Movement movement, Duration horizon) {
    requireHorizon(horizon);
    ensureGrid();
    Track q = Track.of(movement);
    double h = horizon.toMillis() * 1e-3;
    int party = party(movement.party());
    Stored self = stored(movement.id());
    int selfSlot = self == null ? -1 : self.slot;
    candidateCount = 0;
    for (int qp = 0; qp < q.pieces(); qp++) {
      SpaceTimeGrid.pieceBox(q, qp, q.separationChord(), qBox);
      double qt0 = q.time(qp) - h;
      double qt1 = q.time(qp + 1) + h;
      long b0 = Math.max(grid.minBucket(), grid.bucket(qt0));
      long b1 = Math.min(grid.maxBucket(), grid.bucket(qt1));
      for (int ix = grid.cell(qBox[0]); ix <= grid.cell(qBox[3]); ix++) {
        for (int iy = grid.cell(qBox[1]); iy <= grid.cell(qBox[4]); iy++) {
          for (int iz = grid.cell(qBox[2]); iz <= grid.cell(qBox[5]); iz++) {
            grid.bins(qBox, ix, iy, iz, qBins);
            for (long b = b0; b <= b1; b++) {
              long[] cell = grid.cell(SpaceTimeGrid.key(ix, iy, iz, b));
              if (cell != null) {
                gather(cell, grid.offset(qt0, b, false), grid.offset(qt1, b, true));
              }
            }
          }
        }
      }
    }
    selectCandidates(party, selfSlot, selfSlot, 0, 0);
    List<String> ids = new ArrayList<>();
    for (int c = 0; c < candidateCount; c++) {
      ids.add(slots.get(candidates[3 * c]).id);
    }
    candidateCount = 0;
    int mark = ++stamp;
    double from = q.start() - h;
    double until = q.end() + h;
    for (Stored other : staticsNear(q, stamps, mark, qBox, slots)) {
      if (partyOfSlot[other.slot] == party || other.id.equals(movement.id())) {
        continue;
      }
      double vFrom;
      double vUntil;
      if (other.shape instanceof SiteShape site) {
        vFrom = site.from();
        vUntil = site.until();
      } else {
        ZoneShape zone = (ZoneShape) other.shape;
        vFrom = zone.from();
        vUntil = zone.until();
      }
      if (vFrom < until && vUntil > from) {
        ids.add(other.id);
      }
    }
    ids.sort(null);
    return ids;
  }

  /** The first of {@code pieces} pieces whose end {@code times[k + 1]} is after {@code time}. */
  private static int firstEndingAfter(double[] times, int pieces, double time) {
    int lo = 0;
    int hi = pieces;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid + 1] > time) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
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
