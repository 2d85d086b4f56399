package io.deconflict.engine.cpa;

import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.track.Track;

/**
 * A site prepared for detection: its centre in ECEF, its radius as a chord, its validity in
 * seconds.
 *
 * <p>Immutable.
 */
public final class SiteShape {

  private final Site site;
  private final double[] center = new double[3];
  private final double chord;
  private final double from;
  private final double until;

  /** Prepares a site. */
  public SiteShape(Site site) {
    this.site = site;
    Wgs84.toEcef(site.center().lon(), site.center().lat(), center, 0);
    this.chord = Wgs84.chordOfArc(site.radiusMeters());
    this.from = Bounds.from(site.validity());
    this.until = Bounds.until(site.validity());
  }

  /** The site. */
  public Site site() {
    return site;
  }

  /** The radius as a chord, metres. */
  public double chord() {
    return chord;
  }

  /** Start of validity, seconds (may be negative infinity). */
  public double from() {
    return from;
  }

  /** End of validity, seconds (may be positive infinity). */
  public double until() {
    return until;
  }

  /** ECEF x, y or z of the centre. */
  public double center(int axis) {
    return center[axis];
  }

  /** Adds to {@code out} every sub-interval in which the track is within the radius. */
  public void intervals(Track track, IntervalSink out) {
    MovementKernel.trackToPoint(track, center[0], center[1], center[2], from, until, chord, out);
  }
}
