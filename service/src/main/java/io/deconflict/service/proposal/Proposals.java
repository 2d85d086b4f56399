package io.deconflict.service.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.resolve.Resolver;
import io.deconflict.engine.resolve.Shifts;
import io.deconflict.service.ServiceException;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.AlertState;
import io.deconflict.service.alert.Subject;
import io.deconflict.service.notification.Notified;
import io.deconflict.service.view.ProposalView;
import io.deconflict.service.visibility.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The resolution proposals of the service's alerts (D41): the engine's {@link Resolver} on the
 * detector's items, shown to an alert's recipient as the visibility policy lets it see the other
 * side, and the check a proposal must pass when it is posted or accepted.
 *
 * <p>A shift is offered only for a movement that has not started, and an advance only if the new
 * start is still after the state's time. Proposals are computed when asked for (they depend on
 * everything stored, so they are never journaled nor kept). Deterministic: the same state gives the
 * same proposals.
 *
 * <p>Thread-safety: called under the state's lock, from the writer or from readers, and readers run
 * together under the read lock; the detector's index keeps scratch state for its queries, so the
 * methods that query it are synchronized (readers' proposals run one at a time; the writer, which
 * holds the write lock, never meets a reader here).
 */
public final class Proposals {

  /** The search horizon: a day either way. */
  public static final Duration HORIZON = Resolver.HORIZON;

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static final Set<String> STRATEGIC =
      Set.of(
          ConflictKind.MOVEMENT_MOVEMENT.wireName(),
          ConflictKind.MOVEMENT_SITE.wireName(),
          ConflictKind.MOVEMENT_ZONE.wireName());

  private final Detector detector;
  private final Function<String, Optional<Item>> items;

  /**
   * Proposals over a detector's items.
   *
   * @param items the current item with an engine id ({@code party/id}), if any
   */
  public Proposals(Detector detector, Function<String, Optional<Item>> items) {
    this.detector = detector;
    this.items = items;
  }

  /**
   * The proposals of an alert as its recipient sees them at {@code now}: for its own movement, and
   * for the other party's if that party shares at least its conflicts ({@code shown.party()}),
   * named only if it shares its items ({@code shown.item()}); empty for a resolved alert, a live
   * one, or one whose items changed since.
   */
  public Optional<ProposalView> of(Alert alert, Visibility.AlertView shown, Instant now) {
    return of(alert, shown, now, Optional.empty());
  }

  /**
   * As {@link #of(Alert, Visibility.AlertView, Instant)}, with the shortest hold of the recipient's
   * own movement at waypoint {@code holdAt}, if asked.
   *
   * @throws ServiceException invalid (naming {@code holdAt}) if the recipient's side is not a
   *     movement or has no such waypoint to hold at
   */
  public synchronized Optional<ProposalView> of(
      Alert alert, Visibility.AlertView shown, Instant now, Optional<Integer> holdAt) {
    Subject s = alert.subject();
    if (!STRATEGIC.contains(s.kind()) || alert.state() == AlertState.RESOLVED) {
      return Optional.empty();
    }
    String ownId = Notified.engineId(alert.recipient(), alert.ownItem());
    String otherId = s.a().equals(ownId) ? s.b() : s.a();
    Optional<Item> own = items.apply(ownId);
    Optional<Item> other = items.apply(otherId);
    if (own.isEmpty() || other.isEmpty() || alert.otherParty().equals(alert.recipient())) {
      return Optional.empty();
    }
    Optional<ProposalView.Side> yours =
        own.get() instanceof Movement m
            ? Optional.of(side(m, Optional.of(alert.ownItem()), now))
            : Optional.empty();
    Optional<ProposalView.Side> theirs =
        shown.party() && other.get() instanceof Movement m
            ? Optional.of(
                side(m, shown.item() ? Optional.of(alert.otherItem()) : Optional.empty(), now))
            : Optional.empty();
    Optional<ProposalView.Hold> hold = Optional.empty();
    if (holdAt.isPresent()) {
      int k = holdAt.get();
      if (!(own.get() instanceof Movement m) || k < 0 || k > m.waypoints().size() - 2) {
        throw ServiceException.invalid(
            "holdAt",
            "query parameter holdAt must name a waypoint of your movement "
                + alert.ownItem()
                + " from 0 to the last but one"
                + (own.get() instanceof Movement m2 ? " (" + (m2.waypoints().size() - 2) + ")" : "")
                + ", got "
                + k);
      }
      if (m.waypoints().get(k).time().isAfter(now)) {
        hold =
            Optional.of(
                new ProposalView.Hold(
                    k,
                    Resolver.hold(m, k, detector, items, HORIZON, Duration.ofSeconds(1)),
                    Resolver.hold(m, k, detector, items, HORIZON, MINUTE)
                        .map(Proposals::wholeMinutes)));
      }
    }
    return Optional.of(new ProposalView(HORIZON, yours, theirs, hold));
  }

