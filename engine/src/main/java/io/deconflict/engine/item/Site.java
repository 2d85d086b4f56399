package io.deconflict.engine.item;

import io.deconflict.engine.geo.GeoPoint;

/**
 * A static site (a base, a hospital, a crossing) that other parties must keep a radius from while
 * it is valid.
 *
 * @param id unique identifier
 * @param party notifying party
 * @param center the site's position
 * @param radiusMeters the radius to keep, &gt; 0
 * @param validity when the site applies
 * @param band the heights it protects (a protected volume); {@link Band#GROUND}, every height, if
 *     it declares none
 */
public record Site(
    String id, String party, GeoPoint center, double radiusMeters, Validity validity, Band band)
    implements Item {

  /** A site at every height. */
  public Site(String id, String party, GeoPoint center, double radiusMeters, Validity validity) {
    this(id, party, center, radiusMeters, validity, Band.GROUND);
  }

  /** Largest radius a site may have, in metres. */
  public static final double MAX_RADIUS_METERS = 100_000;

  /** Validates the radius. */
  public Site {
    Item.requireName(id, "site id");
    Item.requireName(party, "site party");
    if (!(radiusMeters > 0) || radiusMeters > MAX_RADIUS_METERS) {
      throw new IllegalArgumentException(
          "site "
              + id
              + " radiusMeters must be in (0, "
              + (long) MAX_RADIUS_METERS
              + "], got "
              + radiusMeters);
    }
  }
}
