package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;
import org.junit.jupiter.api.Test;

/**
 * Seeded random encounters (ranges under 50 km, a 15 min horizon) checked two ways: against the
 * textbook closest-point-of-approach formulas computed here independently in a local east-north
 * plane, and against the truth — both units propagated along geodesics by GeographicLib {@code
 * Direct}, distances by {@code Inverse}, the minimum and the first loss found by search.
 *
 * <p>Tolerances per quantity: 1 m in distance; 1 s in time where time is well conditioned (a flat
 * minimum or a grazing loss of separation has no well-defined time: there the check is that the
 * true distance at the model's time is within 1 cm of the true minimum, or within 1 m of the
 * separation). Rerun with {@code -Dlive.cpa.encounters=N} to measure on more encounters; the
 * largest errors are printed.
 */
class ClosestApproachAccuracyTest {

  private static final double HORIZON = 900;
  private static final long BASE_SEED = 20_250_301L;

  @Test
  void randomEncountersAgreeWithTextbookFormulasAndGeodesicTruth() {
    int count = Integer.getInteger("live.cpa.encounters", 200);
    Errors errors = run(count, 30, "ground, up to 30 m/s", true);
    assertThat(errors.problems).isEmpty();
    assertThat(errors.cpaDistance).isLessThan(1.0);
    assertThat(errors.cpaTime).isLessThan(1.0);
    assertThat(errors.lossTime).isLessThan(1.0);
    assertThat(errors.losses)
        .as("enough losses of separation to be a test")
        .isGreaterThan(count / 4);
  }

  /** Measures, without asserting, fast movers (up to 350 m/s): {@code -Dlive.cpa.fast=true}. */
  @Test
  void fastMoversAreMeasured() {
    assumeTrue(Boolean.getBoolean("live.cpa.fast"));
    run(Integer.getInteger("live.cpa.encounters", 200), 350, "fast, up to 350 m/s", false);
  }

  static final class Errors {
    double cpaDistance;
    double cpaTime;
    double lossTime;
    double lossDistance;
    int losses;
    final List<String> problems = new ArrayList<>();
  }

