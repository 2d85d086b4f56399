package io.deconflict.engine.detect;

import io.deconflict.engine.cpa.SiteShape;
import io.deconflict.engine.cpa.ZoneShape;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.track.Track;
import java.time.Instant;

/**
 * An item as a detector holds it: its prepared shape, and the sequence number of its insertion
 * (used to visit every pair once).
 */
final class Stored {

  final String id;
  final String party;
  final Object shape;

  /**
   * The participants of a joint movement (D39), or an empty array: the parties other than {@link
   * #party} that the item is, over {@link #joined}.
   */
  final String[] participants;

  /**
   * For participant {@code i}, the seconds since the epoch from which ({@code 2i}) and until which
   * ({@code 2i + 1}) it is part of the movement: the times of its meeting and parting waypoints.
   */
  final double[] joined;

  long seq;
  int slot = -1;

  private Stored(String id, String party, Object shape, String[] participants, double[] joined) {
    this.id = id;
    this.party = party;
    this.shape = shape;
    this.participants = participants;
    this.joined = joined;
  }

  private static final String[] NONE = new String[0];
  private static final double[] NEVER = new double[0];

  /** Prepares an item for detection. */
  static Stored of(Item item) {
    Object shape;
    String[] participants = NONE;
    double[] joined = NEVER;
    if (item instanceof Movement m) {
      shape = Track.of(m);
      if (m.isJoint()) {
        participants = new String[m.participants().size()];
        joined = new double[2 * participants.length];
        for (int i = 0; i < participants.length; i++) {
          Participant p = m.participants().get(i);
          participants[i] = p.party();
          joined[2 * i] = seconds(m.waypoints().get(p.joinAt()).time());
          joined[2 * i + 1] = seconds(m.waypoints().get(p.leaveAt()).time());
        }
      }
    } else if (item instanceof Site s) {
      shape = new SiteShape(s);
    } else {
      shape = new ZoneShape((Zone) item);
    }
    return new Stored(item.id(), item.party(), shape, participants, joined);
  }

  private static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  boolean isTrack() {
    return shape instanceof Track;
  }

  Track track() {
    return (Track) shape;
  }
}
