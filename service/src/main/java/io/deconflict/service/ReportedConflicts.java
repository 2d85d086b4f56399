package io.deconflict.service;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The detector of a service whose conflicts come from the detection job (D32): it holds the current
 * items and the conflicts raised so far, finds none by itself, and computes a conflict's pair anew
 * whenever it must know whether the conflict still holds. A conflict appears only through {@link
 * #found}, when the job reported it and the two current items give it; it vanishes as soon as a
 * change to either item means they no longer give it, exactly as with the embedded detector.
 *
 * <p>So the conflicts it holds are always conflicts the embedded detector would hold for the same
 * items; appearances come late (when the job reports them), vanishings never do.
 *
 * <p>Cost: a change to an item recomputes each pair it holds a conflict for (the engine's exact
 * kernels on two items); {@link #found} computes one pair. Deterministic; not thread-safe (owned by
 * the state machine).
 */
final class ReportedConflicts implements Detector {

  private final Map<String, Item> items = new HashMap<>();

  /** The conflicts raised, per item id (each conflict under both its items). */
  private final Map<String, Set<Conflict>> held = new HashMap<>();

  @Override
  public ConflictDelta put(Item item) {
    items.put(item.id(), item);
    List<Conflict> vanished = new ArrayList<>();
    List<Conflict> mine = new ArrayList<>(held.getOrDefault(item.id(), Set.of()));
    mine.sort(Conflict.ORDER);
    for (Conflict c : mine) {
      Optional<Item> other = Optional.ofNullable(items.get(c.other(item.id())));
      if (other.isEmpty() || !pair(item, other.get()).contains(c)) {
        drop(c);
        vanished.add(c);
      }
    }
    vanished.sort(Conflict.ORDER);
    return new ConflictDelta(List.of(), vanished);
  }

  @Override
  public ConflictDelta putAll(Collection<? extends Item> all) {
    List<Conflict> vanished = new ArrayList<>();
    for (Item item : all) {
      vanished.addAll(put(item).vanished());
    }
    vanished.sort(Conflict.ORDER);
    return new ConflictDelta(List.of(), vanished);
  }

  @Override
  public ConflictDelta remove(String id) {
    items.remove(id);
    List<Conflict> vanished = new ArrayList<>(held.getOrDefault(id, Set.of()));
    vanished.forEach(this::drop);
    vanished.sort(Conflict.ORDER);
    return new ConflictDelta(List.of(), vanished);
  }

  /**
   * The conflict between the current items {@code a} and {@code b} of this kind starting at {@code
   * start}, held from now on, or empty if the items do not give it (a report about versions that
   * are no longer current) or it is held already.
   */
  Optional<Conflict> found(ConflictKind kind, String a, String b, Instant start) {
    Item first = items.get(a);
    Item second = items.get(b);
    if (first == null || second == null) {
      return Optional.empty();
    }
    for (Conflict c : pair(first, second)) {
      if (c.kind() == kind && c.a().equals(a) && c.b().equals(b) && c.start().equals(start)) {
        if (held.getOrDefault(a, Set.of()).contains(c)) {
          return Optional.empty();
        }
        hold(c);
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Holds conflicts raised before (a state restored from a snapshot). */
  void holdAll(Collection<Conflict> conflicts) {
    conflicts.forEach(this::hold);
  }

  private void hold(Conflict c) {
    held.computeIfAbsent(c.a(), k -> new HashSet<>()).add(c);
    held.computeIfAbsent(c.b(), k -> new HashSet<>()).add(c);
  }

  private void drop(Conflict c) {
    for (String id : List.of(c.a(), c.b())) {
      Set<Conflict> of = held.get(id);
      if (of != null) {
        of.remove(c);
        if (of.isEmpty()) {
          held.remove(id);
        }
      }
    }
  }

  /** Every conflict between two items, as the engine computes it for them alone (D4). */
  private static List<Conflict> pair(Item x, Item y) {
    Detector two = Detectors.bruteForce();
    two.put(x);
    return two.put(y).appeared();
  }

  @Override
  public List<Conflict> check(Item candidate) {
    throw new UnsupportedOperationException("the detection job checks candidates (D32)");
  }

  /** Every held item of another party: this detector keeps no index (the job does, D32). */
  @Override
  public List<String> near(Movement movement, Duration horizon) {
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("horizon must not be negative, got " + horizon);
    }
    List<String> ids = new ArrayList<>();
    for (Item item : items.values()) {
      if (!item.party().equals(movement.party()) && !item.id().equals(movement.id())) {
        ids.add(item.id());
      }
    }
    ids.sort(null);
    return ids;
  }

  @Override
  public List<Conflict> conflicts() {
    Set<Conflict> all = new HashSet<>();
    held.values().forEach(all::addAll);
    List<Conflict> sorted = new ArrayList<>(all);
    sorted.sort(Conflict.ORDER);
    return sorted;
  }

  @Override
  public int size() {
    return items.size();
  }
}
