package io.deconflict.geojson;

import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import java.util.List;

/**
 * The items of a valid input file, in the order of its {@code features} array.
 *
 * @param items the items, ids unique
 */
public record FeatureCollection(List<Item> items) {

  /** Copies the list. */
  public FeatureCollection {
    items = List.copyOf(items);
  }

  /** How many items are movements. */
  public long movements() {
    return items.stream().filter(Movement.class::isInstance).count();
  }

  /** How many items are sites. */
  public long sites() {
    return items.stream().filter(Site.class::isInstance).count();
  }

  /** How many items are zones. */
  public long zones() {
    return items.stream().filter(Zone.class::isInstance).count();
  }
}