  private static Errors run(int count, double maxSpeed, String label, boolean strict) {
    Errors errors = new Errors();
    for (int i = 0; i < count; i++) {
      long seed = BASE_SEED + i;
      try {
        check(seed, maxSpeed, errors, strict);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "live CPA %s, %d encounters: max |d_cpa error| %.4f m, max |t_cpa error| %.4f s,"
            + " max |t_loss error| %.4f s, max |distance at loss - S| %.4f m, %d losses%n",
        label,
        count,
        errors.cpaDistance,
        errors.cpaTime,
        errors.lossTime,
        errors.lossDistance,
        errors.losses);
    return errors;
  }

  private static void check(long seed, double maxSpeed, Errors errors, boolean strict) {
    Random rnd = new Random(seed);
    GeoPoint meet;
    GeoPoint a;
    GeoPoint b;
    double courseA;
    double courseB;
    double speedA;
    double speedB;
    double lag;
    while (true) {
      meet = GeoPoint.of(36 + 6 * rnd.nextDouble(), 33 + 5 * rnd.nextDouble());
      double tMeet = 30 + (HORIZON - 60) * rnd.nextDouble();
      speedA = 2 + (maxSpeed - 2) * rnd.nextDouble();
      speedB = 2 + (maxSpeed - 2) * rnd.nextDouble();
      lag = rnd.nextBoolean() ? 0 : 60 * rnd.nextDouble();
      GeoPoint meetB = Geo.direct(meet, 360 * rnd.nextDouble(), 3000 * rnd.nextDouble());
      double azA = 360 * rnd.nextDouble();
      double azB = 360 * rnd.nextDouble();
      a = Geo.direct(meet, azA + 180, speedA * tMeet);
      courseA = Geo.course(Geo.directAzimuth(meet, azA + 180, speedA * tMeet) + 180);
      b = Geo.direct(meetB, azB + 180, speedB * (tMeet + lag));
      courseB = Geo.course(Geo.directAzimuth(meetB, azB + 180, speedB * (tMeet + lag)) + 180);
      if (Geo.distance(a, b) < 50_000) {
        break;
      }
    }
    double separation = 300 + 2700 * rnd.nextDouble();
    long lagMillis = Math.round(lag * 1000);
    lag = lagMillis / 1000.0;
    Track ta = track("a", T0.toEpochMilli(), a, courseA, speedA);
    Track tb = track("b", T0.toEpochMilli() - lagMillis, b, courseB, speedB);
    Cpa cpa = Cpa.between(ta, tb, separation);

    // 1. Textbook formulas in a local east-north plane at the geodesic midpoint.
    Textbook tx = Textbook.of(ta, tb, lag, separation);
    String where =
        String.format(
            Locale.ROOT, "separation %.1f, model %s, textbook %s", separation, describe(cpa), tx);
    assertThat(cpa.distanceNow).as(where).isCloseTo(tx.distanceNow, within(0.01));
    assertThat(cpa.distanceAtClosest).as(where).isCloseTo(tx.distanceAtClosest, within(0.01));
    if (tx.speed > 0.5) {
      assertThat(cpa.timeToClosest).as(where).isCloseTo(tx.timeToClosest, within(0.01));
    }
    if (!Double.isNaN(tx.timeToLoss) && !Double.isNaN(cpa.timeToLoss)) {
      assertThat(cpa.timeToLoss).as(where).isCloseTo(tx.timeToLoss, within(0.01));
    } else if (Double.isNaN(tx.timeToLoss) != Double.isNaN(cpa.timeToLoss)) {
      assertThat(Math.abs(tx.distanceAtClosest - separation))
          .as(where + ": only a graze may differ")
          .isLessThan(0.01);
    }

    // 2. Geodesic truth.
    Truth truth = new Truth(a, courseA, speedA, b, courseB, speedB, lag);
    double[] min = truth.minimum(0, HORIZON);
    if (!strict) {
      if (cpa.timeToClosest < HORIZON - 1) {
        errors.cpaDistance = Math.max(errors.cpaDistance, Math.abs(cpa.distanceAtClosest - min[1]));
        if (Math.abs(cpa.timeToClosest - min[0]) < 5) {
          errors.cpaTime = Math.max(errors.cpaTime, Math.abs(cpa.timeToClosest - min[0]));
        }
      }
      return;
    }
    if (cpa.timeToClosest < HORIZON - 1) {
      double dErr = Math.abs(cpa.distanceAtClosest - min[1]);
      errors.cpaDistance = Math.max(errors.cpaDistance, dErr);
      assertThat(dErr)
          .as(where + " vs truth min at %.3f s: %.4f m", min[0], min[1])
          .isLessThan(1.0);
      double tErr = Math.abs(cpa.timeToClosest - min[0]);
      if (tErr >= 1) {
        assertThat(truth.distance(cpa.timeToClosest) - min[1])
            .as(where + ": a flat minimum, the model's time must be as close")
            .isLessThan(0.01);
      } else {
        errors.cpaTime = Math.max(errors.cpaTime, tErr);
      }
    }
    double trueLoss = truth.firstLoss(separation, min);
    double modelLoss = cpa.timeToLoss;
    boolean modelWithin = !Double.isNaN(modelLoss) && modelLoss <= HORIZON;
    boolean trueWithin = !Double.isNaN(trueLoss);
    if (modelWithin && trueWithin) {
      errors.losses++;
      double dAtLoss = Math.abs(truth.distance(modelLoss) - separation);
      if (modelLoss > 0) {
        errors.lossDistance = Math.max(errors.lossDistance, dAtLoss);
      }
      double closing = tx.closingSpeedAt(modelLoss);
      if (modelLoss == 0 || trueLoss == 0) {
        assertThat(
                Math.max(modelLoss, trueLoss) < 1 || Math.abs(truth.distance(0) - separation) < 1)
            .as(where + ": lost at once in one, at %.3f s in the other", trueLoss)
            .isTrue();
      } else if (closing >= 0.5) {
        double err = Math.abs(modelLoss - trueLoss);
        errors.lossTime = Math.max(errors.lossTime, err);
        assertThat(err).as(where + ": true loss at %.3f s", trueLoss).isLessThan(1.0);
      } else {
        assertThat(dAtLoss)
            .as(where + ": grazing loss; true distance at model's loss")
            .isLessThan(1.0);
      }
    } else if (modelWithin != trueWithin) {
      double t = modelWithin ? modelLoss : trueLoss;
      assertThat(Math.abs(min[1] - separation) < 1 || HORIZON - t < 1)
          .as(
              where + ": loss in only one (model %.3f, truth %.3f, true min %.4f)",
              modelLoss,
              trueLoss,
              min[1])
          .isTrue();
    }
  }

  private static String describe(Cpa c) {
    return String.format(
        Locale.ROOT,
        "[now %.3f, t_cpa %.3f, d_cpa %.3f, t_loss %.3f]",
        c.distanceNow,
        c.timeToClosest,
        c.distanceAtClosest,
        c.timeToLoss);
  }

  private static Track track(String unit, long millis, GeoPoint p, double course, double speed) {
    double c = Math.toRadians(course);
    return new Track(
        unit,
        unit.toUpperCase(Locale.ROOT),
        java.time.Instant.ofEpochMilli(millis),
        p,
        speed * Math.sin(c),
        speed * Math.cos(c),
        Duration.ofMinutes(2));
  }

  /** Both units along geodesics from their reports; times from the later report. */
  private record Truth(
      GeoPoint a,
      double courseA,
      double speedA,
      GeoPoint b,
      double courseB,
      double speedB,
      double lag) {

    GeoPoint at(GeoPoint p, double course, double distance) {
      GeodesicData d =
          Geodesic.WGS84.Direct(
              p.lat(), p.lon(), course, distance, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
      return GeoPoint.of(Geo.normalize(d.lon2), d.lat2);
    }

    double distance(double t) {
      return Geo.distance(at(a, courseA, speedA * t), at(b, courseB, speedB * (lag + t)));
    }

    /** {time, distance} of the minimum distance in [from, to]. */
    double[] minimum(double from, double to) {
      double step = 2;
      double bestT = from;
      double best = distance(from);
      for (double t = from + step; t <= to + 1e-9; t += step) {
        double d = distance(t);
        if (d < best) {
          best = d;
          bestT = t;
        }
      }
      double lo = Math.max(from, bestT - step);
      double hi = Math.min(to, bestT + step);
      double g = (Math.sqrt(5) - 1) / 2;
      double x1 = hi - g * (hi - lo);
      double x2 = lo + g * (hi - lo);
      double f1 = distance(x1);
      double f2 = distance(x2);
      while (hi - lo > 1e-4) {
        if (f1 < f2) {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - g * (hi - lo);
          f1 = distance(x1);
        } else {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + g * (hi - lo);
          f2 = distance(x2);
        }
      }
      double t = 0.5 * (lo + hi);
      double d = distance(t);
      return d < best ? new double[] {t, d} : new double[] {bestT, best};
    }

    /** First time in [0, HORIZON] the distance is below the separation, or NaN. */
    double firstLoss(double separation, double[] min) {
      if (distance(0) < separation) {
        return 0;
      }
      if (!(min[1] < separation)) {
        return Double.NaN;
      }
      double lo = 0;
      double hi = min[0];
      while (hi - lo > 1e-4) {
        double mid = 0.5 * (lo + hi);
        if (distance(mid) < separation) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return hi;
    }
  }

  /**
   * The textbook formulas, written out here: r and v in the east-north plane at the geodesic
   * midpoint; t_cpa = -r·v/|v|², d_cpa = |r + v t_cpa|, loss at the smaller root of |r + v t|² =
   * S².
   */
  record Textbook(
      double distanceNow,
      double timeToClosest,
      double distanceAtClosest,
      double timeToLoss,
      double speed,
      double rx,
      double ry,
      double vx,
      double vy) {

    static Textbook of(Track a, Track b, double lag, double separation) {
      double[] pa = ecef(a.position());
      double[] pb = ecef(b.position());
      double[] va = velocity(a);
      double[] vb = velocity(b);
      double[] pbNow = new double[3];
      for (int k = 0; k < 3; k++) {
        pbNow[k] = pb[k] + vb[k] * lag;
      }
      GeoPoint bNow = geodetic(pbNow);
      GeodesicData mid =
          Geodesic.WGS84
              .InverseLine(a.position().lat(), a.position().lon(), bNow.lat(), bNow.lon())
              .Position(0.5 * Geo.distance(a.position(), bNow));
      double phi = Math.toRadians(mid.lat2);
      double lam = Math.toRadians(mid.lon2);
      double[] east = {-Math.sin(lam), Math.cos(lam), 0};
      double[] north = {
        -Math.sin(phi) * Math.cos(lam), -Math.sin(phi) * Math.sin(lam), Math.cos(phi)
      };
      double[] d = new double[3];
      double[] dv = new double[3];
      for (int k = 0; k < 3; k++) {
        d[k] = pbNow[k] - pa[k];
        dv[k] = vb[k] - va[k];
      }
      double[] r = {dot(d, east), dot(d, north)};
      double[] v = {dot(dv, east), dot(dv, north)};
      double rv = r[0] * v[0] + r[1] * v[1];
      double vv = v[0] * v[0] + v[1] * v[1];
      double rr = r[0] * r[0] + r[1] * r[1];
      double t = vv > 1e-12 ? Math.max(0, -rv / vv) : 0;
      double dc = Math.hypot(r[0] + v[0] * t, r[1] + v[1] * t);
      double loss;
      double qa = vv;
      double qb = 2 * rv;
      double qc = rr - separation * separation;
      if (qc < 0) {
        loss = 0;
      } else {
        double disc = qb * qb - 4 * qa * qc;
        loss = disc > 0 && qb < 0 ? (-qb - Math.sqrt(disc)) / (2 * qa) : Double.NaN;
      }
      return new Textbook(Math.sqrt(rr), t, dc, loss, Math.sqrt(vv), r[0], r[1], v[0], v[1]);
    }

    /** Distance at time t (seconds from the later report; negative is before it). */
    double distanceAt(double t) {
      return Math.hypot(rx + vx * t, ry + vy * t);
    }

    /** Time of the closest approach on the whole lines (negative if it is past). */
    double unclampedTimeToClosest() {
      double vv = vx * vx + vy * vy;
      return vv > 1e-12 ? -(rx * vx + ry * vy) / vv : 0;
    }

    /** Rate at which the distance falls at time t, metres per second. */
    double closingSpeedAt(double t) {
      double x = rx + vx * t;
      double y = ry + vy * t;
      double d = Math.hypot(x, y);
      return d == 0 ? speed : -(x * vx + y * vy) / d;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "[now %.3f, t_cpa %.3f, d_cpa %.3f, t_loss %.3f]",
          distanceNow,
          timeToClosest,
          distanceAtClosest,
          timeToLoss);
    }

    private static double dot(double[] x, double[] y) {
      return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    }

    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);

    static double[] ecef(GeoPoint p) {
      double phi = Math.toRadians(p.lat());
      double lam = Math.toRadians(p.lon());
      double n = A / Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
      return new double[] {
        n * Math.cos(phi) * Math.cos(lam),
        n * Math.cos(phi) * Math.sin(lam),
        n * (1 - E2) * Math.sin(phi)
      };
    }

    static double[] velocity(Track t) {
      double phi = Math.toRadians(t.position().lat());
      double lam = Math.toRadians(t.position().lon());
      double ve = t.velocityEastMps();
      double vn = t.velocityNorthMps();
      return new double[] {
        -ve * Math.sin(lam) - vn * Math.sin(phi) * Math.cos(lam),
        ve * Math.cos(lam) - vn * Math.sin(phi) * Math.sin(lam),
        vn * Math.cos(phi)
      };
    }

    /** Geodetic position under an ECEF point, by fixed-point iteration on latitude. */
    static GeoPoint geodetic(double[] p) {
      double lon = Math.toDegrees(Math.atan2(p[1], p[0]));
      double rho = Math.hypot(p[0], p[1]);
      double phi = Math.atan2(p[2], rho * (1 - E2));
      for (int i = 0; i < 10; i++) {
        double n = A / Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
        double h = rho / Math.cos(phi) - n;
        phi = Math.atan2(p[2], rho * (1 - E2 * n / (n + h)));
      }
      return GeoPoint.of(lon, Math.toDegrees(phi));
    }
  }
}
