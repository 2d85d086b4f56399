package io.deconflict.flink;

/**
 * One message of the notifications topic as the job reads it: an item notified, replaced or
 * withdrawn.
 *
 * @param id the item's id (the message key)
 * @param version the message's offset in its partition: later notifications of an item have higher
 *     versions
 * @param feature the GeoJSON Feature as sent, or empty for a withdrawal (a tombstone)
 */
public record Notification(String id, long version, String feature) {

  /** Whether the item was withdrawn. */
  public boolean withdrawn() {
    return feature.isEmpty();
  }
}
