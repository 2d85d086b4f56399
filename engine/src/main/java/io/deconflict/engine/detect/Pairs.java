package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.cpa.IntervalSink;
import io.deconflict.engine.cpa.MovementKernel;
import io.deconflict.engine.cpa.SiteShape;
import io.deconflict.engine.cpa.ZoneShape;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.track.Track;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns the sub-intervals the kernels find for one pair of items into conflicts: merges touching
 * sub-intervals into maximal intervals, drops ties and converts to instants and positions.
 */
final class Pairs {

  /**
   * Approaches that stay within this many metres of the separation are a pass at the separation,
   * not a loss of it.
   */
  static final double TIE_METERS = 1e-3;

  /** Sub-intervals closer than this are one interval, seconds. */
  static final double MERGE_GAP_SECONDS = 1e-6;

  private Pairs() {}

  /** The separation chord that applies between two tracks: the larger of theirs. */
  static double chord(Track a, Track b) {
    return Math.max(a.separationChord(), b.separationChord());
  }

  /** Evaluates any pair of stored items in full and adds their conflicts to {@code out}. */
  static void evaluate(Stored x, Stored y, IntervalSink sink, List<Conflict> out) {
    if (x.party.equals(y.party)) {
      return;
    }
    if (x.isTrack() && y.isTrack()) {
      Stored a = x.id.compareTo(y.id) < 0 ? x : y;
      Stored b = a == x ? y : x;
      sink.clear();
      MovementKernel.tracks(a.track(), b.track(), chord(a.track(), b.track()), sink);
      movements(a, b, sink, out);
    } else if (x.isTrack() || y.isTrack()) {
      Stored m = x.isTrack() ? x : y;
      Stored other = m == x ? y : x;
      sink.clear();
      if (other.shape instanceof SiteShape site) {
        site.intervals(m.track(), sink);
        clipToBand(m.track(), site.site().band(), sink);
        clipShared(m, other, sink);
        site(m, other, sink, out);
      } else {
        ZoneShape zone = (ZoneShape) other.shape;
        zone.intervals(m.track(), sink);
        clipToBand(m.track(), zone.zone().band(), sink);
        clipShared(m, other, sink);
        zone(m, other, sink, out);
      }
    }
  }

  /**
   * Keeps, of the sub-intervals in {@code sink}, the parts where the track's band overlaps a site's
   * or zone's {@code band} (their gap is negative: a band that only touches it stays outside, as a
   * track on a polygon's boundary does). Nothing changes when either is on the ground band. A
   * site's sub-intervals lie within one piece each and bands are constant over a piece, so a site's
   * sub-interval is kept or dropped whole, with its closest approach.
   */
  static void clipToBand(Track t, Band band, IntervalSink sink) {
    if (!t.isAirborne() || band.isGround() || sink.size() == 0) {
      return;
    }
    double[] ranges = new double[2 * t.pieces()];
    int n = 0;
    for (int p = 0; p < t.pieces(); p++) {
      if (Band.gap(t.floor(p), t.ceiling(p), band.floorMeters(), band.ceilingMeters()) < 0) {
        if (n > 0 && ranges[2 * n - 1] == t.time(p)) {
          ranges[2 * n - 1] = t.time(p + 1);
        } else {
          ranges[2 * n] = t.time(p);
          ranges[2 * n + 1] = t.time(p + 1);
          n++;
        }
      }
    }
    int size = sink.size();
    double[] copy = drain(sink);
    for (int i = 0; i < size; i++) {
      for (int r = 0; r < n; r++) {
        double from = Math.max(copy[4 * i], ranges[2 * r]);
        double until = Math.min(copy[4 * i + 1], ranges[2 * r + 1]);
        if (until > from) {
          sink.add(from, until, copy[4 * i + 2], Math.max(from, Math.min(until, copy[4 * i + 3])));
        }
      }
    }
  }

