package io.deconflict.engine.reference;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Detector} over {@link GeodesicReference}: recomputes every pair that involves a changed
 * item. Slow; it exists so the contract test's hand-worked expectations are checked against the
 * reference too.
 */
public final class ReferenceDetector implements Detector {

  private final Map<String, Item> items = new LinkedHashMap<>();
  private final List<Conflict> conflicts = new ArrayList<>();

  @Override
  public ConflictDelta put(Item item) {
    return replace(List.of(item));
  }

  @Override
  public ConflictDelta putAll(Collection<? extends Item> batch) {
    Set<String> ids = new HashSet<>();
    for (Item item : batch) {
      if (!ids.add(item.id())) {
        throw new IllegalArgumentException("duplicate id in batch: " + item.id());
      }
    }
    return replace(batch);
  }

  @Override
  public ConflictDelta remove(String id) {
    if (items.remove(id) == null) {
      return new ConflictDelta(List.of(), List.of());
    }
    List<Conflict> vanished = new ArrayList<>();
    conflicts.removeIf(
        c -> {
          boolean gone = c.involves(id);
          if (gone) {
            vanished.add(c);
          }
          return gone;
        });
    vanished.sort(Conflict.ORDER);
    return new ConflictDelta(List.of(), vanished);
  }

  @Override
  public List<String> near(Movement movement, Duration horizon) {
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
  public List<Conflict> check(Item candidate) {
    return GeodesicReference.conflicts(candidate, items.values());
  }

  @Override
  public List<Conflict> conflicts() {
    return List.copyOf(conflicts);
  }

  @Override
  public int size() {
    return items.size();
  }

  private ConflictDelta replace(Collection<? extends Item> batch) {
    Set<String> ids = new HashSet<>();
    for (Item item : batch) {
      ids.add(item.id());
      items.put(item.id(), item);
    }
    List<Conflict> before = new ArrayList<>();
    for (Conflict c : conflicts) {
      if (ids.contains(c.a()) || ids.contains(c.b())) {
        before.add(c);
      }
    }
    List<Conflict> after = new ArrayList<>();
    for (Item changed : batch) {
      for (Item other : items.values()) {
        if (ids.contains(other.id()) && other.id().compareTo(changed.id()) <= 0) {
          continue; // a pair of two changed items is computed once
        }
        after.addAll(GeodesicReference.between(changed, other));
      }
    }
    conflicts.removeAll(before);
    conflicts.addAll(after);
    conflicts.sort(Conflict.ORDER);
    List<Conflict> appeared = new ArrayList<>(after);
    appeared.removeAll(before);
    List<Conflict> vanished = new ArrayList<>(before);
    vanished.removeAll(after);
    appeared.sort(Conflict.ORDER);
    vanished.sort(Conflict.ORDER);
    return new ConflictDelta(appeared, vanished);
  }
}
