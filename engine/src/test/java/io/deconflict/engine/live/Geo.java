package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;

/** Geodesic helpers for the tests, all by GeographicLib. */
final class Geo {

  static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

  private Geo() {}

  /** The point {@code distance} metres from {@code from} along {@code azimuth}. */
  static GeoPoint direct(GeoPoint from, double azimuth, double distance) {
    GeodesicData d = Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuth, distance);
    return GeoPoint.of(normalize(d.lon2), d.lat2);
  }

  /** The azimuth at the end of {@link #direct}, degrees in [0, 360). */
  static double directAzimuth(GeoPoint from, double azimuth, double distance) {
    return course(Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuth, distance).azi2);
  }

  /** Geodesic distance, metres. */
  static double distance(GeoPoint a, GeoPoint b) {
    return Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon(), GeodesicMask.DISTANCE).s12;
  }

  /** Initial azimuth from a to b, degrees in [0, 360). */
  static double azimuth(GeoPoint a, GeoPoint b) {
    return course(Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon()).azi1);
  }

  /** A course in [0, 360). */
  static double course(double azimuth) {
    double c = azimuth % 360;
    if (c < 0) {
      c += 360;
    }
    return c >= 360 ? 0 : c;
  }

  static double normalize(double lon) {
    double l = lon;
    while (l > 180) {
      l -= 360;
    }
    while (l < -180) {
      l += 360;
    }
    return l;
  }

  /** A unit moving along a geodesic at constant speed. */
  record Mover(GeodesicLine line, double speed, double offset) {

    static Mover from(GeoPoint start, double azimuth, double speed) {
      return new Mover(Geodesic.WGS84.Line(start.lat(), start.lon(), azimuth), speed, 0);
    }

    /** From {@code start} towards {@code target}. */
    static Mover towards(GeoPoint start, GeoPoint target, double speed) {
      return from(start, azimuth(start, target), speed);
    }

    /** Position after {@code seconds}. */
    GeoPoint at(double seconds) {
      GeodesicData d = line.Position(offset + speed * seconds);
      return GeoPoint.of(normalize(d.lon2), d.lat2);
    }

    /** Course after {@code seconds}. */
    double courseAt(double seconds) {
      return course(line.Position(offset + speed * seconds).azi2);
    }

    /** A report of this mover after {@code seconds} from {@code T0}, with course and speed. */
    PositionReport report(String unit, String party, double seconds) {
      GeoPoint p = at(seconds);
      return PositionReport.of(
          unit,
          party,
          T0.plusMillis(Math.round(seconds * 1000)),
          p.lon(),
          p.lat(),
          courseAt(seconds),
          speed);
    }

    /** A report of this mover after {@code seconds} from {@code T0}, position only. */
    PositionReport bare(String unit, String party, double seconds) {
      GeoPoint p = at(seconds);
      return PositionReport.of(
          unit, party, T0.plusMillis(Math.round(seconds * 1000)), p.lon(), p.lat());
    }
  }

  /** A halted unit's report. */
  static PositionReport halted(String unit, String party, double seconds, GeoPoint p) {
    return PositionReport.of(
        unit, party, T0.plusMillis(Math.round(seconds * 1000)), p.lon(), p.lat(), 0, 0);
  }
}
