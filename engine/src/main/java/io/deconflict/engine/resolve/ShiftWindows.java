package io.deconflict.engine.resolve;

import io.deconflict.engine.cpa.Bounds;
import io.deconflict.engine.cpa.IntervalSink;
import io.deconflict.engine.cpa.MovementKernel;
import io.deconflict.engine.cpa.SiteShape;
import io.deconflict.engine.cpa.ZoneShape;
import io.deconflict.engine.index.SpaceTimeGrid;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.track.Track;
import java.util.Arrays;

/**
 * The time shifts of a movement at which it conflicts with other items: a union of open intervals
 * of seconds, computed exactly per pair of pieces (D41).
 *
 * <p>Shifting a movement by {@code s} seconds moves every knot of its track {@code s} later and
 * leaves its geometry unchanged. Against a piece of another movement, the squared chord distance is
 * a quadratic in (time along the piece, shift) over a parallelogram (both pieces exist), so the set
 * of shifts at which the two pieces come closer than the separation is the projection of an
 * ellipse's interior cut by a parallelogram: one interval, whose ends lie at a vertex of the
 * parallelogram, where the ellipse crosses an edge, or where it is tangent to the shift direction;
 * each is a root of a quadratic. Against a site or zone, the times at which the track is within the
 * radius (inside the zone) do not depend on the shift, and each such interval {@code (a, b)} meets
 * the validity {@code [from, until)} at the shifts {@code (from - b, until - a)}.
 *
 * <p>The thresholds are the detectors' own: the larger separation as a chord, less the tie margin
 * of 1 mm (an approach that stays within it is a pass at the separation); bands as the detectors
 * test them. The detectors also drop conflicts shorter than a millisecond, so near an end the shift
 * set here is larger than theirs by at most the time it takes to close a millimetre or a
 * millisecond.
 *
 * <p>Cost: for another movement, one constant-time solve per pair of pieces that can overlap in
 * time within the horizon and whose boxes are within the separation; for a site or zone, the
 * detectors' own interval search once. Not thread-safe; deterministic.
 */
final class ShiftWindows {

  /** The detectors' tie margin in metres (see {@code Pairs.TIE_METERS}). */
  static final double TIE_METERS = 1e-3;

  private static final double MERGE_GAP_SECONDS = 1e-6;

  private final Movement movement;
  private final Track track;
  private final double horizon;
  private final double[] boxes;
  private final IntervalSink sink = new IntervalSink();
  private final double[] oBox = new double[6];
  private double[] lo = new double[16];
  private double[] hi = new double[16];
  private int size;

  /** Prepares to collect the conflicting shifts of a movement within {@code ±horizonSeconds}. */
  ShiftWindows(Movement movement, double horizonSeconds) {
    this.movement = movement;
    this.track = Track.of(movement);
    this.horizon = horizonSeconds;
    this.boxes = new double[6 * track.pieces()];
    double[] box = new double[6];
    for (int p = 0; p < track.pieces(); p++) {
      SpaceTimeGrid.pieceBox(track, p, 0, box);
      System.arraycopy(box, 0, boxes, 6 * p, 6);
    }
  }

  /** Adds the shifts at which the movement conflicts with {@code other} (of another party). */
  void add(Item other) {
    if (other.party().equals(movement.party()) || other.id().equals(movement.id())) {
      return;
    }
    if (other instanceof Movement m) {
      movement(Track.of(m));
    } else if (other instanceof Site s) {
      site(s);
    } else {
      zone((Zone) other);
    }
  }

  /** Number of intervals collected. */
  int size() {
    return size;
  }

