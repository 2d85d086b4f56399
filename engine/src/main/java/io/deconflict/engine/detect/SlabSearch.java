package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.cpa.IntervalSink;
import io.deconflict.engine.cpa.MovementKernel;
import io.deconflict.engine.index.SpaceTimeGrid;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.track.Track;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Every conflict of the items a detector holds, found by a sweep over time slabs and space cells.
 *
 * <p>Time is cut into slabs; a part is one slab. Within it every piece of every track that overlaps
 * the slab is entered, with its bounding box grown by the track's separation, into each ECEF cube
 * of {@link #CELL_METERS} its box touches; within each cube the pieces are swept in order of start
 * time against the pieces still running. A pair of pieces is evaluated with the exact kernel
 * ({@link MovementKernel#piecePair}, the brute-force detector's kernel on the same windows) in the
 * one slab where their time overlap starts and the one cube holding the lowest corner of their
 * boxes' intersection (the reference-point method), so each piece pair is evaluated exactly once.
 * What the kernel finds is written, per pair of tracks, into one of {@link #groups()} buffers
 * chosen by the pair; preparing a group merges each pair's sub-intervals into conflicts, exactly as
 * the brute-force detector does, and adds the conflicts of the group's share of sites and zones.
 *
 * <p>Cost of a part: its pieces times the cubes each touches, plus the time-overlapping piece pairs
 * that share a cube, plus one kernel per overlapping box pair. Memory: a slab's pieces and what the
 * kernel finds until its group is prepared. The search reads the detector without changing it; the
 * parts (and then the groups) write only their own buffers.
 */
final class SlabSearch implements ConflictSearch {

  /** Edge of a space cube of the sweep, metres. */
  static final double CELL_METERS = 16_000;

  /** Shortest slab, seconds. */
  static final double MIN_SLAB_SECONDS = 1_800;

  /** Longest slab, seconds, unless the items span more than {@link #MAX_SLABS} of them. */
  static final double MAX_SLAB_SECONDS = 6 * 3_600;

  /** Most slabs a search has. */
  static final int MAX_SLABS = 1 << 16;

  private static final int AXIS_BITS = 16;
  private static final int AXIS_OFFSET = 1 << (AXIS_BITS - 1);

  private final Track[] tracks;
  private final int[] party;
  private final int[] rank;
  private final double base;
  private final double slabSeconds;
  private final int[][] slabSlots;
  private final int groupCount;
  private final Hits[][] hits;
  private final @Nullable Raw[] raws;
  private int @Nullable [] order;
  private int @Nullable [] orderGroup;
  private int[] chunkStart = {0};
  private final IntFunction<List<Conflict>> statics;
  private final Stored[] stored;

  /**
   * Whether some track has a band other than the ground band: only then do the parts copy the
   * pieces' bands and test them (D37), so a search over ground movements takes the old path.
   */
  private final boolean airborne;

  /** Whether some held item is a joint movement (D39): only then are pairs clipped by party. */
  private final boolean joint;

  /**
   * Prepares a search.
   *
   * @param stored the held items by slot (null where free)
   * @param tracks the track of each slot, null for sites, zones and free slots
   * @param party the party code of each slot
   * @param parallelism how many threads the caller means to use, at least 1
   * @param statics the conflicts of a group's share of sites and zones, by group
   * @param groupCount number of groups
   */
  SlabSearch(
      Stored[] stored,
      Track[] tracks,
      int[] party,
      int parallelism,
      int groupCount,
      IntFunction<List<Conflict>> statics) {
    this.stored = stored;
    this.tracks = tracks;
    this.party = party;
    this.groupCount = groupCount;
    this.statics = statics;
    this.rank = idRanks(stored, tracks);
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    boolean anyAirborne = false;
    for (Track t : tracks) {
      if (t != null) {
        anyAirborne |= t.isAirborne();
        first = Math.min(first, t.start());
        last = Math.max(last, t.end());
      }
    }
    if (first > last) {
      first = 0;
      last = 0;
    }
    this.airborne = anyAirborne;
    boolean anyJoint = false;
    for (Stored s : stored) {
      anyJoint |= s != null && s.participants.length > 0;
    }
    this.joint = anyJoint;
    this.base = first;
    double span = last - first;
    // About four slabs per thread, within the bounds, and never more than MAX_SLABS.
    this.slabSeconds =
        Math.max(
            span / (MAX_SLABS - 1),
            Math.max(MIN_SLAB_SECONDS, Math.min(MAX_SLAB_SECONDS, span / (4.0 * parallelism))));
    int slabs = Math.min(MAX_SLABS, (int) Math.floor(span / slabSeconds) + 1);
    // A track is listed in the slabs it spans and one more on each side, so that rounding at a
    // slab boundary never hides a piece from the slab that owns its pairs; a slab takes only the
    // pieces that overlap it.
    int[] counts = new int[slabs];
    for (Track t : tracks) {
      if (t != null) {
        for (int s = firstSlab(t); s <= lastSlab(t, slabs); s++) {
          counts[s]++;
        }
      }
    }
    slabSlots = new int[slabs][];
    for (int s = 0; s < slabs; s++) {
      slabSlots[s] = new int[counts[s]];
    }
    Arrays.fill(counts, 0);
    for (int slot = 0; slot < tracks.length; slot++) {
      Track t = tracks[slot];
      if (t != null) {
        for (int s = firstSlab(t); s <= lastSlab(t, slabs); s++) {
          slabSlots[s][counts[s]++] = slot;
        }
      }
    }
    hits = new Hits[slabs][];
    raws = new Raw[groupCount];
  }

  private int firstSlab(Track t) {
    return (int) Math.max(0, Math.floor((t.start() - base) / slabSeconds) - 1);
  }

  private int lastSlab(Track t, int slabs) {
    return (int) Math.min(slabs - 1, Math.floor((t.end() - base) / slabSeconds) + 1);
  }

  /** Each track slot's rank in id order, so that pair order needs no string comparison. */
  private static int[] idRanks(Stored[] stored, Track[] tracks) {
    int n = 0;
    for (Track t : tracks) {
      if (t != null) {
        n++;
      }
    }
    int[] order = new int[n];
    n = 0;
    for (int slot = 0; slot < tracks.length; slot++) {
      if (tracks[slot] != null) {
        order[n++] = slot;
      }
    }
    IntArrays.quickSort(order, (x, y) -> stored[x].id.compareTo(stored[y].id));
    int[] rank = new int[tracks.length];
    for (int i = 0; i < n; i++) {
      rank[order[i]] = i;
    }
    return rank;
  }

  @Override
  public int parts() {
    return slabSlots.length;
  }

  @Override
  public int groups() {
    return groupCount;
  }

  @Override
  public void search(int part) {
    Hits[] out = new Hits[groupCount];
    for (int g = 0; g < groupCount; g++) {
      out[g] = new Hits();
    }
    new Slab(part).sweep(out);
    slabSlots[part] = new int[0];
    hits[part] = out;
  }

  @Override
  public void prepare(int group) {
    if (raws[group] == null) {
      if (order != null) {
        throw new IllegalStateException("group " + group + " is prepared after the chunks");
      }
      raws[group] = raw(group);
    }
  }

  @Override
  public int chunks() {
    if (order == null) {
      order();
    }
    return chunkStart.length - 1;
  }

  /** Orders every conflict of every group by start millisecond and cuts the order into chunks. */
  private void order() {
    int total = 0;
    for (int g = 0; g < groupCount; g++) {
      prepare(g);
      Raw raw = java.util.Objects.requireNonNull(raws[g]);
      total = Math.addExact(total, raw.size + raw.statics.size());
    }
    // Every conflict as (group, index), ordered by its start millisecond (a stable radix sort).
    long[] start = new long[total];
    int[] where = new int[total];
    int[] groupOf = new int[total];
    int k = 0;
    for (int g = 0; g < groupCount; g++) {
      Raw raw = java.util.Objects.requireNonNull(raws[g]);
      for (int i = 0; i < raw.size + raw.statics.size(); i++) {
        start[k] = raw.startMillis(i);
        where[k] = i;
        groupOf[k] = g;
        k++;
      }
    }
    int[] sorted = new int[total];
    for (int i = 0; i < total; i++) {
      sorted[i] = i;
    }
    LongArrays.radixSortIndirect(sorted, start, true);
    // Chunks of about CHUNK conflicts, never splitting conflicts that start in the same
    // millisecond.
    int[] bounds = new int[total / CHUNK + 2];
    int chunks = 0;
    int from = 0;
    while (from < total) {
      int to = Math.min(total, from + CHUNK);
      while (to < total && start[sorted[to]] == start[sorted[to - 1]]) {
        to++;
      }
      if (chunks + 1 == bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[chunks++] = from;
      from = to;
    }
    bounds[chunks] = total;
    chunkStart = Arrays.copyOf(bounds, chunks + 1);
    // Position i of the order: conflict index[i] of group group[i].
    int[] index = new int[total];
    int[] group = new int[total];
    for (int i = 0; i < total; i++) {
      int e = sorted[i];
      index[i] = where[e];
      group[i] = groupOf[e];
    }
    order = index;
    orderGroup = group;
  }

  @Override
  public List<Conflict> chunk(int chunk) {
    int[] o = java.util.Objects.requireNonNull(order);
    int[] g = java.util.Objects.requireNonNull(orderGroup);
    int from = chunkStart[chunk];
    int to = chunkStart[chunk + 1];
    List<Conflict> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(java.util.Objects.requireNonNull(raws[g[i]]).conflict(o[i]));
    }
    out.sort(Conflict.ORDER);
    return out;
  }

  /** Conflicts in a chunk, about. */
  static final int CHUNK = 8_192;

  /** Merges what the parts found for the pairs of a group into compact conflicts. */
  private Raw raw(int group) {
    int n = 0;
    for (Hits[] h : hits) {
      if (h == null) {
        throw new IllegalStateException("a group is prepared before every part was searched");
      }
      n += h[group].size;
    }
    long[] pair = new long[n];
    double[] values = new double[4 * n];
    int o = 0;
    for (Hits[] h : hits) {
      o = h[group].copyTo(pair, values, o);
      h[group] = EMPTY;
    }
    int[] order = byPair(pair, n);
    // 0.58 conflicts per hit at 100,000 movements (one day): room for that, grown by half after.
    Raw raw =
        new Raw(statics.apply(group), (int) Math.min(Integer.MAX_VALUE - 16, n * 5L / 8) + 16);
    IntervalSink sink = new IntervalSink();
    int i = 0;
    while (i < n) {
      long key = pair[order[i]];
      sink.clear();
      for (; i < n && pair[order[i]] == key; i++) {
        int h = 4 * order[i];
        sink.add(values[h], values[h + 1], values[h + 2], values[h + 3]);
      }
      Track a = tracks[(int) (key >>> 32)];
      Track b = tracks[(int) key];
      if (joint) {
        Pairs.clipShared(stored[(int) (key >>> 32)], stored[(int) key], sink);
      }
      Pairs.keepLosses(Pairs.chord(a, b), sink);
      for (int c = 0; c < sink.size(); c++) {
        raw.add(key, sink.start(c), sink.end(c), sink.minTime(c), a, b);
      }
    }
    return raw;
  }

  /**
   * The indices of {@code pair[0..n)} in order of pair (any order within a pair). When the pair's
   * slots and the index fit in 64 bits, one direct radix sort of (compact pair, index) words, whose
   * leading bits vary (an indirect sort of the raw keys spends passes on their constant leading
   * bytes and reads the keys at random).
   */
  private int[] byPair(long[] pair, int n) {
    int[] order = new int[n];
    long slots = tracks.length;
    int pairBits = 64 - Long.numberOfLeadingZeros(Math.max(1, slots * slots - 1));
    int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
    if (slots > (1L << 31) || pairBits + indexBits > 63) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      LongArrays.radixSortIndirect(order, pair, true);
      return order;
    }
    long[] words = new long[n];
    long mask = (1L << indexBits) - 1;
    for (int i = 0; i < n; i++) {
      long compact = (pair[i] >>> 32) * slots + (int) pair[i];
      words[i] = (compact << indexBits) | i;
    }
    LongArrays.radixSort(words);
    for (int i = 0; i < n; i++) {
      order[i] = (int) (words[i] & mask);
    }
    return order;
  }

  private static final Hits EMPTY = new Hits();

  /**
   * The conflicts of one group before they become objects: for movement pairs the pair, interval,
   * time of closest approach and its values ({@link Pairs#closest}: computed here, in pair order,
   * while the pair's tracks are in cache, rather than in output order where each conflict reads two
   * tracks at random), 72 bytes each; for sites and zones the conflicts themselves.
   */
  private final class Raw {
    final List<Conflict> statics;
    long[] pair;
    double[] times;
    double[] closest;
    int size;

    Raw(List<Conflict> statics, int capacity) {
      this.statics = statics;
      pair = new long[capacity];
      times = new double[3 * capacity];
      closest = new double[Pairs.CLOSEST_VALUES * capacity];
    }

    void add(long key, double start, double end, double at, Track a, Track b) {
      if (size == pair.length) {
        int capacity = size + size / 2;
        pair = Arrays.copyOf(pair, capacity);
        times = Arrays.copyOf(times, 3 * capacity);
        closest = Arrays.copyOf(closest, Pairs.CLOSEST_VALUES * capacity);
      }
      pair[size] = key;
      times[3 * size] = start;
      times[3 * size + 1] = end;
      times[3 * size + 2] = at;
      Pairs.closest(at, a, b, closest, Pairs.CLOSEST_VALUES * size);
      size++;
    }

    /** The start of conflict {@code i} (movement pairs first, then statics), epoch millis. */
    long startMillis(int i) {
      return i < size
          ? Math.round(times[3 * i] * 1000)
          : statics.get(i - size).start().toEpochMilli();
    }

    Conflict conflict(int i) {
      if (i >= size) {
        return statics.get(i - size);
      }
      long key = pair[i];
      return Pairs.movement(
          stored[(int) (key >>> 32)],
          stored[(int) key],
          times[3 * i],
          times[3 * i + 1],
          times[3 * i + 2],
          closest,
          Pairs.CLOSEST_VALUES * i);
    }
  }

  /**
   * What the kernel found in a part for the pairs of one group, in blocks of {@link #BLOCK} entries
   * that are filled and never copied (a doubling array copied every hit up to twice and touched
   * fresh memory on each growth: an eighth of all pairs' time at 100,000 movements).
   */
  private static final class Hits {
    static final int BLOCK = 4_096;
    long[][] pairs = new long[0][];
    double[][] values = new double[0][];
    int size;

    void add(long key, IntervalSink sink, int from) {
      for (int i = from; i < sink.size(); i++) {
        int b = size / BLOCK;
        int at = size % BLOCK;
        if (at == 0) {
          if (b == pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(4, 2 * b));
            values = Arrays.copyOf(values, pairs.length);
          }
          pairs[b] = new long[BLOCK];
          values[b] = new double[4 * BLOCK];
        }
        pairs[b][at] = key;
        double[] v = values[b];
        int o = 4 * at;
        v[o] = sink.start(i);
        v[o + 1] = sink.end(i);
        v[o + 2] = sink.minD2(i);
        v[o + 3] = sink.minTime(i);
        size++;
      }
    }

    /** Copies every entry into {@code pair} and {@code values} from entry {@code at} on. */
    int copyTo(long[] pair, double[] values, int at) {
      for (int b = 0, left = size; left > 0; b++) {
        int n = Math.min(BLOCK, left);
        System.arraycopy(pairs[b], 0, pair, at, n);
        System.arraycopy(this.values[b], 0, values, 4 * at, 4 * n);
        at += n;
        left -= n;
      }
      return at;
    }
  }

  /** The sweep of one slab. */
  private final class Slab {
    private final double from;
    private final double until;
    private int pieces;
    private int[] slot = new int[1024];
    private double[] t0 = new double[1024];
    private double[] t1 = new double[1024];
    private double[] box = new double[6 * 1024];
    private double[] kin = new double[KIN * 1024];
    private double[] vert = new double[airborne ? VERT * 1024 : 0];
    private final double[] scratch = new double[6];

    Slab(int part) {
      from = base + part * slabSeconds;
      until = part == slabSlots.length - 1 ? Double.POSITIVE_INFINITY : from + slabSeconds;
      for (int s : slabSlots[part]) {
        Track t = tracks[s];
        for (int p = t.pieceAt(from); p < t.pieces() && t.time(p) < until; p++) {
          if (t.time(p + 1) > from && t.time(p + 1) > t.time(p)) {
            addPiece(s, t, p);
          }
        }
      }
    }

    private void addPiece(int s, Track t, int p) {
      if (pieces == slot.length) {
        int capacity = pieces * 2;
        slot = Arrays.copyOf(slot, capacity);
        t0 = Arrays.copyOf(t0, capacity);
        t1 = Arrays.copyOf(t1, capacity);
        box = Arrays.copyOf(box, 6 * capacity);
        kin = Arrays.copyOf(kin, KIN * capacity);
        if (airborne) {
          vert = Arrays.copyOf(vert, VERT * capacity);
        }
      }
      slot[pieces] = s;
      t0[pieces] = t.time(p);
      t1[pieces] = t.time(p + 1);
      SpaceTimeGrid.pieceBox(t, p, t.separationChord(), scratch);
      System.arraycopy(scratch, 0, box, 6 * pieces, 6);
      int k = KIN * pieces;
      kin[k] = t.originX();
      kin[k + 1] = t.originY();
      kin[k + 2] = t.originZ();
      kin[k + 3] = t.dx(p);
      kin[k + 4] = t.dy(p);
      kin[k + 5] = t.dz(p);
      kin[k + 6] = t.dx(p + 1);
      kin[k + 7] = t.dy(p + 1);
      kin[k + 8] = t.dz(p + 1);
      kin[k + 9] = t.separationChord();
      if (airborne) {
        int v = VERT * pieces;
        vert[v] = t.floor(p);
        vert[v + 1] = t.ceiling(p);
        vert[v + 2] = t.verticalSeparation();
      }
      pieces++;
    }

    void sweep(Hits[] out) {
      // Pieces in order of start time, so that each cube's entries come out in that order.
      int[] byStart = new int[pieces];
      for (int i = 0; i < pieces; i++) {
        byStart[i] = i;
      }
      IntArrays.quickSort(
          byStart,
          (x, y) -> {
            int c = Double.compare(t0[x], t0[y]);
            return c != 0 ? c : Integer.compare(x, y);
          });
      // Entries: (cube, piece), counted then placed per cube (a counting sort by cube).
      Long2IntOpenHashMap cubeOf = new Long2IntOpenHashMap();
      cubeOf.defaultReturnValue(-1);
      long[] cubeKeys = new long[256];
      int[] entryCube = new int[4 * pieces + 16];
      int[] entryPiece = new int[entryCube.length];
      int entries = 0;
      for (int k = 0; k < pieces; k++) {
        int i = byStart[k];
        int o = 6 * i;
        int x0 = cell(box[o]);
        int x1 = cell(box[o + 3]);
        int y0 = cell(box[o + 1]);
        int y1 = cell(box[o + 4]);
        int z0 = cell(box[o + 2]);
        int z1 = cell(box[o + 5]);
        for (int ix = x0; ix <= x1; ix++) {
          for (int iy = y0; iy <= y1; iy++) {
            for (int iz = z0; iz <= z1; iz++) {
              long key = key(ix, iy, iz);
              int cube = cubeOf.get(key);
              if (cube < 0) {
                cube = cubeOf.size();
                cubeOf.put(key, cube);
                if (cube == cubeKeys.length) {
                  cubeKeys = Arrays.copyOf(cubeKeys, cube * 2);
                }
                cubeKeys[cube] = key;
              }
              if (entries == entryCube.length) {
                entryCube = Arrays.copyOf(entryCube, entries * 2);
                entryPiece = Arrays.copyOf(entryPiece, entries * 2);
              }
              entryCube[entries] = cube;
              entryPiece[entries] = i;
              entries++;
            }
          }
        }
      }
      int cubes = cubeOf.size();
      int[] start = new int[cubes + 1];
      for (int e = 0; e < entries; e++) {
        start[entryCube[e] + 1]++;
      }
      for (int c = 0; c < cubes; c++) {
        start[c + 1] += start[c];
      }
      int[] fill = Arrays.copyOf(start, cubes);
      int[] inCube = new int[entries];
      for (int e = 0; e < entries; e++) {
        inCube[fill[entryCube[e]]++] = entryPiece[e];
      }
      entryCube = new int[0];
      entryPiece = new int[0];
      IntervalSink sink = new IntervalSink();
      int[] active = new int[64];
      Cube cube = new Cube();
      for (int c = 0; c < cubes; c++) {
        long key = cubeKeys[c];
        int cx = (int) (key >>> (2 * AXIS_BITS)) - AXIS_OFFSET;
        int cy = (int) ((key >>> AXIS_BITS) & 0xFFFF) - AXIS_OFFSET;
        int cz = (int) (key & 0xFFFF) - AXIS_OFFSET;
        cube.fill(this, inCube, start[c], start[c + 1]);
        int live = 0;
        for (int q = 0; q < cube.size; q++) {
          double qt0 = cube.t0[q];
          int kept = 0;
          for (int a = 0; a < live; a++) {
            int o = active[a];
            if (cube.t1[o] > qt0) {
              active[kept++] = o;
              if (qt0 >= from && cube.party[o] != cube.party[q] && cube.meets(q, o, cx, cy, cz)) {
                cube.pair(q, o, sink, out);
              }
            }
          }
          live = kept;
          if (live == active.length) {
            active = Arrays.copyOf(active, live * 2);
          }
          active[live++] = q;
        }
      }
    }
  }

  /** Values per piece for the kernel: track origin, end points' offsets, separation chord. */
  private static final int KIN = 10;

  /** Values per piece for the vertical test: floor, ceiling, vertical separation. */
  private static final int VERT = 3;

  /**
   * The entries of one cube copied side by side in start order (time span, grown box, the kernel's
   * inputs, party, slot and rank of the track), so that the sweep and the kernel read them
   * sequentially rather than from the slab's arrays and the tracks at random.
   */
  private final class Cube {
    int size;
    double[] t0 = new double[64];
    double[] t1 = new double[64];
    double[] box = new double[6 * 64];
    double[] kin = new double[KIN * 64];
    double[] vert = new double[airborne ? VERT * 64 : 0];
    int[] party = new int[64];
    int[] slot = new int[64];
    int[] rank = new int[64];

    /** Copies the slab's pieces {@code inCube[from..to)} of {@code slab}. */
    void fill(Slab slab, int[] inCube, int from, int to) {
      size = to - from;
      if (size > t0.length) {
        int capacity = Math.max(size, 2 * t0.length);
        t0 = new double[capacity];
        t1 = new double[capacity];
        box = new double[6 * capacity];
        kin = new double[KIN * capacity];
        vert = new double[airborne ? VERT * capacity : 0];
        party = new int[capacity];
        slot = new int[capacity];
        rank = new int[capacity];
      }
      for (int i = 0; i < size; i++) {
        int p = inCube[from + i];
        int s = slab.slot[p];
        t0[i] = slab.t0[p];
        t1[i] = slab.t1[p];
        slot[i] = s;
        party[i] = SlabSearch.this.party[s];
        rank[i] = SlabSearch.this.rank[s];
        System.arraycopy(slab.box, 6 * p, box, 6 * i, 6);
        System.arraycopy(slab.kin, KIN * p, kin, KIN * i, KIN);
        if (airborne) {
          System.arraycopy(slab.vert, VERT * p, vert, VERT * i, VERT);
        }
      }
    }

    /**
     * Whether the boxes of entries {@code q} and {@code o} overlap and the lowest corner of their
     * intersection lies in cube {@code (cx, cy, cz)}: the one cube that evaluates the pair.
     */
    boolean meets(int q, int o, int cx, int cy, int cz) {
      int bq = 6 * q;
      int bo = 6 * o;
      double mx = Math.max(box[bq], box[bo]);
      double my = Math.max(box[bq + 1], box[bo + 1]);
      double mz = Math.max(box[bq + 2], box[bo + 2]);
      return mx <= Math.min(box[bq + 3], box[bo + 3])
          && my <= Math.min(box[bq + 4], box[bo + 4])
          && mz <= Math.min(box[bq + 5], box[bo + 5])
          && cell(mx) == cx
          && cell(my) == cy
          && cell(mz) == cz;
    }

    /**
     * Evaluates entries {@code q} and {@code o} with the exact kernel, the track first in id order
     * first (as the brute-force detector does), and keeps what it finds in their pair's group.
     */
    void pair(int q, int o, IntervalSink sink, Hits[] out) {
      if (airborne && !verticallyClose(q, o)) {
        return;
      }
      int a = rank[q] < rank[o] ? q : o;
      int b = a == q ? o : q;
      int ka = KIN * a;
      int kb = KIN * b;
      int before = sink.size();
      MovementKernel.piecePair(
          t0[a],
          t1[a],
          kin[ka],
          kin[ka + 1],
          kin[ka + 2],
          kin[ka + 3],
          kin[ka + 4],
          kin[ka + 5],
          kin[ka + 6],
          kin[ka + 7],
          kin[ka + 8],
          t0[b],
          t1[b],
          kin[kb],
          kin[kb + 1],
          kin[kb + 2],
          kin[kb + 3],
          kin[kb + 4],
          kin[kb + 5],
          kin[kb + 6],
          kin[kb + 7],
          kin[kb + 8],
          Math.max(kin[ka + 9], kin[kb + 9]),
          sink);
      if (sink.size() > before) {
        long key = ((long) slot[a] << 32) | slot[b];
        out[group(key)].add(key, sink, before);
        sink.clear();
      }
    }

    /** {@link Track#verticallyClose} on the copied values of entries {@code q} and {@code o}. */
    boolean verticallyClose(int q, int o) {
      int vq = VERT * q;
      int vo = VERT * o;
      return Band.gap(vert[vq], vert[vq + 1], vert[vo], vert[vo + 1])
          < Math.max(vert[vq + 2], vert[vo + 2]);
    }
  }

  private int group(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) ((h >>> 33) % groupCount);
  }

  private static int cell(double coordinate) {
    return (int) Math.floor(coordinate / CELL_METERS);
  }

  private static long key(int ix, int iy, int iz) {
    return ((long) (ix + AXIS_OFFSET) << (2 * AXIS_BITS))
        | ((long) (iy + AXIS_OFFSET) << AXIS_BITS)
        | (iz + AXIS_OFFSET);
  }
}
