package io.deconflict.geojson;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The input breaks the contract of {@code docs/formats.md}. The message names the feature (its
 * index in the {@code features} array and its id, if it has one) and the field, e.g. {@code feature
 * 3 (id "m-17"): properties.times[4] 2022-10-08T09:00:00Z is not after properties.times[3]
 * 2022-10-08T09:05:00Z}.
 */
public final class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private InvalidInputException(String message) {
    super(message);
  }

  /** A problem with the document as a whole. */
  static InvalidInputException of(String message) {
    return new InvalidInputException(message);
  }

  /** A problem with a feature whose id is not known (missing or itself invalid). */
  static InvalidInputException feature(int index, String detail) {
    return new InvalidInputException("feature " + index + ": " + detail);
  }

  /**
   * A problem with a feature sent on its own (index {@link GeoJsonFeatures#SINGLE}); the message
   * names the field, e.g. {@code properties.radiusMeters must be > 0, got -5}.
   */
  static InvalidInputException single(String detail) {
    return new InvalidInputException(detail);
  }

  /** A problem with the feature at {@code index} whose id is {@code id}. */
  static InvalidInputException feature(int index, String id, String detail) {
    return new InvalidInputException(
        "feature " + index + " (id " + Describe.quote(id) + "): " + detail);
  }

  /** The bytes are not JSON, or break one of the parser's own limits. */
  static InvalidInputException malformed(JsonProcessingException e) {
    return new InvalidInputException("malformed JSON" + StrictJson.explain(e));
  }
}
