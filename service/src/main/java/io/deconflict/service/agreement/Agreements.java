package io.deconflict.service.agreement;

import io.deconflict.service.party.Member;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
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
