package io.deconflict.bench;

import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.PositionReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The obviously-correct reference: each report is evaluated against every fresh unit of another
 * party, in a flat east-north frame around the region's centre (spherical earth), by the linear
 * closest-point-of-approach formula (both tracks extrapolated to the later report time; loss of
 * separation at the smaller root of {@code |r + v t| = S}). Levels by the tracker's thresholds,
 * without hysteresis; every change of a pair's level counts as one event. O(N) per report. Not
 * thread-safe.
 */
final class AllPairsBaseline {
  private static final double EARTH_RADIUS = 6_371_008.8;

  private final long[] time;
  private final double[] x;
  private final double[] y;
  private final double[] vx;
  private final double[] vy;
  private final int[] party;
  private final List<Map<Integer, Integer>> partners;
  private final int[] scratch;
  private final double separation;
  private final long staleMillis;
  private final double warning;
  private final double caution;
  private final double advisory;
  private final double metersPerDegreeLon;
  private long open;
  private long nowMillis = Long.MIN_VALUE;

  AllPairsBaseline(int size, LiveSettings settings) {
    time = new long[size];
    Arrays.fill(time, Long.MIN_VALUE);
    x = new double[size];
    y = new double[size];
    vx = new double[size];
    vy = new double[size];
    party = new int[size];
    scratch = new int[size];
    partners = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      partners.add(new HashMap<>(4));
    }
    separation = settings.defaultSeparationMeters();
    staleMillis = settings.stale().toMillis();
    warning = settings.warning().toMillis() / 1000.0;
    caution = settings.caution().toMillis() / 1000.0;
    advisory = settings.advisory().toMillis() / 1000.0;
    metersPerDegreeLon =
        Math.toRadians(EARTH_RADIUS) * Math.cos(Math.toRadians(ScenarioGenerator.CENTER_LAT));
  }

  long open() {
    return open;
  }

  void report(List<PositionReport> batch, long[] counts) {
    PositionReport[] sorted = batch.toArray(new PositionReport[0]);
    Arrays.sort(
        sorted, Comparator.comparing(PositionReport::time).thenComparing(PositionReport::unit));
    for (PositionReport r : sorted) {
      apply(r, counts);
    }
  }

  private void apply(PositionReport r, long[] counts) {
    int u = LiveFleet.indexOf(r.unit());
    long t = r.time().toEpochMilli();
    nowMillis = Math.max(nowMillis, t);
    if (time[u] != Long.MIN_VALUE && t <= time[u]) {
      return;
    }
    time[u] = t;
    party[u] = ScenarioGenerator.PARTIES.indexOf(r.party());
    x[u] = (r.lon() - ScenarioGenerator.CENTER_LON) * metersPerDegreeLon;
    y[u] = (r.lat() - ScenarioGenerator.CENTER_LAT) * Math.toRadians(EARTH_RADIUS);
    double c = Math.toRadians(r.courseDegrees());
    vx[u] = r.speedMps() * Math.sin(c);
    vy[u] = r.speedMps() * Math.cos(c);
    Map<Integer, Integer> mine = partners.get(u);
    for (Map.Entry<Integer, Integer> e : mine.entrySet()) {
      scratch[e.getKey()] = e.getValue();
    }
    for (int o = 0; o < time.length; o++) {
      if (o == u || time[o] == Long.MIN_VALUE) {
        continue;
      }
      int before = scratch[o];
      int level = party[o] == party[u] || nowMillis - time[o] > staleMillis ? 0 : level(u, o);
      if (level != before) {
        if (before == 0) {
          counts[0]++;
          open++;
          mine.put(o, level);
          partners.get(o).put(u, level);
        } else if (level == 0) {
          counts[2]++;
          open--;
          mine.remove(o);
          partners.get(o).remove(u);
        } else {
          counts[1]++;
          mine.put(o, level);
          partners.get(o).put(u, level);
        }
      }
      scratch[o] = 0;
    }
  }

  /** 3 warning, 2 caution, 1 advisory, 0 none. */
  private int level(int u, int o) {
    long tc = Math.max(time[u], time[o]);
    double du = (tc - time[u]) / 1000.0;
    double dz = (tc - time[o]) / 1000.0;
    double rx = (x[o] + vx[o] * dz) - (x[u] + vx[u] * du);
    double ry = (y[o] + vy[o] * dz) - (y[u] + vy[u] * du);
    double wx = vx[o] - vx[u];
    double wy = vy[o] - vy[u];
    double rr = rx * rx + ry * ry;
    double c = rr - separation * separation;
    double loss;
    if (c < 0) {
      loss = 0;
    } else {
      double rv = rx * wx + ry * wy;
      double vv = wx * wx + wy * wy;
      if (rv >= 0 || vv < 1e-12) {
        return 0;
      }
      double disc = rv * rv - vv * c;
      if (disc <= 0) {
        return 0;
      }
      loss = c / (-rv + Math.sqrt(disc));
    }
    if (loss <= warning) {
      return 3;
    }
    if (loss <= caution) {
      return 2;
    }
    return loss <= advisory ? 1 : 0;
  }
}
