package io.deconflict.service.agreement;

import io.deconflict.engine.item.Band;
import io.deconflict.service.party.Member;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Every version of every agreement, by id, and the questions asked of them: which binds two parties
 * at an instant, which separation a party's movement gets, which a member may read. New agreements
 * are numbered {@code ag-1}, {@code ag-2}, ... in the order they are recorded.
 *
 * <p>Not thread-safe; owned by the state machine, whose dispatch alone records versions.
 */
public final class Agreements implements AgreementsInForce {

  private final Map<String, List<Agreement>> versions = new TreeMap<>();
  private long next = 1;

  /**
   * Writes every version of every agreement, by id, and the next id's number; each version's
   * vertical separation last (snapshot format 6).
   */
  public void writeTo(StateOut out) {
    out.int64(next).int32(versions.size());
    for (Map.Entry<String, List<Agreement>> e : versions.entrySet()) {
      out.text(e.getKey()).int32(e.getValue().size());
      for (Agreement a : e.getValue()) {
        out.text(a.id()).int32(a.version()).int32(a.parties().size());
        a.parties().forEach(out::text);
        out.instant(a.effectiveFrom()).float64(a.separationMeters());
        out.duration(a.minimumNotice()).duration(a.emergencyNotice());
        out.duration(a.acknowledgeWithin()).int32(a.escalation().size());
        a.escalation().forEach(out::duration);
        out.int32(a.sharing().size());
        a.sharing().forEach((party, sharing) -> out.text(party).constant(sharing));
        out.bool(a.suspended());
        out.bool(a.reconfirm().isPresent());
        if (a.reconfirm().isPresent()) {
          out.duration(a.reconfirm().get().every()).duration(a.reconfirm().get().warnBefore());
        }
        out.float64(a.verticalSeparationMeters());
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty register.
   *
   * @throws MalformedStateException if it is not what {@link #writeTo} writes
   */
  public void readFrom(StateIn in) {
    readFrom(in, true, true);
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty register, or what an older snapshot format
   * wrote: without {@code withReconfirm} no reconfirmation (format 4 and 6: none of their
   * agreements asked for one), without {@code vertical} no vertical separations (formats 4 and 5:
   * every agreement had the default).
   *
   * @throws MalformedStateException if it is not what that format writes
   */
  public void readFrom(StateIn in, boolean withReconfirm, boolean vertical) {
    next = in.int64();
    int ids = in.count();
    for (int i = 0; i < ids; i++) {
      String id = in.text();
      int n = in.count();
      List<Agreement> list = new ArrayList<>(n);
      for (int v = 0; v < n; v++) {
        String agreementId = in.text();
        int version = in.int32();
        int partyCount = in.count();
        Set<String> parties = new TreeSet<>();
        for (int p = 0; p < partyCount; p++) {
          parties.add(in.text());
        }
        Instant effectiveFrom = in.instant();
        double separation = in.float64();
        Duration minimumNotice = in.duration();
        Duration emergencyNotice = in.duration();
        Duration acknowledgeWithin = in.duration();
        int steps = in.count();
        List<Duration> escalation = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
          escalation.add(in.duration());
        }
        int shared = in.count();
        Map<String, Sharing> sharing = new TreeMap<>();
        for (int s = 0; s < shared; s++) {
          sharing.put(in.text(), in.constant(Sharing.class));
        }
        boolean suspended = in.bool();
        Optional<Agreement.Reconfirm> reconfirm = Optional.empty();
        if (withReconfirm && in.bool()) {
          Duration every = in.duration();
          Duration warnBefore = in.duration();
          try {
            reconfirm = Optional.of(new Agreement.Reconfirm(every, warnBefore));
          } catch (IllegalArgumentException e) {
            throw in.malformed("agreement " + agreementId + ": " + e.getMessage());
          }
        }
        double verticalSeparation =
            vertical ? in.float64() : Band.DEFAULT_VERTICAL_SEPARATION_METERS;
        try {
          list.add(
              new Agreement(
                  agreementId,
                  version,
                  parties,
                  effectiveFrom,
                  separation,
                  minimumNotice,
                  emergencyNotice,
                  acknowledgeWithin,
                  escalation,
                  sharing,
                  suspended,
                  reconfirm,
                  verticalSeparation));
        } catch (IllegalArgumentException e) {
          throw in.malformed("agreement " + agreementId + ": " + e.getMessage());
        }
      }
      versions.put(id, list);
    }
  }

  /** The id the next new agreement gets. */
  public String nextId() {
    return "ag-" + next;
  }

  /**
   * Records a version: a new agreement if {@code agreement.id()} is {@link #nextId()} and unknown,
   * else the next version of an existing one.
   */
  public void record(Agreement agreement) {
    List<Agreement> list = versions.get(agreement.id());
    if (list == null) {
      if (agreement.id().equals(nextId())) {
        next++;
      }
      list = new ArrayList<>();
      versions.put(agreement.id(), list);
    }
    list.add(agreement);
  }

  /** Every version of an agreement, oldest first, if it exists. */
  public Optional<List<Agreement>> versions(String id) {
    List<Agreement> list = versions.get(id);
    return list == null ? Optional.empty() : Optional.of(Collections.unmodifiableList(list));
  }

  /** The newest version of an agreement, if it exists. */
  public Optional<Agreement> latest(String id) {
    return versions(id).map(l -> l.get(l.size() - 1));
  }

  /** Whether the member may read an agreement: operators all, others those binding their party. */
  public static boolean readableBy(Member viewer, Agreement latest) {
    return viewer.isOperator() || latest.parties().contains(viewer.party());
  }

  /** The newest version of every agreement the viewer may read, by id. */
  public List<Agreement> readableBy(Member viewer) {
    List<Agreement> out = new ArrayList<>();
    for (List<Agreement> list : versions.values()) {
      Agreement latest = list.get(list.size() - 1);
      if (readableBy(viewer, latest)) {
        out.add(latest);
      }
    }
    return out;
  }

  @Override
  public Optional<Agreement> between(String a, String b, Instant at) {
    Agreement best = null;
    for (List<Agreement> list : versions.values()) {
      Agreement latest = inForce(list, at);
      if (latest != null
          && latest.binds(a, b)
          && (best == null || latest.effectiveFrom().isAfter(best.effectiveFrom()))) {
        best = latest;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The separation a party's movement gets when it names none: the largest of the agreements in
   * force binding the party, else {@code fallbackMeters}.
   */
  public double separationFor(String party, Instant at, double fallbackMeters) {
    double best = 0;
    for (List<Agreement> list : versions.values()) {
      Agreement inForce = inForce(list, at);
      if (inForce != null && inForce.parties().contains(party)) {
        best = Math.max(best, inForce.separationMeters());
      }
    }
    return best > 0 ? best : fallbackMeters;
  }

  /**
   * The vertical separation a party's movement gets when it names none: the largest of the
   * agreements in force binding the party, else the default (D37).
   */
  public double verticalSeparationFor(String party, Instant at) {
    double best = 0;
    for (List<Agreement> list : versions.values()) {
      Agreement inForce = inForce(list, at);
      if (inForce != null && inForce.parties().contains(party)) {
        best = Math.max(best, inForce.verticalSeparationMeters());
      }
    }
    return best > 0 ? best : Band.DEFAULT_VERTICAL_SEPARATION_METERS;
  }

  /**
   * The separation two parties' agreement sets, as it changes over time: from each key on (until
   * the next), the separation of the agreement {@link #between} them then, or {@code
   * fallbackMeters} while none binds them; empty if no agreement has ever bound both. Steps that
   * change nothing are left out.
   */
  public NavigableMap<Instant, Double> separationSteps(String a, String b, double fallbackMeters) {
    TreeSet<Instant> changes = new TreeSet<>();
    for (List<Agreement> list : versions.values()) {
      // every version's start: one that stops binding them ends what an earlier one set
      for (Agreement v : list) {
        changes.add(v.effectiveFrom());
      }
    }
    NavigableMap<Instant, Double> steps = new TreeMap<>();
    double previous = fallbackMeters;
    for (Instant at : changes) {
      double meters = between(a, b, at).map(Agreement::separationMeters).orElse(fallbackMeters);
      if (meters != previous) {
        steps.put(at, meters);
        previous = meters;
      }
    }
    return steps;
  }

  /**
   * The reconfirmation a party's sites and zones are held to at {@code at} (D36): of the agreements
   * in force then that bind the party and ask for one (suspended or not), the one with the shortest
   * period, and of those the longest warning; empty if none asks.
   */
  public Optional<Agreement.Reconfirm> reconfirmFor(String party, Instant at) {
    Agreement.Reconfirm best = null;
    for (List<Agreement> list : versions.values()) {
      Agreement inForce = inForce(list, at);
      if (inForce == null || !inForce.parties().contains(party)) {
        continue;
      }
      Agreement.Reconfirm r = inForce.reconfirm().orElse(null);
      if (r != null
          && (best == null
              || r.every().compareTo(best.every()) < 0
              || (r.every().equals(best.every())
                  && r.warnBefore().compareTo(best.warnBefore()) > 0))) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The earliest {@code effectiveFrom} after {@code after} of a version of an agreement that asks,
   * or asked in any version, for reconfirmation: when {@link #reconfirmFor} may change.
   */
  public Optional<Instant> nextReconfirmChange(Instant after) {
    Instant best = null;
    for (List<Agreement> list : versions.values()) {
      if (list.stream().noneMatch(v -> v.reconfirm().isPresent())) {
        continue;
      }
      for (Agreement v : list) {
        if (v.effectiveFrom().isAfter(after)
            && (best == null || v.effectiveFrom().isBefore(best))) {
          best = v.effectiveFrom();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The newest version effective at {@code at}, if any. */
  private static @Nullable Agreement inForce(List<Agreement> list, Instant at) {
    Agreement latest = null;
    for (Agreement v : list) {
      if (!v.effectiveFrom().isAfter(at)) {
        latest = v;
      }
    }
    return latest;
  }
}
