package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping both detectors share: items by id, and conflicts derived on demand.
 *
 * <p>A detector holds items, never conflicts: the conflicts of an item are recomputed when needed
 * (before and after a change, to report the delta), which keeps the heap proportional to the items
 * and makes every answer a pure function of the stored items. Subclasses supply candidate search.
 */
abstract class AbstractDetector implements Detector {

  private final Map<String, Stored> byId = new HashMap<>();
  private long nextSeq;

  /** Starts holding an item (assign candidate-search structures). */
  abstract void index(Stored s);

  /** Stops holding an item. */
  abstract void unindex(Stored s);

  /** Told before {@link #load} indexes its items: candidate search may be prepared lazily. */
  void deferIndex() {}

  /**
   * Adds to {@code out} the conflicts of {@code s} with every held item other than {@code s} itself
   * and the one with id {@code excludeId}, skipping held items whose sequence number lies in {@code
   * [skipFrom, skipTo)}.
   */
  abstract void conflictsOf(
      Stored s, String excludeId, long skipFrom, long skipTo, List<Conflict> out);

  /** The held item with this id, or null. */
  final @Nullable Stored stored(String id) {
    return byId.get(id);
  }

  /** All held items, in any order. */
  final Collection<Stored> held() {
    return byId.values();
  }

  @Override
  public final ConflictDelta put(Item item) {
    Stored fresh = Stored.of(item);
    List<Conflict> before = new ArrayList<>();
    Stored old = byId.get(item.id());
    if (old != null) {
      conflictsOf(old, old.id, 0, 0, before);
      unindex(old);
    }
    fresh.seq = nextSeq++;
    byId.put(fresh.id, fresh);
    index(fresh);
    List<Conflict> after = new ArrayList<>();
    conflictsOf(fresh, fresh.id, 0, 0, after);
    return delta(after, before);
  }

  @Override
  public final ConflictDelta putAll(Collection<? extends Item> items) {
    requireUniqueIds(items, "putAll");
    if (byId.isEmpty()) {
      // Nothing can vanish and every conflict is new: one search finds them all, each pair once.
      load(items);
      return new ConflictDelta(conflicts(), List.of());
    }
    List<Stored> fresh = new ArrayList<>(items.size());
    for (Item item : items) {
      fresh.add(Stored.of(item));
    }
    Set<Conflict> before = new LinkedHashSet<>();
    List<Conflict> scratch = new ArrayList<>();
    List<Stored> replaced = new ArrayList<>();
    for (Stored s : fresh) {
      Stored old = byId.get(s.id);
      if (old != null) {
        scratch.clear();
        conflictsOf(old, old.id, 0, 0, scratch);
        before.addAll(scratch);
        replaced.add(old);
      }
    }
    for (Stored old : replaced) {
      unindex(old);
      byId.remove(old.id);
    }
    long batchStart = nextSeq;
    for (Stored s : fresh) {
      s.seq = nextSeq++;
      byId.put(s.id, s);
      index(s);
    }
    List<Conflict> after = new ArrayList<>();
    for (Stored s : fresh) {
      // A pair of two new items is found from the later one only.
      conflictsOf(s, s.id, batchStart, s.seq, after);
    }
    return delta(after, new ArrayList<>(before));
  }

  @Override
  public final void load(Collection<? extends Item> items) {
    requireUniqueIds(items, "load");
    List<Stored> fresh = new ArrayList<>(items.size());
    for (Item item : items) {
      fresh.add(Stored.of(item));
    }
    loadStored(fresh);
  }

  /** As {@link #load}, with the items prepared by the caller ({@link Prepared}). */
  final void loadPrepared(Collection<Prepared> items) {
    List<Item> plain = new ArrayList<>(items.size());
    for (Prepared p : items) {
      plain.add(p.item);
    }
    requireUniqueIds(plain, "load");
    List<Stored> fresh = new ArrayList<>(items.size());
    for (Prepared p : items) {
      p.claim();
      fresh.add(p.stored);
    }
    loadStored(fresh);
  }

  private void loadStored(List<Stored> fresh) {
    deferIndex();
    for (Stored s : fresh) {
      Stored old = byId.remove(s.id);
      if (old != null) {
        unindex(old);
      }
      s.seq = nextSeq++;
      byId.put(s.id, s);
      index(s);
    }
  }

  @Override
  public final ConflictDelta remove(String id) {
    Stored old = byId.get(id);
    if (old == null) {
      return new ConflictDelta(List.of(), List.of());
    }
    List<Conflict> before = new ArrayList<>();
    conflictsOf(old, old.id, 0, 0, before);
    unindex(old);
    byId.remove(id);
    return delta(List.of(), before);
  }

  @Override
  public final List<Conflict> check(Item candidate) {
    Stored s = Stored.of(candidate);
    s.seq = Long.MAX_VALUE;
    List<Conflict> out = new ArrayList<>();
    conflictsOf(s, candidate.id(), 0, 0, out);
    out.sort(Conflict.ORDER);
    return out;
  }

  @Override
  public List<Conflict> conflicts() {
    return search(1).run();
  }

  /** Every current conflict, each pair evaluated from the later of its two items. */
  final List<Conflict> conflictsPairByPair() {
    List<Conflict> out = new ArrayList<>();
    for (Stored s : byId.values()) {
      // Each pair once: from the later of the two.
      conflictsOf(s, s.id, 0, s.seq, out);
    }
    out.sort(Conflict.ORDER);
    return out;
  }

  @Override
  public final int size() {
    return byId.size();
  }

  /** Checks a resolution horizon. */
  static void requireHorizon(java.time.Duration horizon) {
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("horizon must not be negative, got " + horizon);
    }
  }

  private static void requireUniqueIds(Collection<? extends Item> items, String call) {
    Set<String> ids = new HashSet<>();
    for (Item item : items) {
      if (!ids.add(item.id())) {
        throw new IllegalArgumentException("duplicate id in " + call + ": " + item.id());
      }
    }
  }

  private static ConflictDelta delta(List<Conflict> after, List<Conflict> before) {
    Set<Conflict> old = new HashSet<>(before);
    Set<Conflict> now = new HashSet<>(after);
    List<Conflict> appeared = new ArrayList<>();
    for (Conflict c : after) {
      if (!old.contains(c)) {
        appeared.add(c);
      }
    }
    List<Conflict> vanished = new ArrayList<>();
    for (Conflict c : before) {
      if (!now.contains(c)) {
        vanished.add(c);
      }
    }
    appeared.sort(Conflict.ORDER);
    vanished.sort(Conflict.ORDER);
    return new ConflictDelta(appeared, vanished);
  }
}
