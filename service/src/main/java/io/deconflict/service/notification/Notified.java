package io.deconflict.service.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Item;
import java.time.Instant;

/**
 * The current version of a notified movement, site or zone.
 *
 * @param party the notifying party
 * @param id the party's own id for it
 * @param kind {@code movement}, {@code site} or {@code zone}
 * @param version 1 on creation, +1 on each replacement
 * @param feature the GeoJSON Feature as notified
 * @param item the engine's item (its id is {@code party/id})
 * @param notifiedAt when this version was accepted
 * @param late whether it came later than an agreement's minimum notice
 * @param emergency whether the party flagged it as an emergency
 */
public record Notified(
    String party,
    String id,
    String kind,
    int version,
    ObjectNode feature,
    Item item,
    Instant notifiedAt,
    boolean late,
    boolean emergency) {

  /** The engine's id of a party's item. */
  public static String engineId(String party, String id) {
    return party + "/" + id;
  }

  /** The party's own id in an engine id. */
  public static String clientId(String engineId) {
    return engineId.substring(engineId.indexOf('/') + 1);
  }
}
