package io.deconflict.service.visibility;

import io.deconflict.service.agreement.AgreementsInForce;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.party.Member;
import java.time.Instant;
import java.util.Collection;

/**
 * The visibility policy: how much a party's things another party is told, mirroring the table "Who
 * sees what" of {@code docs/api.md}. A party sees everything of its own; of another party what the
 * {@code sharing} level the <em>other</em> party has in the agreement in force lets it share;
 * without an agreement, nothing of items, tracks and late notices, and {@code conflicts} in alerts.
 * Operators see no items and no tracks; they read alerts and late notices as their recipients are
 * told of them.
 *
 * <p>The instant at which the agreement is taken is the caller's: the newest accepted command for
 * items and tracks, the notification for a late notice, the raising of the alert for an alert and
 * its events.
 *
 * <p>Cheap (one agreement look-up per call); thread-safe if the agreements it reads are.
 */
public final class Visibility {

  /** The kinds of thing the table has a column for. */
  public enum Of {
    /** A notified movement, site or zone. */
    ITEM,
    /** An alert about a conflict with the other party, and its events. */
    ALERT,
    /** A {@code notice.late} fact about the other party's movement. */
    LATE_NOTICE,
    /** A live track of the other party's unit (and its non-conformance). */
    TRACK
  }

  /** How much of an item a viewer sees. */
  public enum ItemView {
    /** Not visible: {@code 404}, left out of lists. */
    HIDDEN,
    /** Geometry, times, radius, validity, kind and party; no other property. */
    OUTLINE,
    /** The whole feature as notified. */
    WHOLE
  }

  /**
   * What an alert about a conflict with the other party tells its recipient of that party.
   *
   * @param party {@code other.party}, and the party's name (and note) in {@code alert.counterpart}
   * @param closestPosition {@code closest.other}, the other's position at closest approach
   * @param item {@code other.item}, the other's item id
   * @param livePosition {@code live.otherPosition}, the other unit's position now
   */
  public record AlertView(
      boolean party, boolean closestPosition, boolean item, boolean livePosition) {}

  /**
   * What a {@code notice.late} fact tells another party of the late party.
   *
   * @param party the late party's id
   * @param item the late movement's id
   */
  public record LateNoticeView(boolean party, boolean item) {}

  private final AgreementsInForce agreements;

  /** A policy over these agreements. */
  public Visibility(AgreementsInForce agreements) {
    this.agreements = agreements;
  }

  /** The level assumed between two parties without an agreement in force. */
  public static Sharing withoutAgreement(Of what) {
    return what == Of.ALERT ? Sharing.CONFLICTS : Sharing.NOTHING;
  }

  /**
   * What {@code owner} shares with party {@code viewerParty} of a kind of thing under the agreement
   * in force at {@code at}: everything with itself, else the owner's level in that agreement, else
   * {@link #withoutAgreement}.
   */
  public Sharing sharing(String viewerParty, String owner, Of what, Instant at) {
    if (viewerParty.equals(owner)) {
      return Sharing.EVERYTHING;
    }
    return agreements
        .between(viewerParty, owner, at)
        .map(a -> a.sharingOf(owner))
        .orElse(withoutAgreement(what));
  }

  /**
   * As {@link #sharing(String, String, Of, Instant)} for a member: operators are shared nothing of
   * items and tracks (they read alerts and late notices as their recipients).
   */
  public Sharing sharing(Member viewer, String owner, Of what, Instant at) {
    if (viewer.isOperator() && (what == Of.ITEM || what == Of.TRACK)) {
      return Sharing.NOTHING;
    }
    return sharing(viewer.party(), owner, what, at);
  }

  /**
   * What a joint movement (D39) of {@code lead} with {@code participants} shares with {@code
   * viewer}: everything with the lead's and each participant's members (operators as {@link
   * #sharing(Member, String, Of, Instant)}); with anyone else the most restrictive of what the lead
   * and each participant share with the viewer's party, for the movement tells where each of them
   * is.
   */
  public Sharing sharingOfJoint(
      Member viewer, String lead, Collection<String> participants, Of what, Instant at) {
    if (!viewer.isOperator()
        && (viewer.party().equals(lead) || participants.contains(viewer.party()))) {
      return Sharing.EVERYTHING;
    }
    Sharing least = sharing(viewer, lead, what, at);
    for (String p : participants) {
      Sharing s = sharing(viewer, p, what, at);
      if (s.compareTo(least) < 0) {
        least = s;
      }
    }
    return least;
  }

  /** How much of an item shared at {@code level} is seen. */
  public static ItemView item(Sharing level) {
    return switch (level) {
      case NOTHING, CONFLICTS -> ItemView.HIDDEN;
      case POSITIONS -> ItemView.OUTLINE;
      case EVERYTHING -> ItemView.WHOLE;
    };
  }

  /** What an alert tells of the other party when it shares {@code level}. */
  public static AlertView alert(Sharing level) {
    return new AlertView(
        level.atLeast(Sharing.CONFLICTS),
        level.atLeast(Sharing.CONFLICTS),
        level.atLeast(Sharing.POSITIONS),
        level.atLeast(Sharing.POSITIONS));
  }

  /** What a late notice tells of the late party when it shares {@code level}. */
  public static LateNoticeView lateNotice(Sharing level) {
    return new LateNoticeView(level.atLeast(Sharing.CONFLICTS), level.atLeast(Sharing.POSITIONS));
  }

  /**
   * Whether a unit's track (and its leaving its plan) is seen when its party shares {@code level}.
   */
  public static boolean track(Sharing level) {
    return level.atLeast(Sharing.POSITIONS);
  }
}
