package io.deconflict.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The writer's queue: two lanes, and fairness between members in the slow one. Interactive commands
 * (everything but a bulk position batch: acknowledgements, hotline posts, notifications, a single
 * position report, ticks) wait in one FIFO lane; bulk position batches wait in one FIFO per member.
 * Each {@link #take} gives the next group commit: every waiting interactive command (up to the
 * command bound, in arrival order), then bulk batches one per member in turn (round robin, a
 * member's own in arrival order) while their reports stay within the bulk budget, at least one if
 * any waits. So an interactive command waits at most for the commit in progress, never behind
 * batches queued before it, and a member's bulk load delays its own batches, not another member's
 * by more than one batch per turn (docs/design-decisions.md, D21).
 *
 * <p>The order a take gives is the order the writer executes and journals; replay follows the
 * journal, so how the order was chosen never matters to a replay.
 *
 * <p>Cost: O(1) per add and per command taken. Thread-safe: many submitters, one writer.
 *
 * @param <T> what is queued
 */
final class WriteQueue<T> {

  private final int maxCommands;
  private final int bulkBudget;
  private final Function<T, String> member;
  private final ToIntFunction<T> bulkReports;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final ArrayDeque<T> interactive = new ArrayDeque<>();
  private final Map<String, ArrayDeque<T>> bulk = new HashMap<>();

  /** Members with bulk batches waiting, in the order of their next turn. */
  private final ArrayDeque<String> turns = new ArrayDeque<>();

  private int size;

  /**
   * An empty queue.
   *
   * @param maxCommands the most commands one take gives (one more if a bulk batch must still go)
   * @param bulkBudget the reports of bulk batches one take gives at most, unless one batch alone is
   *     larger (it then goes alone)
   * @param member who submitted an item: bulk batches are queued per member
   * @param bulkReports how many reports an item carries if it is a bulk batch, else 0
   */
  WriteQueue(
      int maxCommands, int bulkBudget, Function<T, String> member, ToIntFunction<T> bulkReports) {
    if (maxCommands < 1 || bulkBudget < 1) {
      throw new IllegalArgumentException(
          "maxCommands and bulkBudget must be positive, got " + maxCommands + ", " + bulkBudget);
    }
    this.maxCommands = maxCommands;
    this.bulkBudget = bulkBudget;
    this.member = member;
    this.bulkReports = bulkReports;
  }

  /** Queues an item at the back of its lane. */
  void add(T item) {
    lock.lock();
    try {
      if (bulkReports.applyAsInt(item) > 0) {
        String by = member.apply(item);
        ArrayDeque<T> own = bulk.computeIfAbsent(by, k -> new ArrayDeque<>());
        if (own.isEmpty()) {
          turns.addLast(by);
        }
        own.addLast(item);
      } else {
        interactive.addLast(item);
      }
      size++;
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next commit's items (see the class comment), waiting up to {@code timeout} for any; empty
   * if none came.
   */
  List<T> take(long timeout, TimeUnit unit) throws InterruptedException {
    lock.lock();
    try {
      long nanos = unit.toNanos(timeout);
      while (size == 0) {
        if (nanos <= 0) {
          return List.of();
        }
        nanos = nonEmpty.awaitNanos(nanos);
      }
      List<T> out = new ArrayList<>();
      while (!interactive.isEmpty() && out.size() < maxCommands) {
        out.add(Objects.requireNonNull(interactive.pollFirst()));
      }
      int reports = 0;
      while (!turns.isEmpty()) {
        String by = Objects.requireNonNull(turns.peekFirst());
        ArrayDeque<T> own = Objects.requireNonNull(bulk.get(by));
        T next = Objects.requireNonNull(own.peekFirst());
        int n = bulkReports.applyAsInt(next);
        boolean first = reports == 0;
        if (!first && (reports + n > bulkBudget || out.size() >= maxCommands)) {
          break;
        }
        out.add(Objects.requireNonNull(own.pollFirst()));
        reports += n;
        turns.pollFirst();
        if (!own.isEmpty()) {
          turns.addLast(by);
        }
      }
      size -= out.size();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns items taken but not executed (the commit's byte bound was reached) to the front of
   * their lanes, in their order, a member's bulk batch first in the turns.
   */
  void putBack(List<T> items) {
    lock.lock();
    try {
      for (int i = items.size() - 1; i >= 0; i--) {
        T item = items.get(i);
        if (bulkReports.applyAsInt(item) > 0) {
          String by = member.apply(item);
          ArrayDeque<T> own = bulk.computeIfAbsent(by, k -> new ArrayDeque<>());
          own.addFirst(item);
          turns.remove(by);
          turns.addFirst(by);
        } else {
          interactive.addFirst(item);
        }
        size++;
      }
      if (size > 0) {
        nonEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many items wait. */
  int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns every waiting item (on shutdown). */
  List<T> drain() {
    lock.lock();
    try {
      List<T> out = new ArrayList<>(interactive);
      interactive.clear();
      for (String by : turns) {
        out.addAll(Objects.requireNonNull(bulk.get(by)));
      }
      bulk.clear();
      turns.clear();
      size = 0;
      return out;
    } finally {
      lock.unlock();
    }
  }
}
