package io.deconflict.engine.detect;

import io.deconflict.engine.cpa.SiteShape;
import io.deconflict.engine.cpa.ZoneShape;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.track.Track;

/**
 * An item as a detector holds it: its prepared shape, and the sequence number of its insertion
 * (used to visit every pair once).
 */
final class Stored {

  final String id;
  final String party;
  final Object shape;
  long seq;
  int slot = -1;

  private Stored(String id, String party, Object shape) {
    this.id = id;
    this.party = party;
    this.shape = shape;
  }

  /** Prepares an item for detection. */
  static Stored of(Item item) {
    Object shape;
    if (item instanceof Movement m) {
      shape = Track.of(m);
    } else if (item instanceof Site s) {
      shape = new SiteShape(s);
    } else {
      shape = new ZoneShape((Zone) item);
    }
    return new Stored(item.id(), item.party(), shape);
  }

  boolean isTrack() {
    return shape instanceof Track;
  }

  Track track() {
    return (Track) shape;
  }
}
