package io.deconflict.flink;

/**
 * A notification routed to one cell: the item is to be put into the cell's detector, or (with an
 * empty feature) removed from it.
 *
 * @param cell the cell's key (see {@link Cells})
 * @param id the item's id
 * @param version the notification's version
 * @param feature the GeoJSON Feature, or empty to remove the item from the cell
 */
public record CellNotification(long cell, String id, long version, String feature) {

  /** Whether the item leaves the cell. */
  public boolean removal() {
    return feature.isEmpty();
  }
}
