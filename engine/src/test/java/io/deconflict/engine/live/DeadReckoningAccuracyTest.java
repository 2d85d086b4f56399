package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.ClosestApproachAccuracyTest.Textbook;
import io.deconflict.engine.live.Geo.Mover;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random encounters with dead reckoning, checked against the exact answer: the textbook
 * closest point of approach ({@link Textbook}, independent of the tracker) from each unit's newest
 * report. Units move along geodesics (GeographicLib {@code Direct}) and report every 5 s with noise
 * in position, speed and course of up to the tolerances, so some reports are absorbed and some
 * depart.
 *
 * <p>The documented bound (D28): a unit's prediction stays within {@code P + ΔV τ} of the line from
 * its newest report, {@code τ} seconds after that report, with {@code ΔV = S + v C} (position,
 * speed and course tolerances, {@code C} in radians, {@code v} its speed). So a pair's closest
 * distance is within the sum over both units (plus 1 m for the model), and its loss instant within
 * that sum over the closing speed where the loss is well conditioned (closing faster than 2 m/s).
 * And no encounter is missed: a loss the exact answer puts within the advisory time less that
 * uncertainty is an encounter. {@code -Dlive.dr.encounters=N} runs more.
 */
class DeadReckoningAccuracyTest {

  private static final LiveSettings SETTINGS = LiveSettings.DEFAULT;
  private static final long BASE_SEED = 20_261_207L;

