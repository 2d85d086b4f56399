package io.deconflict.engine.conflict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The search for every current conflict of a detector, split into pieces of work that a caller may
 * run on several threads while the engine itself stays single-threaded.
 *
 * <p>The search runs in three phases; within a phase the calls touch disjoint state, so they may
 * run on different threads at once, in any order. The caller must let every call of a phase return
 * (and publish its writes, as joining an executor's futures does) before the next phase, and must
 * not change the detector until the search is done.
 *
 * <ol>
 *   <li>{@link #search} each of {@link #parts()}: a part is a slab of time over all of space, and
 *       finds the candidate pairs whose time overlap starts in it;
 *   <li>{@link #prepare} each of {@link #groups()}: a group owns a fixed share of the item pairs
 *       and merges what the parts found for them into compact conflicts;
 *   <li>{@link #chunk} each of {@link #chunks()}: a chunk is a run of a few thousand conflicts of
 *       the global order, made into objects; the chunks in order are every conflict in {@link
 *       Conflict#ORDER}. A caller that writes them out as they come never holds them all.
 * </ol>
 *
 * <p>The result does not depend on the number of parts, groups or threads, nor on the order in
 * which the calls of a phase run: it is the same list as {@link Detector#conflicts()}.
 */
public interface ConflictSearch {

  /** Number of parts of the first phase. */
  int parts();

  /** Searches part {@code part}, {@code 0 <= part < parts()}. */
  void search(int part);

  /** Number of groups of the second phase. */
  int groups();

  /**
   * Prepares group {@code group}, {@code 0 <= group < groups()}: every part must have been
   * searched.
   */
  void prepare(int group);

  /**
   * Number of chunks of the third phase; every group must have been prepared (the first call orders
   * the conflicts, so make it before the chunks run concurrently).
   */
  int chunks();

  /**
   * The conflicts of chunk {@code chunk}, {@code 0 <= chunk < chunks()}, in {@link Conflict#ORDER}.
   */
  List<Conflict> chunk(int chunk);

  /**
   * Runs the whole search on the calling thread and hands every conflict to {@code sink}, in order.
   */
  default void stream(Consumer<? super Conflict> sink) {
    for (int p = 0; p < parts(); p++) {
      search(p);
    }
    for (int g = 0; g < groups(); g++) {
      prepare(g);
    }
    for (int c = 0, n = chunks(); c < n; c++) {
      chunk(c).forEach(sink);
    }
  }

  /** Runs the whole search on the calling thread and returns every conflict in order. */
  default List<Conflict> run() {
    List<Conflict> out = new ArrayList<>();
    stream(out::add);
    return out;
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
      public void prepare(int group) {}

      @Override
      public int chunks() {
        return 1;
      }

      @Override
      public List<Conflict> chunk(int chunk) {
        return conflicts.get();
      }
    };
  }
}
