package io.deconflict.engine.conflict;

import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Holds a set of items and the conflicts between items of different parties.
 *
 * <p>Implementations are deterministic: the same sequence of calls yields the same results. They
 * are not thread-safe; callers serialise access.
 */
public interface Detector {

  /**
   * Adds an item, or replaces the stored item with the same id.
   *
   * @return the conflicts that appeared and vanished
   */
  ConflictDelta put(Item item);

  /**
   * Adds or replaces many items at once; faster than one {@link #put} each.
   *
   * @throws IllegalArgumentException if two of the items share an id
   */
  ConflictDelta putAll(Collection<? extends Item> items);

  /**
   * Adds or replaces many items at once without computing what changed: the cheapest way to fill a
   * detector whose conflicts are then read with {@link #conflicts()} or {@link #search}.
   *
   * @throws IllegalArgumentException if two of the items share an id
   */
  default void load(Collection<? extends Item> items) {
    putAll(items);
  }

  /**
   * Removes the item with this id, if stored.
   *
   * @return the conflicts that vanished
   */
  ConflictDelta remove(String id);

  /**
   * The conflicts {@code candidate} would have with the stored items, without storing it. A stored
   * item with the candidate's id is ignored, as if replaced.
   */
  List<Conflict> check(Item candidate);

  /**
   * The ids of the stored items that {@code movement} could conflict with if all its times were
   * shifted by up to {@code horizon} either way: a superset of them (what the detector's index
   * finds near the movement's route over its time stretched by the horizon each side), sorted.
   * Items of the movement's own party and a stored item with the movement's id are left out. A
   * resolution search reads only these items.
   *
   * @throws IllegalArgumentException if the horizon is negative
   */
  List<String> near(Movement movement, Duration horizon);

  /** Every current conflict, in {@link Conflict#ORDER}. */
  List<Conflict> conflicts();

  /**
   * The search for every current conflict, split into parts for a caller that runs them on {@code
   * parallelism} threads (see {@link ConflictSearch}); its result equals {@link #conflicts()}
   * whatever the parallelism. The detector must not change until the search is done.
   *
   * @param parallelism the number of threads the caller will use, at least 1
   */
  default ConflictSearch search(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    return ConflictSearch.whole(this::conflicts);
  }

  /** The number of stored items. */
  int size();
}