  private ProposalView.Side side(Movement m, Optional<String> label, Instant now) {
    if (!m.start().isAfter(now)) {
      return ProposalView.Side.unavailable(label, "the movement started at " + m.start());
    }
    List<Shifts> both =
        Resolver.shifts(m, detector, items, HORIZON, List.of(Duration.ofSeconds(1), MINUTE));
    Shifts exact = both.get(0);
    Shifts minutes = both.get(1);
    return new ProposalView.Side(
        label,
        exact.delay(),
        exact.advance().filter(a -> m.start().minus(a).isAfter(now)),
        minutes.delay().map(Proposals::wholeMinutes),
        minutes.advance().filter(a -> m.start().minus(a).isAfter(now)).map(Proposals::wholeMinutes),
        Optional.empty());
  }

  private static int wholeMinutes(Duration d) {
    return Math.toIntExact(d.toMinutes());
  }

  /**
   * Checks that the movement with engine id {@code engineId}, shifted by {@code by} (later if
   * positive), is a movement that has not started, starts after {@code now} and conflicts with
   * nothing stored.
   *
   * @param what how the refusal names the shift, such as {@code "a delay of 5 minutes"}
   * @throws ServiceException conflict naming what is wrong and, if the shift leaves a conflict, the
   *     smallest whole-minute shifts that would not
   */
  public synchronized Movement requireClears(
      String engineId, Duration by, Instant now, String what) {
    Item item =
        items
            .apply(engineId)
            .orElseThrow(
                () ->
                    ServiceException.conflict(
                        "item " + Notified.clientId(engineId) + " is no longer notified"));
    if (!(item instanceof Movement m)) {
      throw ServiceException.conflict(
          Notified.clientId(engineId) + " is not a movement; only a movement's start is shifted");
    }
    if (!m.start().isAfter(now)) {
      throw ServiceException.conflict(
          "movement "
              + Notified.clientId(engineId)
              + " started at "
              + m.start()
              + "; a proposal shifts a movement that has not started");
    }
    if (!m.start().plus(by).isAfter(now)) {
      throw ServiceException.conflict(
          what
              + " would start movement "
              + Notified.clientId(engineId)
              + " before now ("
              + now
              + ")");
    }
    int left = Resolver.conflictsShifted(m, by, detector, items).size();
    if (left > 0) {
      Shifts s = Resolver.shifts(m, detector, items, HORIZON, MINUTE);
      throw ServiceException.conflict(
          what
              + " leaves movement "
              + Notified.clientId(engineId)
              + " in "
              + left
              + (left == 1 ? " conflict" : " conflicts")
              + "; the smallest whole-minute shifts that clear it are: delay "
              + s.delay().map(d -> d.toMinutes() + " min").orElse("none within " + HORIZON)
              + ", advance "
              + s.advance().map(d -> d.toMinutes() + " min").orElse("none within " + HORIZON));
    }
    return m;
  }

  /**
   * The feature of a movement's new version shifted by {@code by}: every {@code properties.times}
   * entry moved, all else as notified.
   */
  public static ObjectNode shiftedFeature(ObjectNode feature, Duration by) {
    ObjectNode out = feature.deepCopy();
    JsonNode times = out.path("properties").path("times");
    if (!times.isArray()) {
      throw new IllegalStateException("a notified movement has properties.times: " + feature);
    }
    ArrayNode shifted = ((ObjectNode) out.get("properties")).putArray("times");
    for (JsonNode t : times) {
      shifted.add(Instant.parse(t.asText()).plus(by).toString());
    }
    return out;
  }

  /** Whether a conflict's kind is strategic (between notified items). */
  public static boolean strategic(Conflict c) {
    return STRATEGIC.contains(c.kind().wireName());
  }
}
