package io.deconflict.engine.live;

/** What a zone allows to units of other parties. */
public enum Access {
  /** Anyone may enter; never alerts. */
  OPEN,
  /**
   * Others may enter with notice: a unit of another party inside alerts at {@link
   * TacticalLevel#ADVISORY} unless the movement it follows puts it in the zone at about that time.
   */
  NOTICE,
  /**
   * No one else may enter: a unit of another party inside alerts at {@link TacticalLevel#WARNING}.
   */
  FORBIDDEN
}
