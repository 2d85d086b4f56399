package io.deconflict.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.item.Item;

/**
 * Parses one GeoJSON Feature sent on its own (a notification over the API) with exactly the rules
 * of {@code docs/formats.md} that {@link FeatureCollectionReader} applies to each feature of a
 * file.
 */
public final class GeoJsonFeatures {

  /** The feature index that marks a feature sent on its own: messages then name only the field. */
  static final int SINGLE = -1;

  private GeoJsonFeatures() {}

  /**
   * The engine item this feature describes.
   *
   * @param feature a parsed JSON value that should be a GeoJSON Feature
   * @param defaultSeparationMeters the separation of a movement that names none
   * @throws InvalidInputException naming the first field that breaks the contract
   */
  public static Item parse(JsonNode feature, double defaultSeparationMeters) {
    return FeatureParser.parse(feature, SINGLE, defaultSeparationMeters);
  }
}
