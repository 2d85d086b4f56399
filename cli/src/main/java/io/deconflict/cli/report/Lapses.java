package io.deconflict.cli.report;

import io.deconflict.engine.conflict.Conflict;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sites and zones of a checked file that lapsed (D36): not reconfirmed within the period {@code
 * check --reconfirm-every} gives, as of {@code --at}. A conflict with one of them is reported all
 * the same, marked {@code lapsed}.
 *
 * <p>Immutable; thread-safe.
 */
public final class Lapses {

  /** No reconfirmation asked: nothing lapses. */
  public static final Lapses NONE = new Lapses(Map.of());

  /**
   * One lapsed item.
   *
   * @param id the site's or zone's id
   * @param since when its period ran out; empty if it never said when it was confirmed
   */
  public record Lapse(String id, Optional<Instant> since) {}

  private final Map<String, Optional<Instant>> lapsed;

  /** The lapsed items: id → since when (empty if never confirmed). */
  public Lapses(Map<String, Optional<Instant>> lapsed) {
    this.lapsed = Collections.unmodifiableSortedMap(new TreeMap<>(lapsed));
  }

  /** The lapsed site or zone of a conflict, if it has one. */
  public Optional<Lapse> of(Conflict c) {
    for (String id : new String[] {c.b(), c.a()}) {
      Optional<Instant> since = lapsed.get(id);
      if (since != null) {
        return Optional.of(new Lapse(id, since));
      }
    }
    return Optional.empty();
  }

  /** The ids of the lapsed items, sorted. */
  public java.util.Set<String> ids() {
    return lapsed.keySet();
  }
}
