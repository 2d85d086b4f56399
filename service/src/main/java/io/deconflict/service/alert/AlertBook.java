package io.deconflict.service.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.AgreementsInForce;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The alerts and their lifecycle: raising one alert per side of a conflict, the {@link
 * EscalationLadder} and its deadlines, acknowledgement with read-back, marking deconflicted and
 * resolving. Works on plain instants; what is told to whom (facts, JSON views) is the caller's.
 *
 * <p>The ladder of an alert comes from the agreement in force between its two parties when it was
 * raised, else from the defaults. Ids are {@code al-N} and {@code cf-N}, counted from 1 in raise
 * order, so the same calls always give the same ids.
 *
 * <p>Not thread-safe; owned by the state machine, whose dispatch alone calls the mutators.
 */
public final class AlertBook {

  /** Read-back tolerance in time: the stated window may differ by up to this much. */
  public static final Duration READ_BACK_TIME_TOLERANCE = Duration.ofMinutes(1);

  /** Read-back tolerance in place: the stated location may be this far from the alert's. */
  public static final double READ_BACK_DISTANCE_METERS = 1000;

  /**
   * One side of a subject, as its recipient party is told of it.
   *
   * @param recipient the party told
   * @param otherParty the other party ({@code recipient} itself for a one-sided subject)
   * @param ownItem the recipient's item or unit
   * @param otherItem the other side's item or unit, or empty
   * @param location where the recipient must look
   * @param live the live situation as this side may see it, for live subjects
   */
  public record Side(
      String recipient,
      String otherParty,
      String ownItem,
      String otherItem,
      GeoPoint location,
      @Nullable ObjectNode live) {}

  /**
   * A read-back: the conflict's window and place as the acknowledging member understood them.
   *
   * @param start the conflict's start
   * @param end the conflict's end
   * @param place the alert's location
   */
  public record ReadBack(Instant start, Instant end, GeoPoint place) {}

  /**
   * A read-back that does not match the alert.
   *
   * @param pointer the JSON pointer of the wrong field, e.g. {@code /readBack/start}
   * @param message what was wrong, quoting it
   */
  public record Mismatch(String pointer, String message) {}

  /**
   * An alert's step up the ladder, taken at a passed deadline.
   *
   * @param alert the alert, already moved
   * @param missedDeadline the deadline that passed
   * @param step where it is now
   */
  public record Escalation(Alert alert, Instant missedDeadline, EscalationLadder.Step step) {}

  private final AgreementsInForce agreements;
  private final EscalationLadder defaults;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, List<Alert>> byConflict = new HashMap<>();
  private final TreeSet<Deadline> deadlines = new TreeSet<>();

  /** Conflicts whose alerts are all resolved, in the order they were (so by time). */
  private final ArrayDeque<Over> over = new ArrayDeque<>();

  private long nextAlert = 1;
  private long nextConflict = 1;

  /**
   * An empty book.
   *
   * @param agreements where each alert's ladder comes from
   * @param defaults the ladder without an agreement
   */
  public AlertBook(AgreementsInForce agreements, EscalationLadder defaults) {
    this.agreements = agreements;
    this.defaults = defaults;
  }

  /** The ladder between two parties at an instant. */
  public EscalationLadder ladder(String recipient, String otherParty, Instant at) {
    return agreements
        .between(recipient, otherParty, at)
        .map(a -> new EscalationLadder(a.acknowledgeWithin(), a.escalation()))
        .orElse(defaults);
  }

  /** Raises one alert per side under a new conflict id, at level 1; returns them in side order. */
  public List<Alert> raise(Subject subject, List<Side> sides, Instant now) {
    String conflictId = "cf-" + nextConflict++;
    List<Alert> raised = new ArrayList<>(sides.size());
    for (Side side : sides) {
      Optional<Agreement> ag = agreements.between(side.recipient(), side.otherParty(), now);
      Duration ackWithin =
          ag.map(Agreement::acknowledgeWithin).orElse(defaults.acknowledgeWithin());
      Alert alert =
          new Alert(
              "al-" + nextAlert++,
              conflictId,
              side.recipient(),
              side.otherParty(),
              side.ownItem(),
              side.otherItem(),
              subject,
              side.location(),
              now,
              now.plus(ackWithin),
              ag.map(Agreement::suspended).orElse(false));
      ObjectNode live = side.live();
      if (live != null) {
        alert.live(live);
      }
      alerts.put(alert.id(), alert);
      raised.add(alert);
      addDeadline(alert);
    }
    byConflict.put(conflictId, raised);
    return Collections.unmodifiableList(raised);
  }

