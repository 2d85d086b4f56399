package io.deconflict.engine.live;

import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Zone;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;

/**
 * Other parties' zones and sites, by id, in a coarse latitude/longitude grid (cells of about 22 km;
 * each item entered in every cell its bounding box touches) so that a report looks at the items of
 * one cell only.
 *
 * <p>A unit is inside a site while its distance to the centre (chord converted on the mean sphere,
 * as in the detectors) is strictly less than the radius; inside a zone while its position lies in
 * the polygon's interior (the boundary is outside), edges being straight in longitude/latitude as
 * in {@link Zone}; and, for an item with an altitude band (D37), while its reported height is
 * strictly inside the band (a unit that reports no height is on the ground band, every height, and
 * is inside any band).
 *
 * <p>Not thread-safe (the point locators build lazily).
 */
final class StaticItems {

  /** Cell edge, degrees. */
  private static final double CELL_DEG = 0.2;

  /** An item whose box takes more cells than this is checked by every query. */
  private static final int MAX_CELLS = 65_536;

  private static final int COLS = (int) Math.round(360 / CELL_DEG);
  private static final int ROWS = (int) Math.round(180 / CELL_DEG);

  /** A zone or site prepared for point queries. */
  static final class Item {
    final String id;
    final String party;
    final String kind;
    final Access access;
    final Validity validity;
    final @Nullable Zone zone;
    final @Nullable IndexedPointInAreaLocator locator;
    final Envelope box;
    final double cx;
    final double cy;
    final double cz;
    final double chord;
    final long[] cells;
    final Band band;

    private Item(String id, Zone zone, Access access) {
      this.id = id;
      this.party = zone.party();
      this.kind = "zone";
      this.band = zone.band();
      this.access = access;
      this.validity = zone.validity();
      this.zone = zone;
      this.locator = new IndexedPointInAreaLocator(zone.polygon());
      this.box = zone.polygon().getEnvelopeInternal();
      this.cx = 0;
      this.cy = 0;
      this.cz = 0;
      this.chord = 0;
      this.cells = cellsOf(box);
    }

    private Item(Site site) {
      this.id = site.id();
      this.party = site.party();
      this.kind = "site";
      this.band = site.band();
      this.access = Access.NOTICE;
      this.validity = site.validity();
      this.zone = null;
      this.locator = null;
      double[] c = new double[3];
      Wgs84.toEcef(site.center().lon(), site.center().lat(), c, 0);
      this.cx = c[0];
      this.cy = c[1];
      this.cz = c[2];
      this.chord = Wgs84.chordOfArc(site.radiusMeters());
      double gLat = site.radiusMeters() / 110_000 + 1e-6;
      double maxLat = Math.min(89.9, Math.abs(site.center().lat()) + gLat);
      double gLon = site.radiusMeters() / (111_000 * Math.cos(Math.toRadians(maxLat))) + 1e-6;
      this.box =
          new Envelope(
              site.center().lon() - gLon,
              site.center().lon() + gLon,
              site.center().lat() - gLat,
              site.center().lat() + gLat);
      this.cells = cellsOf(box);
    }

    /** The level of a unit of another party inside this item. */
    TacticalLevel level() {
      return access == Access.FORBIDDEN ? TacticalLevel.WARNING : TacticalLevel.ADVISORY;
    }

    /**
     * Whether a unit at height {@code hae} (metres above the ellipsoid; NaN: not reported, the
     * ground band, every height) is within the item's band: always for an item on the ground band.
     */
    boolean atHeight(double hae) {
      return band.isGround()
          || Double.isNaN(hae)
          || Band.gap(hae, hae, band.floorMeters(), band.ceilingMeters()) < 0;
    }

    /** Whether the point (ECEF and lon/lat) is inside. */
    boolean contains(double x, double y, double z, Coordinate lonLat) {
      IndexedPointInAreaLocator l = locator;
      if (l == null) {
        double dx = x - cx;
        double dy = y - cy;
        double dz = z - cz;
        return dx * dx + dy * dy + dz * dz < chord * chord;
      }
      return box.contains(lonLat) && l.locate(lonLat) == Location.INTERIOR;
    }
  }

  private final HashMap<String, Item> byId = new HashMap<>();
  private final Long2ObjectOpenHashMap<ArrayList<Item>> cells = new Long2ObjectOpenHashMap<>();
  private final ArrayList<Item> everywhere = new ArrayList<>();

  /** Stores a zone under {@code id}, replacing any item with that id. */
  void zone(String id, Zone zone, Access access) {
    put(new Item(id, zone, access));
  }

  /** Stores a site, replacing any item with its id. */
  void site(Site site) {
    put(new Item(site));
  }

  private void put(Item item) {
    remove(item.id);
    byId.put(item.id, item);
    if (item.cells.length == 0) {
      everywhere.add(item);
      return;
    }
    for (long key : item.cells) {
      ArrayList<Item> list = cells.get(key);
      if (list == null) {
        list = new ArrayList<>(2);
        cells.put(key, list);
      }
      list.add(item);
    }
  }

  /** Removes the item with {@code id}; returns whether there was one. */
  boolean remove(String id) {
    Item old = byId.remove(id);
    if (old == null) {
      return false;
    }
    if (old.cells.length == 0) {
      everywhere.remove(old);
      return true;
    }
    for (long key : old.cells) {
      ArrayList<Item> list = cells.get(key);
      if (list != null) {
        list.remove(old);
        if (list.isEmpty()) {
          cells.remove(key);
        }
      }
    }
    return true;
  }

  /** Whether there are no items at all. */
  boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The items whose boxes may contain the point, in no particular order; possibly empty. */
  void near(double lon, double lat, List<Item> out) {
    out.clear();
    ArrayList<Item> list = cells.get(key(row(lat), col(lon)));
    if (list != null) {
      out.addAll(list);
    }
    out.addAll(everywhere);
  }

  private static long[] cellsOf(Envelope box) {
    int r0 = row(box.getMinY());
    int r1 = row(box.getMaxY());
    long c0 = (long) Math.floor((box.getMinX() + 180) / CELL_DEG);
    long c1 = (long) Math.floor((box.getMaxX() + 180) / CELL_DEG);
    if (c1 - c0 + 1 >= COLS) {
      c0 = 0;
      c1 = COLS - 1L;
    }
    long count = (r1 - r0 + 1L) * (c1 - c0 + 1);
    if (count > MAX_CELLS) {
      return new long[0];
    }
    long[] keys = new long[(int) count];
    int n = 0;
    for (int r = r0; r <= r1; r++) {
      for (long c = c0; c <= c1; c++) {
        keys[n++] = key(r, (int) Math.floorMod(c, (long) COLS));
      }
    }
    return keys;
  }

  private static int row(double lat) {
    return Math.max(0, Math.min(ROWS - 1, (int) Math.floor((lat + 90) / CELL_DEG)));
  }

  private static int col(double lon) {
    return Math.floorMod((int) Math.floor((lon + 180) / CELL_DEG), COLS);
  }

  private static long key(int row, int col) {
    return ((long) row << 32) | col;
  }
}