  /**
   * The collected intervals sorted and merged where they overlap or touch, each widened by {@code
   * margin} seconds on both sides, as {@code [lo0, hi0, lo1, hi1, ...]}.
   */
  double[] merged(double margin) {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (x, y) -> {
          int c = Double.compare(lo[x], lo[y]);
          return c != 0 ? c : Double.compare(hi[x], hi[y]);
        });
    double[] out = new double[2 * size];
    int n = 0;
    for (Integer i : order) {
      double a = lo[i] - margin;
      double b = hi[i] + margin;
      if (n > 0 && a <= out[2 * n - 1]) {
        out[2 * n - 1] = Math.max(out[2 * n - 1], b);
      } else {
        out[2 * n] = a;
        out[2 * n + 1] = b;
        n++;
      }
    }
    return Arrays.copyOf(out, 2 * n);
  }

  private void window(double from, double until) {
    double a = Math.max(from, -horizon - 1);
    double b = Math.min(until, horizon + 1);
    if (!(b > a)) {
      return;
    }
    if (size == lo.length) {
      lo = Arrays.copyOf(lo, 2 * size);
      hi = Arrays.copyOf(hi, 2 * size);
    }
    lo[size] = a;
    hi[size] = b;
    size++;
  }

  private void movement(Track o) {
    double chord = Math.max(track.separationChord(), o.separationChord()) - TIE_METERS;
    boolean vertical = track.isAirborne() && o.isAirborne();
    for (int j = 0; j < o.pieces(); j++) {
      double tb0 = o.time(j);
      double tb1 = o.time(j + 1);
      boolean boxed = false;
      // Pieces i whose shifted span can meet [tb0, tb1] within the horizon.
      for (int i = track.pieceAt(tb0 - horizon); i < track.pieces(); i++) {
        double ta0 = track.time(i);
        double ta1 = track.time(i + 1);
        if (ta0 >= tb1 + horizon) {
          break;
        }
        if (ta1 <= tb0 - horizon) {
          continue;
        }
        if (vertical && !Track.verticallyClose(track, i, o, j)) {
          continue;
        }
        if (!boxed) {
          SpaceTimeGrid.pieceBox(o, j, chord, oBox);
          boxed = true;
        }
        int b = 6 * i;
        if (oBox[0] > boxes[b + 3]
            || oBox[3] < boxes[b]
            || oBox[1] > boxes[b + 4]
            || oBox[4] < boxes[b + 1]
            || oBox[2] > boxes[b + 5]
            || oBox[5] < boxes[b + 2]) {
          continue;
        }
        piecePair(track, i, o, j, chord);
      }
    }
  }

  /**
   * Adds the shifts at which piece {@code i} of the moved track {@code a}, shifted, comes closer
   * than {@code chord} to piece {@code j} of {@code b}.
   *
   * <p>With {@code x} the time since the start of piece {@code i} and {@code σ = s + ta0 - tb0},
   * the relative position is {@code D = R + W x - VB σ} over {@code 0 <= x <= LA}, {@code 0 <= x +
   * σ <= LB}; the σ-extent of {@code |D| < chord} within that parallelogram is the interval wanted.
   */
  void piecePair(Track a, int i, Track b, int j, double chord) {
    double ta0 = a.time(i);
    double la = a.time(i + 1) - ta0;
    double tb0 = b.time(j);
    double lb = b.time(j + 1) - tb0;
    double[] r = {
      (a.originX() - b.originX()) + (a.dx(i) - b.dx(j)),
      (a.originY() - b.originY()) + (a.dy(i) - b.dy(j)),
      (a.originZ() - b.originZ()) + (a.dz(i) - b.dz(j))
    };
    double[] va = {
      (a.dx(i + 1) - a.dx(i)) / la, (a.dy(i + 1) - a.dy(i)) / la, (a.dz(i + 1) - a.dz(i)) / la
    };
    double[] vb = {
      (b.dx(j + 1) - b.dx(j)) / lb, (b.dy(j + 1) - b.dy(j)) / lb, (b.dz(j + 1) - b.dz(j)) / lb
    };
    double[] w = {va[0] - vb[0], va[1] - vb[1], va[2] - vb[2]};
    double c2 = chord * chord;
    Extent e = new Extent();
    // Vertices (x, σ): (0, 0), (0, LB), (LA, -LA), (LA, LB - LA).
    if (norm2(r, vb, 0) < c2) {
      e.take(0);
    }
    if (norm2(r, vb, -lb) < c2) {
      e.take(lb);
    }
    double[] rEnd = {r[0] + va[0] * la, r[1] + va[1] * la, r[2] + va[2] * la};
    if (norm2(rEnd, vb, 0) < c2) {
      e.take(-la);
    }
    if (norm2(rEnd, vb, -lb) < c2) {
      e.take(lb - la);
    }
    double[] roots = new double[2];
    // Edge x = 0, σ in [0, LB]: |R - VB σ| = chord.
    int n = roots(r, vb, -1, c2, roots);
    for (int k = 0; k < n; k++) {
      e.takeIfWithin(roots[k], 0, lb);
    }
    // Edge x = LA, σ in [-LA, LB - LA]: |R + W LA - VB σ| = chord.
    double[] rw = {r[0] + w[0] * la, r[1] + w[1] * la, r[2] + w[2] * la};
    n = roots(rw, vb, -1, c2, roots);
    for (int k = 0; k < n; k++) {
      e.takeIfWithin(roots[k], -la, lb - la);
    }
    // Edge σ = -x, x in [0, LA]: |R + VA x| = chord.
    n = roots(r, va, 1, c2, roots);
    for (int k = 0; k < n; k++) {
      if (roots[k] >= 0 && roots[k] <= la) {
        e.take(-roots[k]);
      }
    }
    // Edge σ = LB - x, x in [0, LA]: |R - VB LB + VA x| = chord.
    double[] rl = {r[0] - vb[0] * lb, r[1] - vb[1] * lb, r[2] - vb[2] * lb};
    n = roots(rl, va, 1, c2, roots);
    for (int k = 0; k < n; k++) {
      if (roots[k] >= 0 && roots[k] <= la) {
        e.take(lb - roots[k]);
      }
    }
    // Inside: the ellipse's extreme σ, where W·D = 0.
    double ww = dot(w, w);
    if (ww * la * la > 1e-12 * Math.max(dot(r, r), 1)) {
      double wr = dot(w, r) / ww;
      double wv = dot(w, vb) / ww;
      double[] pr = {r[0] - w[0] * wr, r[1] - w[1] * wr, r[2] - w[2] * wr};
      double[] pv = {vb[0] - w[0] * wv, vb[1] - w[1] * wv, vb[2] - w[2] * wv};
      n = roots(pr, pv, -1, c2, roots);
      for (int k = 0; k < n; k++) {
        double sigma = roots[k];
        double x = wv * sigma - wr;
        if (x >= Math.max(0, -sigma) && x <= Math.min(la, lb - sigma)) {
          e.take(sigma);
        }
      }
    }
    if (e.hi > e.lo) {
      window(e.lo - ta0 + tb0, e.hi - ta0 + tb0);
    }
  }

  /** The smallest and largest σ seen. */
  private static final class Extent {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;

    void take(double sigma) {
      lo = Math.min(lo, sigma);
      hi = Math.max(hi, sigma);
    }

    void takeIfWithin(double sigma, double from, double until) {
      if (sigma >= from && sigma <= until) {
        take(sigma);
      }
    }
  }

  /** {@code |p + q t|²}. */
  private static double norm2(double[] p, double[] q, double t) {
    double x = p[0] + q[0] * t;
    double y = p[1] + q[1] * t;
    double z = p[2] + q[2] * t;
    return x * x + y * y + z * z;
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }

  /**
   * The real roots {@code t} of {@code |p + sign·q t|² = c2} into {@code out}; returns their count
   * (0 when the distance does not change with t). Cancellation-free quadratic formula.
   */
  private static int roots(double[] p, double[] q, int sign, double c2, double[] out) {
    double qa = dot(q, q);
    double qb = sign * dot(p, q);
    double qc = dot(p, p) - c2;
    if (qa <= 1e-300) {
      return 0;
    }
    double disc = qb * qb - qa * qc;
    if (disc < 0) {
      return 0;
    }
    double qq = -(qb + Math.copySign(Math.sqrt(disc), qb));
    if (qq == 0) {
      out[0] = 0;
      return 1;
    }
    out[0] = qq / qa;
    out[1] = qc / qq;
    return 2;
  }

  private void site(Site s) {
    SiteShape shape =
        new SiteShape(
            new Site(s.id(), s.party(), s.center(), s.radiusMeters(), Validity.always(), s.band()));
    sink.clear();
    MovementKernel.trackToPoint(
        track,
        shape.center(0),
        shape.center(1),
        shape.center(2),
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        shape.chord() - TIE_METERS,
        sink);
    clipToBand(s.band());
    staticWindows(s.validity());
  }

  private void zone(Zone z) {
    ZoneShape shape =
        new ZoneShape(new Zone(z.id(), z.party(), z.geometry(), Validity.always(), z.band()));
    sink.clear();
    shape.intervals(track, sink);
    clipToBand(z.band());
    staticWindows(z.validity());
  }

  /** The shifts at which a time the track is within the item meets the item's validity. */
  private void staticWindows(Validity validity) {
    sink.mergeTouching(MERGE_GAP_SECONDS);
    double from = Bounds.from(validity);
    double until = Bounds.until(validity);
    for (int k = 0; k < sink.size(); k++) {
      window(from - sink.end(k), until - sink.start(k));
    }
  }

  /**
   * Keeps the parts of the sink's intervals where the track's band overlaps {@code band}, as the
   * detectors do for sites and zones (a band that only touches stays outside).
   */
  private void clipToBand(Band band) {
    Track t = track;
    if (!t.isAirborne() || band.isGround() || sink.size() == 0) {
      return;
    }
    int size = sink.size();
    double[] copy = new double[4 * size];
    for (int k = 0; k < size; k++) {
      copy[4 * k] = sink.start(k);
      copy[4 * k + 1] = sink.end(k);
      copy[4 * k + 2] = sink.minD2(k);
      copy[4 * k + 3] = sink.minTime(k);
    }
    sink.clear();
    for (int p = 0; p < t.pieces(); p++) {
      if (!(Band.gap(t.floor(p), t.ceiling(p), band.floorMeters(), band.ceilingMeters()) < 0)) {
        continue;
      }
      for (int k = 0; k < size; k++) {
        double from = Math.max(copy[4 * k], t.time(p));
        double until = Math.min(copy[4 * k + 1], t.time(p + 1));
        if (until > from) {
          sink.add(from, until, copy[4 * k + 2], Math.max(from, Math.min(until, copy[4 * k + 3])));
        }
      }
    }
  }
}
