package io.deconflict.engine.conflict;

import java.util.List;

/**
 * What one change to a detector's items did to the set of conflicts.
 *
 * @param appeared conflicts that exist now and did not before, in {@link Conflict#ORDER}
 * @param vanished conflicts that existed before and do not now, in {@link Conflict#ORDER}
 */
public record ConflictDelta(List<Conflict> appeared, List<Conflict> vanished) {

  /** Copies both lists. */
  public ConflictDelta {
    appeared = List.copyOf(appeared);
    vanished = List.copyOf(vanished);
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return appeared.isEmpty() && vanished.isEmpty();
  }
}
