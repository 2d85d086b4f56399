package io.deconflict.service.retention;

import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.ArchivedConflict;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conflicts the state machine retired, as it reads them: those whose {@link ArchivedConflict}
 * fact is not yet in the journal it was given (retired by a command whose commit is still being
 * written, or replayed from a journal written before retention, which holds no such fact) are kept
 * here; every other is read from the {@link Archive}. The owner says when a fact is in the journal
 * ({@link #journaled}): after the commit that holds it, or when a replay passes it. So between two
 * commits, and after replaying any prefix of a journal that holds the facts, nothing is kept here,
 * and what is kept is a function of the journal (it is part of a snapshot).
 *
 * <p>Not thread-safe; owned by the state machine.
 */
public final class Retired {

  private Archive archive = Archive.NONE;
  private final Map<String, ArchivedConflict> unjournaled = new LinkedHashMap<>();

  /** Reads what is in the journal from {@code archive} from now on. */
  public void archive(Archive archive) {
    this.archive = archive;
  }

  /** The archive read from. */
  public Archive archive() {
    return archive;
  }

  /** Takes a conflict just retired, until its fact is {@link #journaled}. */
  public void add(ArchivedConflict conflict) {
    unjournaled.put(conflict.conflictId(), conflict);
  }

  /** The fact of this conflict is in the journal: read it from there. */
  public void journaled(String conflictId) {
    unjournaled.remove(conflictId);
  }

  /** How many retired conflicts are kept here (normally none between commits). */
  public int kept() {
    return unjournaled.size();
  }

  /** The retired conflict with this id, if it was retired. */
  public Optional<ArchivedConflict> conflict(String conflictId) {
    ArchivedConflict kept = unjournaled.get(conflictId);
    if (kept != null) {
      return Optional.of(kept);
    }
    long n = ArchivedConflict.number(conflictId);
    return n < 0 ? Optional.empty() : archive.conflict(n);
  }

  /** The retired alert with this id, if it was retired. */
  public Optional<Alert> alert(String alertId) {
    long n = ArchivedConflict.number(alertId);
    if (n < 0 || !alertId.startsWith("al-")) {
      return Optional.empty();
    }
    Optional<ArchivedConflict> c = kept(n);
    if (c.isEmpty()) {
      c = archive.conflictOfAlert(n);
    }
    return c.flatMap(a -> a.alerts().stream().filter(x -> x.id().equals(alertId)).findFirst());
  }

  private Optional<ArchivedConflict> kept(long alertNumber) {
    for (ArchivedConflict c : unjournaled.values()) {
      for (Alert a : c.alerts()) {
        if (ArchivedConflict.number(a.id()) == alertNumber) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Retired alerts numbered below {@code below}, of one recipient (or everyone's), newest first, at
   * most {@code limit}.
   */
  public List<Alert> alerts(Optional<String> recipient, long below, int limit) {
    List<Alert> out = new ArrayList<>(archive.alerts(recipient, below, limit));
    for (ArchivedConflict c : unjournaled.values()) {
      for (Alert a : c.alerts()) {
        if (ArchivedConflict.number(a.id()) < below
            && (recipient.isEmpty() || recipient.get().equals(a.recipient()))) {
          out.add(a);
        }
      }
    }
    out.sort(Comparator.comparingLong((Alert a) -> ArchivedConflict.number(a.id())).reversed());
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /** Writes the conflicts kept here, in the order retired, as their facts' JSON. */
  public void writeTo(StateOut out) {
    out.int32(unjournaled.size());
    unjournaled.values().forEach(c -> out.json(c.toJson()));
  }

  /** Reads what {@link #writeTo} wrote into this empty one. */
  public void readFrom(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      add(ArchivedConflict.fromJson(in.object()));
    }
  }
}
