package io.deconflict.engine.live;

import io.deconflict.engine.geo.Fdlibm;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;

/**
 * What the tracker knows of a unit: its newest report and its velocity.
 *
 * <p>The velocity is the report's course and speed when it gives them (a speed of 0 needs no
 * course); otherwise the displacement from the unit's previous report divided by the time between
 * them; 0 for a unit's first report without course and speed.
 *
 * @param unit the unit's identifier within its party
 * @param party the unit's party
 * @param time the newest report's time, at millisecond resolution
 * @param position the newest report's position
 * @param velocityEastMps east component of the velocity, metres per second
 * @param velocityNorthMps north component of the velocity, metres per second
 * @param staleAfter the track is stale once its report is older than this
 */
public record Track(
    String unit,
    String party,
    Instant time,
    GeoPoint position,
    double velocityEastMps,
    double velocityNorthMps,
    Duration staleAfter) {

  /** Checks the velocity is finite. */
  public Track {
    if (!Double.isFinite(velocityEastMps) || !Double.isFinite(velocityNorthMps)) {
      throw new IllegalArgumentException(
          "track "
              + party
              + "/"
              + unit
              + ": velocity must be finite, got ("
              + velocityEastMps
              + ", "
              + velocityNorthMps
              + ")");
    }
  }

  /**
   * Whether the track is stale at {@code now}: its report is more than {@link #staleAfter} older
   * (millisecond resolution).
   */
  public boolean stale(Instant now) {
    return now.toEpochMilli() - time.toEpochMilli() > staleAfter.toMillis();
  }

  /** Speed over ground, metres per second. */
  public double speedMps() {
    return Math.hypot(velocityEastMps, velocityNorthMps);
  }

  /** Course over ground, degrees clockwise from true north in [0, 360); 0 when halted. */
  public double courseDegrees() {
    double c = Math.toDegrees(Fdlibm.atan2(velocityEastMps, velocityNorthMps));
    return c < 0 ? c + 360 : (c >= 360 ? 0 : c);
  }

  /** The unit's identity as one string, {@code party/unit}; tracks sort by it. */
  public String key() {
    return party + "/" + unit;
  }
}
