package io.deconflict.engine.detect;

import io.deconflict.engine.item.Item;

/**
 * An item made ready for a detector: its track (or site or zone shape) built. {@link #of} is a pure
 * function of the item, so a caller may prepare items on several threads and then hand them to
 * {@link Detectors#load} on one: building tracks is the part of a load that needs no index (a fifth
 * of all pairs at 10,000 movements), while the engine itself stays single-threaded.
 *
 * <p>A prepared item is loaded into one detector, once.
 */
public final class Prepared {

  final Item item;
  final Stored stored;
  private boolean loaded;

  private Prepared(Item item) {
    this.item = item;
    this.stored = Stored.of(item);
  }

  /** Prepares {@code item}; thread-safe (it reads only the item). */
  public static Prepared of(Item item) {
    return new Prepared(item);
  }

  /** The item. */
  public Item item() {
    return item;
  }

  /** Marks it loaded; throws if it was already. */
  void claim() {
    if (loaded) {
      throw new IllegalStateException("prepared item " + item.id() + " was loaded already");
    }
    loaded = true;
  }
}