  /**
   * Writes every alert in the order raised, which alerts belong to which conflict, and the id
   * counters. The deadlines are the alerts' own and are not written.
   */
  public void writeTo(StateOut out) {
    out.int64(nextAlert).int64(nextConflict).int32(alerts.size());
    for (Alert alert : alerts.values()) {
      alert.writeTo(out);
    }
    List<Map.Entry<String, List<Alert>>> conflicts = new ArrayList<>(byConflict.entrySet());
    conflicts.sort(
        Comparator.comparingLong((Map.Entry<String, List<Alert>> e) -> conflictNumber(e.getKey()))
            .thenComparing(Map.Entry::getKey));
    out.int32(conflicts.size());
    for (Map.Entry<String, List<Alert>> e : conflicts) {
      out.text(e.getKey()).int32(e.getValue().size());
      e.getValue().forEach(a -> out.text(a.id()));
    }
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty book.
   *
   * @throws MalformedStateException if it is not what {@link #writeTo} writes
   */
  public void readFrom(StateIn in) {
    nextAlert = in.int64();
    nextConflict = in.int64();
    int n = in.count();
    for (int i = 0; i < n; i++) {
      Alert alert = Alert.readFrom(in);
      if (!alert.id().matches("al-[0-9]{1,18}")) {
        throw in.malformed("an alert id is " + alert.id());
      }
      alerts.put(alert.id(), alert);
      addDeadline(alert);
    }
    int conflicts = in.count();
    for (int i = 0; i < conflicts; i++) {
      String conflictId = in.text();
      int size = in.count();
      List<Alert> list = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        String id = in.text();
        Alert alert = alerts.get(id);
        if (alert == null) {
          throw in.malformed("conflict " + conflictId + " names an unknown alert " + id);
        }
        list.add(alert);
      }
      byConflict.put(conflictId, list);
    }
    List<Over> done = new ArrayList<>();
    for (Map.Entry<String, List<Alert>> e : byConflict.entrySet()) {
      overAt(e.getValue()).ifPresent(at -> done.add(new Over(e.getKey(), at)));
    }
    done.sort(
        Comparator.comparing(Over::at).thenComparingLong(o -> conflictNumber(o.conflictId())));
    over.addAll(done);
  }

  /** A conflict whose alerts are all resolved, and when the last of them was. */
  private record Over(String conflictId, Instant at) {}

  /** When the last of these alerts was resolved, if they all are. */
  private static Optional<Instant> overAt(List<Alert> alerts) {
    Instant last = null;
    for (Alert a : alerts) {
      Optional<Instant> at = a.resolvedAt();
      if (a.state() != AlertState.RESOLVED || at.isEmpty()) {
        return Optional.empty();
      }
      last = last == null || at.get().isAfter(last) ? at.get() : last;
    }
    return Optional.ofNullable(last);
  }

  /**
   * Removes the conflicts whose alerts were all resolved at or before {@code cutoff}, with their
   * alerts, and returns them by conflict number: the caller journals them ({@link
   * ArchivedConflict}) and reads them from there afterwards. Cost: O(1) when none is due, else
   * O(conflicts removed).
   */
  public List<ArchivedConflict> retire(Instant cutoff) {
    if (over.isEmpty() || over.peekFirst().at().isAfter(cutoff)) {
      return List.of();
    }
    List<ArchivedConflict> out = new ArrayList<>();
    while (!over.isEmpty() && !over.peekFirst().at().isAfter(cutoff)) {
      Over o = over.pollFirst();
      List<Alert> list = byConflict.remove(o.conflictId());
      if (list == null) {
        continue;
      }
      list.forEach(a -> alerts.remove(a.id()));
      out.add(new ArchivedConflict(o.conflictId(), o.at(), list));
    }
    out.sort(Comparator.comparingLong(a -> conflictNumber(a.conflictId())));
    return out;
  }

  /** How many alerts are in memory (for metrics and tests). */
  public int size() {
    return alerts.size();
  }

  /** The number the next alert raised gets: alerts below it exist, in memory or archived. */
  public long nextAlertNumber() {
    return nextAlert;
  }

  /** The number the next conflict gets. */
  public long nextConflictNumber() {
    return nextConflict;
  }

  private static long conflictNumber(String conflictId) {
    try {
      return Long.parseLong(conflictId.substring(conflictId.indexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The alert with this id. */
  public Optional<Alert> alert(String id) {
    return Optional.ofNullable(alerts.get(id));
  }

  /** Every alert, in raise order. */
  public Collection<Alert> all() {
    return Collections.unmodifiableCollection(alerts.values());
  }

  /** The alerts raised under a conflict id, in side order. */
  public List<Alert> ofConflict(String conflictId) {
    return Collections.unmodifiableList(byConflict.getOrDefault(conflictId, List.of()));
  }

  /** The parties of a conflict (its alerts' recipients), if the conflict exists or existed. */
  public Optional<Set<String>> parties(String conflictId) {
    List<Alert> pair = byConflict.get(conflictId);
    if (pair == null || pair.isEmpty()) {
      return Optional.empty();
    }
    Set<String> parties = new TreeSet<>();
    pair.forEach(a -> parties.add(a.recipient()));
    return Optional.of(parties);
  }

  /** The earliest deadline of an alert that can still escalate. */
  public Optional<Instant> nextDeadline() {
    return deadlines.isEmpty() ? Optional.empty() : Optional.of(deadlines.first().at());
  }

  /**
   * Moves every open alert whose deadline passed by {@code now} up its ladder, earliest deadline
   * first (an alert whose new deadline passed too moves again); returns the steps in that order.
   */
  public List<Escalation> escalate(Instant now) {
    List<Escalation> out = new ArrayList<>();
    while (!deadlines.isEmpty() && !deadlines.first().at().isAfter(now)) {
      Deadline first = deadlines.pollFirst();
      Alert alert = alerts.get("al-" + first.alert());
      if (alert == null || alert.state() != AlertState.OPEN) {
        continue;
      }
      Instant due = first.at();
      EscalationLadder ladder = ladder(alert.recipient(), alert.otherParty(), alert.raisedAt());
      EscalationLadder.Step step = ladder.missed(alert.level(), due);
      if (step.overdue()) {
        alert.markOverdue();
      } else {
        alert.escalate(step.deadline().orElseThrow());
        addDeadline(alert);
      }
      out.add(new Escalation(alert, due, step));
    }
    return out;
  }

  /** Checks a read-back against an alert: the first field that does not match, if any. */
  public static Optional<Mismatch> check(Alert alert, ReadBack readBack) {
    Subject c = alert.subject();
    if (farApart(readBack.start(), c.start())) {
      return Optional.of(
          new Mismatch(
              "/readBack/start",
              "/readBack/start "
                  + readBack.start()
                  + " does not match the conflict's start "
                  + c.start()
                  + " (tolerance "
                  + READ_BACK_TIME_TOLERANCE.toSeconds()
                  + " s); read the alert again"));
    }
    if (farApart(readBack.end(), c.end())) {
      return Optional.of(
          new Mismatch(
              "/readBack/end",
              "/readBack/end "
                  + readBack.end()
                  + " does not match the conflict's end "
                  + c.end()
                  + " (tolerance "
                  + READ_BACK_TIME_TOLERANCE.toSeconds()
                  + " s); read the alert again"));
    }
    double off = Geodesics.distanceMeters(readBack.place(), alert.location());
    if (off > READ_BACK_DISTANCE_METERS) {
      return Optional.of(
          new Mismatch(
              "/readBack/place",
              "/readBack/place is "
                  + Math.round(off)
                  + " m from the alert's location (tolerance "
                  + (long) READ_BACK_DISTANCE_METERS
                  + " m); read the alert again"));
    }
    return Optional.empty();
  }

  private static boolean farApart(Instant a, Instant b) {
    return Duration.between(a, b).abs().compareTo(READ_BACK_TIME_TOLERANCE) > 0;
  }

  /**
   * Acknowledges an open alert whose read-back was {@linkplain #check checked}: no more escalation.
   */
  public void acknowledge(Alert alert, String member, Instant now) {
    removeDeadline(alert);
    alert.acknowledge(member, now);
  }

  /**
   * Records one side's note that the conflict is deconflicted; returns whether every alert of the
   * conflict now carries one (then the caller resolves them).
   */
  public boolean markDeconflicted(Alert alert, String note) {
    alert.markDeconflicted(note);
    return ofConflict(alert.conflictId()).stream().allMatch(a -> a.deconflictedNote().isPresent());
  }

  /**
   * Closes an alert at {@code now}; once every alert of its conflict is resolved, the conflict
   * waits for {@link #retire}.
   */
  public void resolve(Alert alert, String why, Instant now) {
    removeDeadline(alert);
    alert.resolve(why, now);
    List<Alert> list = byConflict.get(alert.conflictId());
    if (list != null) {
      overAt(list).ifPresent(at -> over.addLast(new Over(alert.conflictId(), at)));
    }
  }

  private void addDeadline(Alert alert) {
    alert.deadline().ifPresent(d -> deadlines.add(new Deadline(d, number(alert))));
  }

  private void removeDeadline(Alert alert) {
    alert.deadline().ifPresent(d -> deadlines.remove(new Deadline(d, number(alert))));
  }

  private static long number(Alert alert) {
    return Long.parseLong(alert.id().substring(3));
  }

  /** When an alert escalates next; ordered by time, then by the alert's number (raise order). */
  private record Deadline(Instant at, long alert) implements Comparable<Deadline> {
    @Override
    public int compareTo(Deadline o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(alert, o.alert);
    }
  }
}
