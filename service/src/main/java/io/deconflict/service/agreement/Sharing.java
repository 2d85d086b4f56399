package io.deconflict.service.agreement;

import java.util.Locale;

/** What one party shares with the other parties of an agreement, from least to most. */
public enum Sharing {
  /** Alerts to the others name neither this party nor its item: only place and time. */
  NOTHING,
  /** The others learn this party's name, and the place and time window of each conflict. */
  CONFLICTS,
  /** As {@link #CONFLICTS}, plus the geometry of this party's items (no other properties). */
  POSITIONS,
  /** The others see this party's items in full. */
  EVERYTHING;

  /** The wire name, lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name. */
  public static Sharing parse(String text) {
    for (Sharing s : values()) {
      if (s.wireName().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "sharing \"" + text + "\" is not one of nothing, conflicts, positions, everything");
  }

  /** Whether this level includes {@code other}. */
  public boolean atLeast(Sharing other) {
    return compareTo(other) >= 0;
  }
}
