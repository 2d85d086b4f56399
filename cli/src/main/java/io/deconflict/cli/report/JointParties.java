package io.deconflict.cli.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The participants of the joint movements of a checked file (D39), by movement id: a conflict with
 * a joint movement names them beside its lead. {@code check} takes every participant a file names
 * as taking part (a file records no answers).
 *
 * <p>Immutable; thread-safe.
 */
public final class JointParties {

  /** No joint movement. */
  public static final JointParties NONE = new JointParties(Map.of());

  private final Map<String, List<String>> participants;

  /** The participants of each joint movement: id → parties, in the order the file names them. */
  public JointParties(Map<String, List<String>> participants) {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    participants.forEach((id, parties) -> copy.put(id, List.copyOf(parties)));
    this.participants = Collections.unmodifiableSortedMap(copy);
  }

  /** The participants of the item with this id; empty unless it is a joint movement. */
  public List<String> of(String id) {
    return participants.getOrDefault(id, List.of());
  }

  /** Whether no item is a joint movement. */
  public boolean isEmpty() {
    return participants.isEmpty();
  }
}
