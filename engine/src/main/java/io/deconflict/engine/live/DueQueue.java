package io.deconflict.engine.live;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The encounters whose level is due to change at a known event time, earliest first: a binary heap
 * of {@link Pair}s keyed by {@code (dueMillis, aSlot, bSlot)}, each pair remembering its place so
 * that it can be moved or removed in O(log n).
 *
 * <p>Ties are broken by the slots, so the order is total and the same in every run. Not
 * thread-safe.
 */
final class DueQueue {

  /** No change due. */
  static final long NEVER = Long.MAX_VALUE;

  private Pair[] heap = new Pair[64];
  private int size;

  /** Number of pairs queued. */
  int size() {
    return size;
  }

  /** The earliest pair, or null if none is queued. */
  @Nullable Pair peek() {
    return size == 0 ? null : heap[0];
  }

  /** Sets the pair's due time: queues it, moves it, or (with {@link #NEVER}) takes it out. */
  void schedule(Pair p, long dueMillis) {
    if (dueMillis == NEVER) {
      remove(p);
      return;
    }
    if (p.heapIndex < 0) {
      p.dueMillis = dueMillis;
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      heap[size] = p;
      p.heapIndex = size++;
      up(p.heapIndex);
    } else {
      long before = p.dueMillis;
      p.dueMillis = dueMillis;
      if (dueMillis < before) {
        up(p.heapIndex);
      } else {
        down(p.heapIndex);
      }
    }
  }

  /** Takes the pair out, if it is queued. */
  void remove(Pair p) {
    int i = p.heapIndex;
    p.dueMillis = NEVER;
    if (i < 0) {
      return;
    }
    p.heapIndex = -1;
    Pair last = heap[--size];
    heap[size] = null;
    if (i < size) {
      heap[i] = last;
      last.heapIndex = i;
      up(i);
      down(last.heapIndex);
    }
  }

  private static boolean before(Pair x, Pair y) {
    if (x.dueMillis != y.dueMillis) {
      return x.dueMillis < y.dueMillis;
    }
    return x.aSlot != y.aSlot ? x.aSlot < y.aSlot : x.bSlot < y.bSlot;
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
      q.heapIndex = i;
      i = parent;
    }
    heap[i] = p;
    p.heapIndex = i;
  }

  private void down(int i) {
    Pair p = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child])) {
        child++;
      }
      Pair c = heap[child];
      if (!before(c, p)) {
        break;
      }
      heap[i] = c;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = p;
    p.heapIndex = i;
  }
}
