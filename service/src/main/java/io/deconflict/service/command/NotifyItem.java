package io.deconflict.service.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.ServiceException;
import java.util.Optional;
import java.util.Set;

/**
 * Notifies an item ({@code item.notify}): a movement, site or zone as a GeoJSON Feature, new or
 * replacing the party's item of the same id. GeoJSON is the item's own format, so the feature is
 * kept as sent; the dispatch parses it with the separation in force for the party.
 *
 * @param kind {@code movement}, {@code site} or {@code zone}
 * @param replace whether it replaces an existing item (then the feature names its id)
 * @param emergency whether it is an emergency movement (the shorter notice applies), if stated
 * @param feature the GeoJSON Feature; its id, if any, follows {@link Ids#ITEM_ID_RULE}, and its
 *     {@code properties.kind}, if any, is {@code kind}
 */
public record NotifyItem(
    String kind, boolean replace, Optional<Boolean> emergency, ObjectNode feature)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "item.notify";

  /** The kinds of item. */
  public static final Set<String> KINDS = Set.of("movement", "site", "zone");

  /** Checks the kind, the feature's id and its stated kind; copies the feature. */
  public NotifyItem {
    if (!KINDS.contains(kind)) {
      throw ServiceException.invalid("/kind", "/kind must be movement, site or zone");
    }
    feature = feature.deepCopy();
    if (feature.hasNonNull("id")) {
      if (!feature.get("id").isTextual() || !Ids.isItemId(feature.get("id").asText())) {
        throw ServiceException.invalid("/feature/id", "/feature/id must match " + Ids.ITEM_ID_RULE);
      }
    } else if (replace) {
      throw ServiceException.invalid("/feature/id", "/feature/id is required to replace");
    }
    JsonNode statedKind = feature.path("properties").path("kind");
    if (!statedKind.isMissingNode() && !statedKind.asText().equals(kind)) {
      throw ServiceException.invalid(
          "/feature/properties/kind", "/feature/properties/kind must be \"" + kind + "\"");
    }
  }

  /** The feature (a copy). */
  @Override
  public ObjectNode feature() {
    return feature.deepCopy();
  }

  /** Whether it is an emergency movement (not unless stated). */
  public boolean isEmergency() {
    return emergency.orElse(false);
  }

  /** The item's id if the feature names one (else the service assigns the next free one). */
  public Optional<String> id() {
    return feature.hasNonNull("id") ? Optional.of(feature.get("id").asText()) : Optional.empty();
  }

  @Override
  public String type() {
    return TYPE;
  }
}
