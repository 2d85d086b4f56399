package io.deconflict.service.alert;

import java.util.Locale;

/** Where an alert stands. Acknowledged means seen, never approved. */
public enum AlertState {
  /** Raised, not yet acknowledged; escalates at its deadline. */
  OPEN,
  /** An officer of the recipient party read it back correctly: seen, not approved. */
  ACKNOWLEDGED,
  /** The conflict vanished, or both parties marked it deconflicted. */
  RESOLVED;

  /** The wire name, lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