  @Test
  void levelsAndTimesStayWithinTheToleranceOfTheExactAnswer() {
    int count = Integer.getInteger("live.dr.encounters", 150);
    double[] worst = new double[3];
    long[] counts = new long[4];
    for (int i = 0; i < count; i++) {
      long seed = BASE_SEED + i;
      try {
        check(seed, worst, counts);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "dead reckoning, %d encounters: %d checks, %d with an encounter, %d of %d reports absorbed;"
            + " worst share of the bound used: closest distance %.3f, loss instant %.3f;"
            + " largest closest-distance difference %.2f m%n",
        count,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        worst[0],
        worst[1],
        worst[2]);
    assertThat(counts[2]).as("reports absorbed").isGreaterThan(counts[3] / 4);
    assertThat(counts[2]).as("reports applied").isLessThan(counts[3]);
    assertThat(counts[1]).as("checks with an encounter").isGreaterThan(counts[0] / 4);
  }

  private static void check(long seed, double[] worst, long[] counts) {
    Random rnd = new Random(seed);
    LiveSettings.DeadReckoning dr = SETTINGS.deadReckoning();
    GeoPoint meet = GeoPoint.of(36 + 6 * rnd.nextDouble(), 33 + 5 * rnd.nextDouble());
    double tMeet = 300 + 900 * rnd.nextDouble();
    double speedA = 3 + 22 * rnd.nextDouble();
    double speedB = 3 + 22 * rnd.nextDouble();
    double azA = 360 * rnd.nextDouble();
    double azB = 360 * rnd.nextDouble();
    GeoPoint meetB = Geo.direct(meet, 360 * rnd.nextDouble(), 2_000 * rnd.nextDouble());
    Mover a = Mover.towards(Geo.direct(meet, azA + 180, speedA * tMeet), meet, speedA);
    Mover b = Mover.towards(Geo.direct(meetB, azB + 180, speedB * tMeet), meetB, speedB);
    double separation = SETTINGS.defaultSeparationMeters();
    LiveTracker tracker = new LiveTracker(SETTINGS);
    int phase = rnd.nextInt(5_000);
    for (int step = 0; step * 5.0 < tMeet + 300; step++) {
      double sa = step * 5.0;
      double sb = step * 5.0 + phase / 1000.0;
      tracker.report(
          List.of(
              noisy(a.report("a", "US", sa), rnd, dr), noisy(b.report("b", "RU", sb), rnd, dr)));
      counts[3] += 2;
      Track ta = tracker.track("US", "a").orElseThrow();
      Track tb = tracker.track("RU", "b").orElseThrow();
      // The textbook answer from the newest reports, at the later report time (b's).
      double lag = (tb.time().toEpochMilli() - ta.time().toEpochMilli()) / 1000.0;
      Textbook exact = Textbook.of(tb, ta, lag, separation);
      double reportSeconds = (tb.time().toEpochMilli() - T0.toEpochMilli()) / 1000.0;
      List<Encounter> open = tracker.encounters();
      counts[0]++;
      // Per unit: P + ΔV τ, τ from its newest report; the pair's uncertainty is the sum.
      double rate = 2 * dr.speedMps() + (speedA + speedB) * Math.toRadians(dr.courseDegrees());
      double aSeconds = seconds(ta.time());
      if (!open.isEmpty()) {
        counts[1]++;
        Encounter e = open.get(0);
        // The distance at the tracker's evaluation instant, on the lines of the newest reports.
        double te = seconds(e.time());
        double dNow = exact.distanceAt(te - reportSeconds);
        double boundNow = 2 * dr.positionMeters() + rate * lead(te, aSeconds, reportSeconds) + 1;
        assertThat(Math.abs(e.distanceNowMeters() - dNow))
            .as("distance at %.3f s (check at %.0f s): tracker %s, exact %.3f", te, sa, e, dNow)
            .isLessThanOrEqualTo(boundNow);
        // The closest approach, where both put it ahead of the evaluation.
        double tStar = reportSeconds + exact.unclampedTimeToClosest();
        double closestTracker = te + seconds(e.timeToClosest());
        if (seconds(e.timeToClosest()) > 0 && tStar > te) {
          double ahead =
              Math.max(
                  lead(tStar, aSeconds, reportSeconds),
                  lead(closestTracker, aSeconds, reportSeconds));
          double bound = 2 * dr.positionMeters() + rate * ahead + 1;
          double exactClosest = exact.distanceAt(tStar - reportSeconds);
          double diff = Math.abs(e.distanceAtClosestMeters() - exactClosest);
          worst[2] = Math.max(worst[2], diff);
          worst[0] = Math.max(worst[0], diff / bound);
          assertThat(diff)
              .as("closest distance (check at %.0f s): tracker %s, exact %.3f", sa, e, exactClosest)
              .isLessThanOrEqualTo(bound);
        }
        if (e.timeToLoss().isPresent()
            && seconds(e.timeToLoss().get()) > 0
            && exact.timeToLoss() > 0) {
          double closing = exact.closingSpeedAt(exact.timeToLoss());
          double lossTracker = te + seconds(e.timeToLoss().get());
          double lossExact = reportSeconds + exact.timeToLoss();
          if (closing > 2) {
            double ahead =
                Math.max(
                    lead(lossTracker, aSeconds, reportSeconds),
                    lead(lossExact, aSeconds, reportSeconds));
            double bound = 2 * dr.positionMeters() + rate * ahead;
            double allowed = bound / closing + 1;
            double err = Math.abs(lossTracker - lossExact);
            assertThat(err)
                .as("loss instant: tracker %.3f s, exact %.3f s", lossTracker, lossExact)
                .isLessThanOrEqualTo(allowed);
            worst[1] = Math.max(worst[1], err / allowed);
          }
        }
      } else if (!Double.isNaN(exact.timeToLoss())) {
        double bound =
            2 * dr.positionMeters() + rate * (reportSeconds + exact.timeToClosest() - aSeconds);
        double closing = Math.max(0.5, exact.closingSpeedAt(exact.timeToLoss()));
        double margin = bound / closing + 10;
        boolean clear =
            exact.timeToLoss() < seconds(SETTINGS.advisory()) - margin
                && exact.distanceAtClosest() < separation - bound - 1;
        assertThat(clear)
            .as("at %.0f s no encounter, but the exact answer loses separation in %s", sa, exact)
            .isFalse();
      }
    }
    counts[2] += tracker.absorbed();
  }

  /** The report moved up to the tolerances: position, speed and course, each uniformly. */
  private static PositionReport noisy(PositionReport r, Random rnd, LiveSettings.DeadReckoning dr) {
    GeoPoint p =
        Geo.direct(
            GeoPoint.of(r.lon(), r.lat()),
            360 * rnd.nextDouble(),
            dr.positionMeters() * 0.5 * rnd.nextDouble());
    double course = Geo.course(r.courseDegrees() + dr.courseDegrees() * (2 * rnd.nextDouble() - 1));
    double speed = Math.max(0, r.speedMps() + dr.speedMps() * (2 * rnd.nextDouble() - 1));
    return PositionReport.of(r.unit(), r.party(), r.time(), p.lon(), p.lat(), course, speed);
  }

  /** How far {@code t} is from the farther of the two newest reports, seconds. */
  private static double lead(double t, double reportA, double reportB) {
    return Math.max(Math.abs(t - reportA), Math.abs(t - reportB));
  }

  private static double seconds(java.time.Instant t) {
    return (t.toEpochMilli() - T0.toEpochMilli()) / 1000.0;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
