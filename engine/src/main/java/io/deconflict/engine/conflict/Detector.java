package io.deconflict.engine.conflict;

import io.deconflict.engine.item.Item;
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

  /** Every current conflict, in {@link Conflict#ORDER}. */
  List<Conflict> conflicts();

  /** The number of stored items. */
  int size();
}
