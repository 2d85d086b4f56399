package io.deconflict.service.command;

import io.deconflict.service.Json;

/**
 * What an officer read back when acknowledging an alert: the conflict's start, end and place as
 * understood. The alert book holds it to the alert within its tolerances.
 */
public record ReadBack(IsoInstant start, IsoInstant end, Place place) {

  /**
   * A read-back from text, refused as the service refuses one in a JSON body: naming {@code
   * /readBack/start}, {@code /readBack/end} or {@code /readBack/place}.
   *
   * @param start an ISO-8601 UTC instant
   * @param end an ISO-8601 UTC instant
   * @param lon degrees east
   * @param lat degrees north
   */
  public static ReadBack parse(String start, String end, double lon, double lat) {
    Json.instant(start, "/readBack/start");
    Json.instant(end, "/readBack/end");
    return new ReadBack(
        new IsoInstant(start),
        new IsoInstant(end),
        Place.of(Json.point(lon, lat, "/readBack/place")));
  }
}
