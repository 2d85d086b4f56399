package io.deconflict.service.reconfirm;

import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The standing of every notified site and zone under reconfirmation (D36): when it was last
 * confirmed (notified, in any version, or reconfirmed), whether its owner was warned, and since
 * when it is lapsed. The rule that applies to a party's items ({@link Agreement.Reconfirm}) is the
 * caller's to give, at the instant asked about; without one nothing is due and nothing lapses.
 *
 * <p>Deterministic: it reads no clock; {@link #advance} moves the standings to an instant the
 * caller gives (a clock tick's), so a replay gives the same changes at the same records. Cost:
 * {@link #advance} and {@link #nextDue} are linear in the sites and zones (one rule look-up per
 * party). Not thread-safe; owned by the state machine.
 */
public final class Reconfirmations {

  /** What a tick changed for one item. */
  public enum Change {
    /** The owner is warned: the item lapses at its due time unless reconfirmed. */
    WARNED,
    /** It was not reconfirmed in time. */
    LAPSED,
    /** It is no longer lapsed: no agreement asks for its reconfirmation now, or a longer one. */
    RESTORED
  }

  /**
   * One change of an item's standing.
   *
   * @param engineId the item's engine id, {@code party/id}
   * @param change what changed
   * @param standing the standing after it
   * @param lapsedSince for {@link Change#RESTORED}, since when it had been lapsed
   */
  public record Changed(
      String engineId, Change change, Standing standing, Optional<Instant> lapsedSince) {}

  /**
   * Where an item stands.
   *
   * @param confirmedAt when it was last confirmed
   * @param warned whether its owner was warned of the coming lapse (since that confirmation)
   * @param lapsedSince since when it is lapsed, if it is
   * @param until when its validity ends ({@link Instant#MAX} if never): from then on it is not
   *     warned nor does it lapse, for it protects nothing any more
   */
  public record Standing(
      Instant confirmedAt, boolean warned, Optional<Instant> lapsedSince, Instant until) {

    /** When it lapses (or lapsed) under {@code rule}. */
    public Instant due(Agreement.Reconfirm rule) {
      return confirmedAt.plus(rule.every());
    }

    /** When its owner is warned under {@code rule}. */
    public Instant warnAt(Agreement.Reconfirm rule) {
      return due(rule).minus(rule.warnBefore());
    }
  }

  private final Map<String, Standing> items = new TreeMap<>();

  /**
   * The item, valid until {@code until}, was confirmed at {@code at} (notified, again or anew, or
   * reconfirmed): its period starts again. Returns since when it had been lapsed, if it was.
   */
  public Optional<Instant> confirmed(String engineId, Instant at, Instant until) {
    Standing before = items.put(engineId, new Standing(at, false, Optional.empty(), until));
    return before == null ? Optional.empty() : before.lapsedSince();
  }

  /** The item was cancelled. */
  public void removed(String engineId) {
    items.remove(engineId);
  }

  /** Where the item stands, if it is a site or zone that is notified. */
  public Optional<Standing> standing(String engineId) {
    return Optional.ofNullable(items.get(engineId));
  }

  /** Since when the item is lapsed, if it is. */
  public Optional<Instant> lapsedSince(String engineId) {
    Standing s = items.get(engineId);
    return s == null ? Optional.empty() : s.lapsedSince();
  }

  /**
   * Moves every item to {@code now} under the rules in force then ({@code rules}: a party's
   * reconfirmation, if any agreement asks for one): an item whose warning time passed is {@link
   * Change#WARNED} (once per confirmation), one whose due time passed {@link Change#LAPSED} (since
   * its due time), and a lapsed one that no rule (or a longer one) holds overdue any more {@link
   * Change#RESTORED}; an item whose validity ended is left as it stands. Items in engine-id order.
   */
  public List<Changed> advance(Instant now, Function<String, Optional<Agreement.Reconfirm>> rules) {
    Map<String, Optional<Agreement.Reconfirm>> byParty = new HashMap<>();
    List<Changed> out = new ArrayList<>();
    for (Map.Entry<String, Standing> e : items.entrySet()) {
      String id = e.getKey();
      Standing s = e.getValue();
      Agreement.Reconfirm rule = byParty.computeIfAbsent(party(id), rules).orElse(null);
      if (!now.isBefore(s.until())) {
        continue; // its validity ended: it protects nothing any more
      }
      boolean warn = rule != null && !now.isBefore(s.warnAt(rule));
      if (rule != null && !now.isBefore(s.due(rule))) {
        if (s.lapsedSince().isEmpty()) {
          Standing next = new Standing(s.confirmedAt(), true, Optional.of(s.due(rule)), s.until());
          e.setValue(next);
          out.add(new Changed(id, Change.LAPSED, next, Optional.empty()));
        }
        continue;
      }
      if (s.lapsedSince().isPresent()) {
        Standing next = new Standing(s.confirmedAt(), false, Optional.empty(), s.until());
        e.setValue(next);
        out.add(new Changed(id, Change.RESTORED, next, s.lapsedSince()));
        s = next;
      }
      if (warn && !s.warned()) {
        Standing next = new Standing(s.confirmedAt(), true, Optional.empty(), s.until());
        e.setValue(next);
        out.add(new Changed(id, Change.WARNED, next, Optional.empty()));
      } else if (!warn && s.warned()) {
        e.setValue(
            new Standing(s.confirmedAt(), false, Optional.empty(), s.until())); // a longer rule now
      }
    }
    return out;
  }

  /**
   * The earliest instant at which {@link #advance} would change something, given the rules in force
   * at {@code latest} (the state's time): a warning or lapse to come, or {@code latest} itself for
   * a lapsed item no rule holds overdue any more.
   */
  public Optional<Instant> nextDue(
      Instant latest, Function<String, Optional<Agreement.Reconfirm>> rules) {
    Map<String, Optional<Agreement.Reconfirm>> byParty = new HashMap<>();
    @Nullable Instant best = null;
    for (Map.Entry<String, Standing> e : items.entrySet()) {
      Standing s = e.getValue();
      Agreement.Reconfirm rule = byParty.computeIfAbsent(party(e.getKey()), rules).orElse(null);
      Instant at;
      if (s.lapsedSince().isPresent()) {
        if (rule != null && !latest.isBefore(s.due(rule))) {
          continue;
        }
        at = latest;
      } else if (rule == null) {
        continue;
      } else {
        at = s.warned() ? s.due(rule) : s.warnAt(rule);
      }
      if (!at.isBefore(s.until())) {
        continue;
      }
      if (best == null || at.isBefore(best)) {
        best = at;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Writes every standing, in engine-id order. */
  public void writeTo(StateOut out) {
    out.int32(items.size());
    for (Map.Entry<String, Standing> e : items.entrySet()) {
      Standing s = e.getValue();
      out.text(e.getKey()).instant(s.confirmedAt()).bool(s.warned());
      out.bool(s.lapsedSince().isPresent());
      s.lapsedSince().ifPresent(out::instant);
      out.instant(s.until());
    }
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty register.
   *
   * @throws io.deconflict.service.snapshot.MalformedStateException if it is not that
   */
  public void readFrom(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      String id = in.text();
      Instant confirmedAt = in.instant();
      boolean warned = in.bool();
      Optional<Instant> lapsedSince = in.bool() ? Optional.of(in.instant()) : Optional.empty();
      Instant until = in.instant();
      items.put(id, new Standing(confirmedAt, warned, lapsedSince, until));
    }
  }

  /** The party of an engine id. */
  public static String party(String engineId) {
    return engineId.substring(0, engineId.indexOf('/'));
  }
}
