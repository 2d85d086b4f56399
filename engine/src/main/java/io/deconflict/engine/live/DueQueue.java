package io.deconflict.engine.live;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The encounters whose level is due to change at a known event time: a calendar in two levels.
 * Pairs due in a later second sit unsorted in that second's bucket; when the second comes, its
 * pairs are spread into buckets of {@link #FINE_MILLIS}; the pairs of the fine slot being consumed
 * ("now"'s) are in a small binary heap keyed by {@code (dueMillis, aSlot, bSlot)}; the seconds that
 * hold buckets are found in order from a heap of second numbers. Every pair remembers where it is,
 * so scheduling, moving and removing cost O(1) outside the heap and O(log k) in it (k its pairs),
 * and moving a pair within its second, which most re-evaluations do, touches nothing but the pair.
 * A heap of millions of pairs would cost two dozen cache misses per change; a heap of a whole
 * second held tens of thousands of pairs at 100,000 units.
 *
 * <p>{@link #takeDue} returns the pairs due by a time in {@code (dueMillis, aSlot, bSlot)} order,
 * the same in every run and for any slot lengths. Not thread-safe.
 */
final class DueQueue {

  /** No change due. */
  static final long NEVER = Long.MAX_VALUE;

  /** The length of a coarse slot (a bucket of later pairs), milliseconds. */
  static final long COARSE_MILLIS = 1_000;

  /** The length of a fine slot (a bucket of the second being consumed), milliseconds. */
  static final long FINE_MILLIS = 10;

  private final long coarseMillis;
  private final long fineMillis;
  private final int finePerCoarse;

  /** Buckets of the seconds after the open one, by coarse slot. */
  private final Long2ObjectOpenHashMap<Bucket> later = new Long2ObjectOpenHashMap<>();

  /**
   * A binary min-heap of coarse slot numbers: every slot of {@link #later}, and slots emptied since
   * (left for {@link #nextSlot} to drop when they come to the top).
   */
  private long[] slots = new long[64];

  private int slotCount;

  /** The coarse slot spread into {@link #fine}, or {@code Long.MIN_VALUE}. */
  private long open = Long.MIN_VALUE;

  /** The buckets of the open coarse slot's fine slots after {@link #current}. */
  private final Bucket[] fine;

  /** The current fine slot: pairs of it and earlier ones are in the heap. */
  private long current = Long.MIN_VALUE;

  /** The current fine slot's pairs (and any due earlier), a binary heap. */
  private Pair[] heap = new Pair[64];

  private int heapSize;

  private int size;

  private static final class Bucket {
    Pair[] pairs = new Pair[4];
    int n;
  }

  DueQueue() {
    this(COARSE_MILLIS, FINE_MILLIS);
  }

  /**
   * A queue whose coarse slots last {@code coarseMillis} and fine slots {@code fineMillis}
   * (positive, dividing the coarse length); the order it gives does not depend on them.
   */
  DueQueue(long coarseMillis, long fineMillis) {
    if (fineMillis <= 0 || coarseMillis < fineMillis || coarseMillis % fineMillis != 0) {
      throw new IllegalArgumentException(
          "slots must last at least 1 ms, the fine ones dividing the coarse, got "
              + coarseMillis
              + " and "
              + fineMillis);
    }
    this.coarseMillis = coarseMillis;
    this.fineMillis = fineMillis;
    this.finePerCoarse = Math.toIntExact(coarseMillis / fineMillis);
    this.fine = new Bucket[finePerCoarse];
    for (int i = 0; i < finePerCoarse; i++) {
      fine[i] = new Bucket();
    }
  }

  /** Number of pairs queued. */
  int size() {
    return size;
  }

  /** Sets the pair's due time: queues it, moves it, or (with {@link #NEVER}) takes it out. */
  void schedule(Pair p, long dueMillis) {
    if (dueMillis == NEVER) {
      remove(p);
      return;
    }
    if (p.dueIndex >= 0) {
      if (!p.dueInHeap && sameBucket(p.dueMillis, dueMillis)) {
        p.dueMillis = dueMillis;
        return;
      }
      remove(p);
    }
    p.dueMillis = dueMillis;
    size++;
    long f = fine(dueMillis);
    if (f <= current) {
      heapAdd(p);
      return;
    }
    long c = coarse(dueMillis);
    Bucket b;
    if (c == open) {
      b = fine[(int) (f - open * finePerCoarse)];
    } else {
      b = later.get(c);
      if (b == null) {
        b = new Bucket();
        later.put(c, b);
        pushSlot(c);
      }
    }
    add(b, p);
  }

  /**
   * Whether a pair in a bucket (due at {@code before}) stays in the same bucket due at {@code
   * after}.
   */
  private boolean sameBucket(long before, long after) {
    long f = fine(after);
    if (f <= current) {
      return false;
    }
    long c = coarse(after);
    if (c != coarse(before)) {
      return false;
    }
    return c != open || f == fine(before);
  }

  private static void add(Bucket b, Pair p) {
    if (b.n == b.pairs.length) {
      b.pairs = Arrays.copyOf(b.pairs, b.n * 2);
    }
    p.dueInHeap = false;
    p.dueIndex = b.n;
    b.pairs[b.n++] = p;
  }

  /** Takes the pair out, if it is queued. */
  void remove(Pair p) {
    int i = p.dueIndex;
    if (i >= 0) {
      size--;
      if (p.dueInHeap) {
        heapRemove(i);
      } else {
        long c = coarse(p.dueMillis);
        Bucket b =
            c == open ? fine[(int) (fine(p.dueMillis) - open * finePerCoarse)] : later.get(c);
        Pair last = b.pairs[--b.n];
        b.pairs[b.n] = null;
        if (last != p) {
          b.pairs[i] = last;
          last.dueIndex = i;
        }
        if (b.n == 0 && c != open) {
          later.remove(c);
        }
      }
      p.dueIndex = -1;
    }
    p.dueMillis = NEVER;
  }

  /**
   * Takes out the pairs due at or before {@code nowMillis} into {@code out} (cleared first), in
   * {@code (dueMillis, aSlot, bSlot)} order; each keeps its {@code dueMillis}.
   */
  void takeDue(long nowMillis, ArrayList<Pair> out) {
    out.clear();
    if (size == 0) {
      return;
    }
    while (true) {
      while (heapSize > 0 && heap[0].dueMillis <= nowMillis) {
        Pair p = heap[0];
        long due = p.dueMillis;
        heapRemove(0);
        p.dueIndex = -1;
        p.dueMillis = due;
        size--;
        out.add(p);
      }
      if (heapSize > 0 || nextFine(fine(nowMillis))) {
        if (heapSize > 0 && heap[0].dueMillis > nowMillis) {
          return;
        }
        continue;
      }
      // The open second is done up to now: spread the next second that holds pairs, if it has
      // begun.
      if (later.isEmpty()) {
        return;
      }
      long next = nextSlot();
      if (next > coarse(nowMillis)) {
        return;
      }
      spread(next);
    }
  }

  /**
   * Moves the first non-empty fine bucket of the open second, up to fine slot {@code upTo}, into
   * the heap and makes it current; returns false, with the current slot moved as far as it may go,
   * if there is none.
   */
  private boolean nextFine(long upTo) {
    if (open == Long.MIN_VALUE) {
      return false;
    }
    long first = open * finePerCoarse;
    long last = Math.min(upTo, first + finePerCoarse - 1);
    for (long f = Math.max(current + 1, first); f <= last; f++) {
      Bucket b = fine[(int) (f - first)];
      if (b.n > 0) {
        current = f;
        for (int k = 0; k < b.n; k++) {
          heapAdd(b.pairs[k]);
          b.pairs[k] = null;
        }
        b.n = 0;
        return true;
      }
    }
    current = Math.max(current, last);
    return false;
  }

  /** Opens coarse slot {@code c} (its fine buckets are empty): spreads its pairs into them. */
  private void spread(long c) {
    Bucket b = later.remove(c);
    open = c;
    current = c * finePerCoarse - 1;
    long first = c * finePerCoarse;
    for (int k = 0; k < b.n; k++) {
      Pair p = b.pairs[k];
      add(fine[(int) (fine(p.dueMillis) - first)], p);
    }
  }

  /** The earliest due time queued, or {@link #NEVER}. */
  long earliest() {
    if (heapSize > 0) {
      return heap[0].dueMillis;
    }
    if (open != Long.MIN_VALUE) {
      long first = open * finePerCoarse;
      for (long f = Math.max(current + 1, first); f < first + finePerCoarse; f++) {
        Bucket b = fine[(int) (f - first)];
        if (b.n > 0) {
          return min(b);
        }
      }
    }
    if (later.isEmpty()) {
      return NEVER;
    }
    return min(later.get(nextSlot()));
  }

  private static long min(Bucket b) {
    long min = NEVER;
    for (int k = 0; k < b.n; k++) {
      min = Math.min(min, b.pairs[k].dueMillis);
    }
    return min;
  }

  /** The first coarse slot after the open one that holds pairs ({@link #later} is not empty). */
  private long nextSlot() {
    while (!later.containsKey(slots[0])) {
      popSlot();
    }
    return slots[0];
  }

  private long fine(long millis) {
    return Math.floorDiv(millis, fineMillis);
  }

  private long coarse(long millis) {
    return Math.floorDiv(millis, coarseMillis);
  }

  private void pushSlot(long s) {
    if (slotCount == slots.length) {
      slots = Arrays.copyOf(slots, slotCount * 2);
    }
    int i = slotCount++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (slots[parent] <= s) {
        break;
      }
      slots[i] = slots[parent];
      i = parent;
    }
    slots[i] = s;
  }

  private void popSlot() {
    long last = slots[--slotCount];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= slotCount) {
        break;
      }
      if (child + 1 < slotCount && slots[child + 1] < slots[child]) {
        child++;
      }
      if (slots[child] >= last) {
        break;
      }
      slots[i] = slots[child];
      i = child;
    }
    slots[i] = last;
  }

  private static boolean before(Pair x, Pair y) {
    if (x.dueMillis != y.dueMillis) {
      return x.dueMillis < y.dueMillis;
    }
    return x.aSlot != y.aSlot ? x.aSlot < y.aSlot : x.bSlot < y.bSlot;
  }

  private void heapAdd(Pair p) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    p.dueInHeap = true;
    heap[heapSize] = p;
    p.dueIndex = heapSize++;
    up(p.dueIndex);
  }

  private void heapRemove(int i) {
    Pair last = heap[--heapSize];
    heap[heapSize] = null;
    if (i < heapSize) {
      heap[i] = last;
      last.dueIndex = i;
      up(i);
      down(last.dueIndex);
    }
  }

  private void up(int i) {
    Pair p = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Pair q = heap[parent];
      if (!before(p, q)) {
        break;
      }
      heap[i] = q;
      q.dueIndex = i;
      i = parent;
    }
    heap[i] = p;
    p.dueIndex = i;
  }

  private void down(int i) {
    Pair p = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
        child++;
      }
      Pair c = heap[child];
      if (!before(c, p)) {
        break;
      }
      heap[i] = c;
      c.dueIndex = i;
      i = child;
    }
    heap[i] = p;
    p.dueIndex = i;
  }
}
