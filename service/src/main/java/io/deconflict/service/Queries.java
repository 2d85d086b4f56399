package io.deconflict.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.view.AlertView;
import io.deconflict.service.view.TrackView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The read side of the service: everything a transport may ask of the state, each answer already
 * passed through the visibility policy for the viewer. Nothing here changes the state; commands go
 * through {@link Application#submit}. {@link Application#read} runs a query under the read lock.
 *
 * <p>Not thread-safe by itself: call it only inside {@link Application#read}.
 */
public interface Queries {

  /** The parties and members. */
  Directory directory();

  /**
   * Whether an operator revoked the token with this SHA-256 ({@code token.revoke}); a revoked token
   * is refused whatever the configuration says.
   */
  boolean revoked(String tokenSha256);

  /** The earliest alert deadline or live-track check, if any. */
  Optional<Instant> nextDeadline();

  /**
   * What {@code party} shares with the viewer's party of its units' tracks under the agreement in
   * force now (everything with itself; nothing for operators or without an agreement).
   */
  Sharing sharingWith(Member viewer, String party);

  /** The live tracks the viewer may see; stale ones are marked. */
  List<TrackView> trackViews(Member viewer, boolean ownOnly);

  /**
   * The formation groups the viewer's party declared ({@code GET /formations}): {@code id} and
   * {@code units}, by id. Another party's groups are never shown; operators see none.
   */
  List<ObjectNode> formations(Member viewer);

  /** The live tracks the viewer may see as JSON ({@code GET /tracks}). */
  default List<ObjectNode> tracks(Member viewer, boolean ownOnly) {
    return trackViews(viewer, ownOnly).stream().map(TrackView::toJson).toList();
  }

  /** Every agreement's latest version the viewer may read. */
  List<Agreement> agreements(Member viewer);

  /**
   * Every version of one agreement.
   *
   * @throws ServiceException not found if the viewer may not read it
   */
  List<Agreement> agreementVersions(Member viewer, String id);

  /**
   * The current version of a party's item as the viewer may see it.
   *
   * @throws ServiceException not found if it does not exist or is hidden from the viewer
   */
  ObjectNode item(Member viewer, String kind, String party, String id);

  /** The viewer's own items of a kind, then the others' it may see. */
  List<ObjectNode> items(Member viewer, String kind, boolean ownOnly);

  /**
   * One alert as its recipient (or an operator) sees it now.
   *
   * @throws ServiceException not found if the viewer may not see it
   */
  AlertView alertView(Member viewer, String id);

  /**
   * As {@link #alertView}, with its resolution proposals for a member of the recipient (D41):
   * computed on each call from everything stored, so only where they are shown.
   */
  AlertView alertViewWithProposals(Member viewer, String id);

  /**
   * The resolution proposals of one alert for a member of its recipient ({@code GET
   * /alerts/{id}/proposals}), with the shortest hold of its own movement at waypoint {@code holdAt}
   * if asked; empty for an operator, a resolved alert or a live one.
   *
   * @throws ServiceException not found if the viewer may not see the alert; invalid for a bad
   *     {@code holdAt}
   */
  Optional<io.deconflict.service.view.ProposalView> proposals(
      Member viewer, String id, Optional<Integer> holdAt);

  /** As {@link #alertViewWithProposals}, as JSON ({@code GET /alerts/{id}}). */
  default ObjectNode alert(Member viewer, String id) {
    return alertViewWithProposals(viewer, id).toJson();
  }

  /** The alerts the viewer may see, newest first, optionally only those in one state. */
  List<AlertView> alertViews(Member viewer, Optional<String> state, int limit);

  /** As {@link #alertViews}, as JSON ({@code GET /alerts}). */
  default List<ObjectNode> alerts(Member viewer, Optional<String> state, int limit) {
    return alertViews(viewer, state, limit).stream().map(AlertView::toJson).toList();
  }

  /**
   * What accepting a resolution proposal for the viewer's own movement in an alert does (D41): the
   * movement's new version, shifted by {@code by} (later if positive), and the coded reply to the
   * conflict's thread; the caller submits both as the viewer. {@code now} is the caller's clock
   * (the state's own time moves only with commands): the new start must be after it.
   *
   * @throws ServiceException not found if the viewer may not see the alert; forbidden unless an
   *     officer or commander of its recipient; conflict if its side is not a movement that has not
   *     started or the shift leaves it in conflict (naming the shifts that would not)
   */
  io.deconflict.service.proposal.Acceptance acceptance(
      Member viewer, String alert, java.time.Duration by, Instant now);

  /** The hotline threads the viewer may read. */
  List<String> hotlineThreads(Member viewer);

  /** The messages of a hotline thread the viewer may read, rendered in {@code language}. */
  List<ObjectNode> hotlineMessages(Member viewer, String thread, Language language);

  /** The incidents the viewer may read. */
  List<ObjectNode> incidents(Member viewer);

  /**
   * One incident with every version.
   *
   * @throws ServiceException not found if the viewer may not read it
   */
  ObjectNode incident(Member viewer, String id);

  /** The number of stored items (for metrics). */
  int itemCount();

  /**
   * How many alerts are held in memory (for metrics): the others were retired and are read from the
   * journal ({@code retention.keep}).
   */
  int alertsInMemory();

  /** How many units the live tracker holds in memory (for metrics). */
  int unitsInMemory();

  /**
   * How many alerts are open (raised, not yet acknowledged or resolved) at each escalation level,
   * over every party: for the operators' metrics, never for a member's reply.
   */
  SortedMap<Integer, Integer> openAlertsByLevel();
}
