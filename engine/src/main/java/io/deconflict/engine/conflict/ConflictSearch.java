package io.deconflict.engine.conflict;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The search for every current conflict of a detector, split into parts that a caller may run in
 * parallel while the engine itself stays single-threaded.
 *
 * <p>The search runs in two phases. First every part of {@link #parts()} is searched (each part is
 * a slab of time over all of space: the candidate pairs whose time overlap starts in it); then
 * every group of {@link #groups()} is collected (each group owns a fixed share of the item pairs
 * and turns what the parts found for them into conflicts). Within a phase the calls touch disjoint
 * state, so they may run on different threads at once; the caller must let every {@link #search}
 * return (and publish its writes, as joining an executor's futures does) before the first {@link
 * #collect}, and must not change the detector until the search is done. {@link #merge} then
 * combines the groups' lists.
 *
 * <p>The result does not depend on the number of parts or threads, nor on the order in which the
 * calls run: it is the same list, in {@link Conflict#ORDER}, as {@link Detector#conflicts()}.
 */
public interface ConflictSearch {

  /** Number of parts of the first phase. */
  int parts();

  /** Searches part {@code part}, {@code 0 <= part < parts()}. */
  void search(int part);

  /** Number of groups of the second phase. */
  int groups();

  /**
   * The conflicts of group {@code group}, {@code 0 <= group < groups()}, in {@link Conflict#ORDER}.
   * Every part must have been searched.
   */
  List<Conflict> collect(int group);

  /**
   * Prepares group {@code group} for {@link #stream}: merges what the parts found into compact
   * conflicts. Every part must have been searched; groups may be prepared concurrently.
   */
  void prepare(int group);

  /**
   * Hands every conflict to {@code sink}, in {@link Conflict#ORDER}, on the calling thread, instead
   * of {@link #collect}: conflicts stay compact until a few thousand at a time are made into
   * objects and handed on, so memory does not hold them all. Every group must have been prepared
   * (or is prepared here); the search is spent afterwards.
   */
  void stream(Consumer<? super Conflict> sink);

  /** Runs the whole search on the calling thread and returns every conflict in order. */
  default List<Conflict> run() {
    for (int p = 0; p < parts(); p++) {
      search(p);
    }
    List<List<Conflict>> lists = new ArrayList<>(groups());
    for (int g = 0; g < groups(); g++) {
      lists.add(collect(g));
    }
    return merge(lists);
  }

  /** A search in one part and one group that asks {@code conflicts} for the whole answer. */
  static ConflictSearch whole(Supplier<List<Conflict>> conflicts) {
    return new ConflictSearch() {
      @Override
      public int parts() {
        return 1;
      }

      @Override
      public void search(int part) {}

      @Override
      public int groups() {
        return 1;
      }

      @Override
      public List<Conflict> collect(int group) {
        return conflicts.get();
      }

      @Override
      public void prepare(int group) {}

      @Override
      public void stream(Consumer<? super Conflict> sink) {
        conflicts.get().forEach(sink);
      }
    };
  }

  /** Merges lists that are each in {@link Conflict#ORDER} into one list in that order. */
  static List<Conflict> merge(List<List<Conflict>> lists) {
    int total = 0;
    List<List<Conflict>> nonEmpty = new ArrayList<>();
    for (List<Conflict> list : lists) {
      total += list.size();
      if (!list.isEmpty()) {
        nonEmpty.add(list);
      }
    }
    if (nonEmpty.size() <= 1) {
      return nonEmpty.isEmpty() ? new ArrayList<>() : new ArrayList<>(nonEmpty.get(0));
    }
    List<Conflict> out = new ArrayList<>(total);
    // Heads as (list, position) pairs, ordered by the conflict at the position.
    PriorityQueue<int[]> heads =
        new PriorityQueue<>(
            (x, y) ->
                Conflict.ORDER.compare(nonEmpty.get(x[0]).get(x[1]), nonEmpty.get(y[0]).get(y[1])));
    for (int i = 0; i < nonEmpty.size(); i++) {
      heads.add(new int[] {i, 0});
    }
    while (!heads.isEmpty()) {
      int[] head = heads.poll();
      List<Conflict> list = nonEmpty.get(head[0]);
      out.add(list.get(head[1]));
      if (++head[1] < list.size()) {
        heads.add(head);
      }
    }
    return out;
  }
}
