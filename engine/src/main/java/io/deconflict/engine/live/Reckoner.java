package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;

/**
 * Dead reckoning: whether a report agrees with what its unit's accepted state predicts, the
 * predicted state at a time, and when an encounter's level is next due to change if neither unit
 * departs from its prediction.
 *
 * <p><b>Prediction.</b> A unit moves from its accepted state along the straight line tangent to the
 * ellipsoid at its velocity (ECEF), as in {@link Cpa}. A report agrees when its position is within
 * the position tolerance of the predicted one (the chord between them, which also counts the height
 * the tangent line gains, {@code d²/2R}), its speed within the speed tolerance of the predicted
 * speed, and its course within the course tolerance of the predicted course (the angle between the
 * two velocity vectors; not checked while both speeds are within the speed tolerance).
 *
 * <p><b>Due times.</b> Under constant velocity the time to loss of separation falls by one second
 * per second until the loss, and the distance is a convex function of time. So a level changes only
 * when the time to loss crosses the threshold of the next level up, and an encounter ends when the
 * distance grows past the separation times (1 + hysteresis) after the closest approach; {@link
 * #nextDue} gives the first of these after an evaluation. See {@code docs/design-decisions.md} D28.
 *
 * <p>Cost: a few dozen flops and two square roots per check; no allocation except {@link #predict}.
 * Immutable after construction; the scratch-free methods are thread-safe.
 */
final class Reckoner {

  /** Due times beyond this many seconds after an evaluation are not kept. */
  private static final double MAX_DUE_SECONDS = 86_400;

  private final double position2;
  private final double speed;
  private final double courseCos;
  private final double advisory;
  private final double caution;
  private final double warning;
  private final double fallDistanceFactor;
  private final double pendingSeconds;
  private final long refreshMillis;

  /**
   * Dead reckoning under {@code settings}: pairs not yet in an encounter are kept while their loss
   * is at most look-ahead + {@code extraMillis} ahead; a unit's prediction is restarted from itself
   * once it is {@code refreshMillis} old.
   */
  Reckoner(LiveSettings settings, long refreshMillis, long extraMillis) {
    LiveSettings.DeadReckoning d = settings.deadReckoning();
    this.position2 = d.positionMeters() * d.positionMeters();
    this.speed = d.speedMps();
    this.courseCos = Math.cos(Math.toRadians(d.courseDegrees()));
    this.advisory = settings.advisory().toMillis() * 1e-3;
    this.caution = settings.caution().toMillis() * 1e-3;
    this.warning = settings.warning().toMillis() * 1e-3;
    this.fallDistanceFactor = 1 + settings.hysteresisFraction();
    this.pendingSeconds = (settings.lookAhead().toMillis() + extraMillis) * 1e-3;
    this.refreshMillis = refreshMillis;
  }

  /** How old a prediction may grow before it is restarted from itself, milliseconds. */
  long refreshMillis() {
    return refreshMillis;
  }

  /**
   * Whether a report at {@code millis} with ECEF position and velocity {@code s[0..5]} agrees with
   * the prediction from {@code u}'s accepted state.
   */
  boolean agrees(Unit u, long millis, double[] s) {
    double dt = (millis - u.millis) * 1e-3;
    double dx = u.x + u.vx * dt - s[0];
    double dy = u.y + u.vy * dt - s[1];
    double dz = u.z + u.vz * dt - s[2];
    if (dx * dx + dy * dy + dz * dz > position2) {
      return false;
    }
    double reported = Math.sqrt(s[3] * s[3] + s[4] * s[4] + s[5] * s[5]);
    double predicted = Math.sqrt(u.vx * u.vx + u.vy * u.vy + u.vz * u.vz);
    if (Math.abs(reported - predicted) > speed) {
      return false;
    }
    if (reported <= speed && predicted <= speed) {
      return true;
    }
    if (reported == 0 || predicted == 0) {
      return false;
    }
    double dot = s[3] * u.vx + s[4] * u.vy + s[5] * u.vz;
    return dot >= courseCos * reported * predicted;
  }

  /**
   * Whether a report's height {@code hae} (NaN if none) and vertical rate {@code vh} at {@code
   * millis} agree with the prediction from {@code u}'s accepted state: both without a height, or
   * the height within the position tolerance of the predicted one and the vertical rate within the
   * speed tolerance (D37).
   */
  boolean agreesVertically(Unit u, long millis, double hae, double vh) {
    if (Double.isNaN(hae) || Double.isNaN(u.h)) {
      return Double.isNaN(hae) && Double.isNaN(u.h);
    }
    double dh = u.h + u.vh * ((millis - u.millis) * 1e-3) - hae;
    return dh * dh <= position2 && Math.abs(vh - u.vh) <= speed;
  }

  /**
   * The state predicted for {@code u} at {@code millis}, on the ellipsoid below the tangent line:
   * {@code out[0]} longitude, {@code out[1]} latitude, {@code out[2]} velocity east, {@code out[3]}
   * velocity north (the velocity's horizontal part there).
   */
  static void predict(Unit u, long millis, double[] out) {
    double dt = (millis - u.millis) * 1e-3;
    GeoPoint g = Wgs84.toGeo(u.x + u.vx * dt, u.y + u.vy * dt, u.z + u.vz * dt);
    double phi = Math.toRadians(g.lat());
    double lambda = Math.toRadians(g.lon());
    double sinPhi = Math.sin(phi);
    double sinLambda = Math.sin(lambda);
    double cosLambda = Math.cos(lambda);
    out[0] = g.lon();
    out[1] = g.lat();
    out[2] = -u.vx * sinLambda + u.vy * cosLambda;
    out[3] = -u.vx * sinPhi * cosLambda - u.vy * sinPhi * sinLambda + u.vz * Math.cos(phi);
  }

  /**
   * When the level of a pair just evaluated ({@code cpa}, at {@code level} after hysteresis) is
   * next due to change under constant velocity, epoch milliseconds, at least 1 ms after the
   * evaluation; {@link DueQueue#NEVER} if never (or, for a pair not in an encounter, not within
   * look-ahead plus the extra time).
   */
  long nextDue(Cpa cpa, TacticalLevel level) {
    double toLoss = cpa.timeToLoss;
    double seconds;
    if (level == TacticalLevel.NONE) {
      if (Double.isNaN(toLoss) || toLoss > pendingSeconds) {
        return DueQueue.NEVER;
      }
      seconds = toLoss - advisory;
    } else if (toLoss > 0 && level != TacticalLevel.WARNING) {
      seconds = toLoss - (level == TacticalLevel.ADVISORY ? caution : warning);
    } else {
      // At WARNING, inside, or held by the distance: nothing changes until it ends.
      seconds = cpa.secondsToExit(cpa.separation * fallDistanceFactor);
    }
    if (!(seconds < MAX_DUE_SECONDS)) {
      return DueQueue.NEVER;
    }
    return cpa.timeMillis + Math.max(1, (long) Math.ceil(seconds * 1e3));
  }
}
