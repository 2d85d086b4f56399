package io.deconflict.engine.conflict;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One maximal time interval in which two items of different parties are in conflict.
 *
 * <p>For a movement-movement conflict {@code a} is the smaller id; otherwise {@code a} is the
 * movement. The interval is open: at {@code start} and {@code end} the distance equals the
 * separation (or the movement is on the zone boundary), or the interval is cut by an item's own
 * start, end or validity. Times are rounded to the millisecond.
 *
 * @param kind which kinds of item
 * @param a first item's id
 * @param b second item's id
 * @param partyA party of {@code a}
 * @param partyB party of {@code b}
 * @param start when the conflict begins
 * @param end when it ends
 * @param closest the closest approach, absent for zones
 */
public record Conflict(
    ConflictKind kind,
    String a,
    String b,
    String partyA,
    String partyB,
    Instant start,
    Instant end,
    Optional<ClosestApproach> closest) {

  /** Output order: by start, then a, then b, then end. */
  public static final Comparator<Conflict> ORDER = Conflict::compareInOrder;

  private static int compareInOrder(Conflict x, Conflict y) {
    int c = x.start.compareTo(y.start);
    if (c != 0) {
      return c;
    }
    c = x.a.compareTo(y.a);
    if (c != 0) {
      return c;
    }
    c = x.b.compareTo(y.b);
    if (c != 0) {
      return c;
    }
    c = x.end.compareTo(y.end);
    return c != 0 ? c : x.kind.compareTo(y.kind);
  }

  /** Checks the interval is not empty and the ids differ. */
  public Conflict {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "conflict must start before it ends: " + start + " " + end);
    }
    // The cached hashes first: equal ids have equal hashes, and comparing the ids' bytes of every
    // conflict of an all-pairs search costs a cache miss each.
    if (a.hashCode() == b.hashCode() && a.equals(b)) {
      throw new IllegalArgumentException("an item cannot conflict with itself: " + a);
    }
  }

  /** Whether the item with this id is one of the two sides. */
  public boolean involves(String id) {
    return a.equals(id) || b.equals(id);
  }

  /** The id of the other side. */
  public String other(String id) {
    return a.equals(id) ? b : a;
  }
}