  /**
   * Removes from the sub-intervals in {@code sink} the times when the two items share a party
   * (D39): when one is a joint movement with the other's party among its participants, over that
   * participant's legs, or both are joint movements with a participant in common, over the legs
   * both have it. Items of different lead parties without participants (every item but a joint
   * movement) pass untouched, at the cost of one test. A sub-interval cut short keeps its closest
   * approach clamped into what is left (on one piece the distance grows away from its minimum).
   */
  static void clipShared(Stored x, Stored y, IntervalSink sink) {
    if ((x.participants.length == 0 && y.participants.length == 0) || sink.size() == 0) {
      return;
    }
    double[] shared = new double[2 * (x.participants.length + y.participants.length)];
    int n = 0;
    for (int i = 0; i < x.participants.length; i++) {
      String p = x.participants[i];
      double from = x.joined[2 * i];
      double until = x.joined[2 * i + 1];
      if (p.equals(y.party)) {
        shared[2 * n] = from;
        shared[2 * n + 1] = until;
        n++;
        continue;
      }
      for (int j = 0; j < y.participants.length; j++) {
        if (p.equals(y.participants[j])) {
          double f = Math.max(from, y.joined[2 * j]);
          double u = Math.min(until, y.joined[2 * j + 1]);
          if (u > f) {
            shared[2 * n] = f;
            shared[2 * n + 1] = u;
            n++;
          }
        }
      }
    }
    for (int j = 0; j < y.participants.length; j++) {
      if (y.participants[j].equals(x.party)) {
        shared[2 * n] = y.joined[2 * j];
        shared[2 * n + 1] = y.joined[2 * j + 1];
        n++;
      }
    }
    if (n == 0) {
      return;
    }
    int size = sink.size();
    double[] copy = drain(sink);
    for (int i = 0; i < size; i++) {
      keepOutside(copy[4 * i], copy[4 * i + 1], shared, n, 0, copy, 4 * i, sink);
    }
  }

  /**
   * Adds to {@code sink} the parts of {@code [from, until)} outside the shared ranges {@code r..n}
   * of {@code shared}, each with the closest approach of sub-interval {@code c} clamped into it.
   */
  private static void keepOutside(
      double from,
      double until,
      double[] shared,
      int n,
      int r,
      double[] copy,
      int c,
      IntervalSink sink) {
    if (until <= from) {
      return;
    }
    if (r == n) {
      sink.add(from, until, copy[c + 2], Math.max(from, Math.min(until, copy[c + 3])));
      return;
    }
    double s = shared[2 * r];
    double e = shared[2 * r + 1];
    if (e <= from || s >= until) {
      keepOutside(from, until, shared, n, r + 1, copy, c, sink);
      return;
    }
    keepOutside(from, Math.min(until, s), shared, n, r + 1, copy, c, sink);
    keepOutside(Math.max(from, e), until, shared, n, r + 1, copy, c, sink);
  }

  /**
   * Empties {@code sink} into an array of its sub-intervals' start, end, squared closest distance
   * and closest time, four values each, for a clip that adds back what it keeps.
   */
  private static double[] drain(IntervalSink sink) {
    int size = sink.size();
    double[] copy = new double[4 * size];
    for (int i = 0; i < size; i++) {
      copy[4 * i] = sink.start(i);
      copy[4 * i + 1] = sink.end(i);
      copy[4 * i + 2] = sink.minD2(i);
      copy[4 * i + 3] = sink.minTime(i);
    }
    sink.clear();
    return copy;
  }

  /** Converts the sub-intervals of two tracks ({@code a} has the smaller id) into conflicts. */
  static void movements(Stored a, Stored b, IntervalSink sink, List<Conflict> out) {
    clipShared(a, b, sink);
    keepLosses(chord(a.track(), b.track()), sink);
    for (int i = 0; i < sink.size(); i++) {
      out.add(movement(a, b, sink.start(i), sink.end(i), sink.minTime(i)));
    }
  }

  /**
   * Merges the sub-intervals of two tracks and keeps those that become conflicts: a real loss of
   * separation (not a pass at it) over at least one millisecond after rounding.
   */
  static void keepLosses(double chord, IntervalSink sink) {
    sink.mergeTouching(MERGE_GAP_SECONDS);
    sink.retain(
        i ->
            Math.sqrt(sink.minD2(i)) <= chord - TIE_METERS
                && Math.round(sink.start(i) * 1000) < Math.round(sink.end(i) * 1000));
  }

  /**
   * The conflict of two tracks ({@code a} has the smaller id) over {@code [start, end)} seconds
   * with its closest approach at {@code t}; the interval must be kept by {@link #keepLosses}.
   */
  static Conflict movement(Stored a, Stored b, double start, double end, double t) {
    double[] v = new double[CLOSEST_VALUES];
    closest(t, a.track(), b.track(), v, 0);
    return movement(a, b, start, end, t, v, 0);
  }

