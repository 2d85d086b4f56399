package io.deconflict.engine.live;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The encounters whose level is due to change at a known event time: a calendar of short slots
 * ({@link #SLOT_MILLIS}). Pairs due in later slots sit unsorted in their slot's bucket; the pairs
 * of the slot being consumed ("now"'s) are in a small binary heap keyed by {@code (dueMillis,
 * aSlot, bSlot)}; the slots that hold buckets are found in order from a heap of slot numbers. Every
 * pair remembers where it is, so scheduling, moving and removing cost O(1) outside the current slot
 * and O(log k) in it (k its pairs), whatever the number of pairs: a heap of millions of pairs would
 * cost two dozen cache misses per change, and so did a current slot of a whole second at 100,000
 * units (tens of thousands of pairs).
 *
 * <p>{@link #takeDue} returns the pairs due by a time in {@code (dueMillis, aSlot, bSlot)} order,
 * the same in every run and for any slot length. Not thread-safe.
 */
final class DueQueue {

  /** No change due. */
  static final long NEVER = Long.MAX_VALUE;

  /** The length of a slot, milliseconds. */
  static final long SLOT_MILLIS = 10;

  private final long slotMillis;

  /** Buckets of the slots after the current one, by slot. */
  private final Long2ObjectOpenHashMap<Bucket> later = new Long2ObjectOpenHashMap<>();

  /**
   * A binary min-heap of slot numbers: every slot of {@link #later}, and slots emptied since (left
   * for {@link #nextSlot} to drop when they come to the top).
   */
  private long[] slots = new long[64];

  private int slotCount;

  /** The current slot's pairs, a binary heap. */
  private Pair[] heap = new Pair[64];

  private int heapSize;

  /** The current slot: pairs of earlier slots are none, of this one in the heap. */
  private long current = Long.MIN_VALUE;

  private int size;

  private static final class Bucket {
    Pair[] pairs = new Pair[4];
    int n;
  }

  DueQueue() {
    this(SLOT_MILLIS);
  }

  /**
   * A queue whose slots last {@code slotMillis} (positive); the order it gives does not depend on
   * it.
   */
  DueQueue(long slotMillis) {
    if (slotMillis <= 0) {
      throw new IllegalArgumentException("a slot must last at least 1 ms, got " + slotMillis);
    }
    this.slotMillis = slotMillis;
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
      if (!p.dueInHeap && slot(p.dueMillis) == slot(dueMillis) && slot(dueMillis) != current) {
        p.dueMillis = dueMillis;
        return;
      }
      remove(p);
    }
    p.dueMillis = dueMillis;
    size++;
    long s = slot(dueMillis);
    if (s <= current) {
      heapAdd(p);
    } else {
      Bucket b = later.get(s);
      if (b == null) {
        b = new Bucket();
        later.put(s, b);
        pushSlot(s);
      }
      if (b.n == b.pairs.length) {
        b.pairs = Arrays.copyOf(b.pairs, b.n * 2);
      }
      p.dueInHeap = false;
      p.dueIndex = b.n;
      b.pairs[b.n++] = p;
    }
  }

  /** Takes the pair out, if it is queued. */
  void remove(Pair p) {
    int i = p.dueIndex;
    if (i >= 0) {
      size--;
      if (p.dueInHeap) {
        heapRemove(i);
      } else {
        long s = slot(p.dueMillis);
        Bucket b = later.get(s);
        Pair last = b.pairs[--b.n];
        b.pairs[b.n] = null;
        if (last != p) {
          b.pairs[i] = last;
          last.dueIndex = i;
        }
        if (b.n == 0) {
          later.remove(s);
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
      if (heapSize > 0 || later.isEmpty()) {
        return;
      }
      // The current slot is done: open the next slot that holds pairs, if it has begun.
      long next = nextSlot();
      if (next > slot(nowMillis)) {
        return;
      }
      current = next;
      Bucket b = later.remove(next);
      for (int k = 0; k < b.n; k++) {
        heapAdd(b.pairs[k]);
      }
    }
  }

  /** The earliest due time queued, or {@link #NEVER}. */
  long earliest() {
    if (heapSize > 0) {
      return heap[0].dueMillis;
    }
    if (later.isEmpty()) {
      return NEVER;
    }
    Bucket b = later.get(nextSlot());
    long min = NEVER;
    for (int k = 0; k < b.n; k++) {
      min = Math.min(min, b.pairs[k].dueMillis);
    }
    return min;
  }

  /** The first slot after the current one that holds pairs ({@link #later} is not empty). */
  private long nextSlot() {
    while (!later.containsKey(slots[0])) {
      popSlot();
    }
    return slots[0];
  }

  private long slot(long millis) {
    return Math.floorDiv(millis, slotMillis);
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
