package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.service.Json;
import java.time.Instant;

/**
 * A live unit's track as a viewer may see it ({@code GET /tracks}): its newest report, rounded.
 *
 * @param speedMps metres per second, to 0.1
 * @param courseDegrees degrees clockwise from true north, to 0.1
 * @param stale whether the unit has not reported for longer than the service waits
 */
public record TrackView(
    String unit,
    String party,
    Instant time,
    GeoPoint position,
    double speedMps,
    double courseDegrees,
    boolean stale) {

  /** The track as JSON. */
  public ObjectNode toJson() {
    ObjectNode v = Json.object();
    v.put("unit", unit).put("party", party).put("time", time.toString());
    v.set("position", Json.point(position));
    v.put("speedMps", speedMps);
    v.put("courseDegrees", courseDegrees);
    v.put("stale", stale);
    return v;
  }
}