  /**
   * As {@link #movement(Stored, Stored, double, double, double)}, with the closest approach's
   * values from {@link #closest(double, Track, Track, double[], int)} at {@code v[at..]}.
   */
  static Conflict movement(
      Stored a, Stored b, double start, double end, double t, double[] v, int at) {
    return new Conflict(
        ConflictKind.MOVEMENT_MOVEMENT,
        a.id,
        b.id,
        a.party,
        b.party,
        instant(start),
        instant(end),
        Optional.of(
            new ClosestApproach(
                instant(t),
                v[at],
                GeoPoint.of(v[at + 1], v[at + 2]),
                GeoPoint.of(v[at + 3], v[at + 4]))));
  }

  /** Values {@link #closest(double, Track, Track, double[], int)} writes. */
  static final int CLOSEST_VALUES = 5;

  /**
   * The closest approach of two tracks at time {@code t} as values: the distance, then longitude
   * and latitude of {@code a}, then of {@code b}, at {@code v[at..at+4]}. The distance is measured
   * between the points on the ellipsoid below the chord points the kernel used, not between those:
   * a chord sags up to 2 m below the surface mid-piece, which is negligible at the separation but
   * not when two tracks pass over the same point.
   */
  static void closest(double t, Track a, Track b, double[] v, int at) {
    double[] p = new double[9];
    a.positionAt(t, p);
    GeoPoint ga = Wgs84.toGeo(p[0], p[1], p[2], p, 3);
    b.positionAt(t, p);
    GeoPoint gb = Wgs84.toGeo(p[0], p[1], p[2], p, 6);
    v[at] = surfaceArc(p);
    v[at + 1] = ga.lon();
    v[at + 2] = ga.lat();
    v[at + 3] = gb.lon();
    v[at + 4] = gb.lat();
  }

  /** Converts the sub-intervals of a track and a site into conflicts. */
  static void site(Stored m, Stored s, IntervalSink sink, List<Conflict> out) {
    SiteShape site = (SiteShape) s.shape;
    sink.mergeTouching(MERGE_GAP_SECONDS);
    for (int i = 0; i < sink.size(); i++) {
      double d = Math.sqrt(sink.minD2(i));
      if (d > site.chord() - TIE_METERS) {
        continue;
      }
      double t = sink.minTime(i);
      add(
          ConflictKind.MOVEMENT_SITE,
          m,
          s,
          sink.start(i),
          sink.end(i),
          Optional.of(closest(t, m.track(), site.site().center())),
          out);
    }
  }

  /** Converts the sub-intervals of a track inside a zone into conflicts. */
  static void zone(Stored m, Stored z, IntervalSink sink, List<Conflict> out) {
    sink.mergeTouching(MERGE_GAP_SECONDS);
    for (int i = 0; i < sink.size(); i++) {
      add(ConflictKind.MOVEMENT_ZONE, m, z, sink.start(i), sink.end(i), Optional.empty(), out);
    }
  }

  /** The closest approach at time {@code t} of a track and a site's centre. */
  private static ClosestApproach closest(double t, Track a, GeoPoint site) {
    double[] p = new double[9];
    a.positionAt(t, p);
    GeoPoint ga = Wgs84.toGeo(p[0], p[1], p[2], p, 3);
    Wgs84.toEcef(site.lon(), site.lat(), p, 6);
    return new ClosestApproach(instant(t), surfaceArc(p), ga, site);
  }

  /** The geodesic length between the surface points in {@code p[3..5]} and {@code p[6..8]}. */
  private static double surfaceArc(double[] p) {
    return Wgs84.arcOfChord(Math.sqrt(sq(p[3] - p[6]) + sq(p[4] - p[7]) + sq(p[5] - p[8])));
  }

  private static double sq(double v) {
    return v * v;
  }

  private static void add(
      ConflictKind kind,
      Stored a,
      Stored b,
      double start,
      double end,
      Optional<ClosestApproach> closest,
      List<Conflict> out) {
    Instant from = instant(start);
    Instant until = instant(end);
    if (!from.isBefore(until)) {
      return;
    }
    out.add(new Conflict(kind, a.id, b.id, a.party, b.party, from, until, closest));
  }

  /** Seconds since the epoch as an instant, rounded to the millisecond. */
  static Instant instant(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }
}
