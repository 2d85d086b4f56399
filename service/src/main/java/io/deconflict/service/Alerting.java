package io.deconflict.service;

import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.AlertBook;
import io.deconflict.service.alert.Subject;
import java.time.Instant;
import java.util.List;

/**
 * What live tracking asks of the alerts: raise and resolve them, each with the facts that tell the
 * parties. The state machine provides it; live tracking never sees the rest of the state.
 */
interface Alerting {

  /** Raises one alert per side under a new conflict id, adding their facts; returns the id. */
  String raise(Subject subject, List<AlertBook.Side> sides, Instant now, List<Fact> facts);

  /** The alerts raised under a conflict id. */
  List<Alert> alertsOf(String conflictId);

  /** Resolves every unresolved alert of a conflict id, adding their facts. */
  void resolveAll(String conflictId, String why, Instant now, List<Fact> facts);

  /** The id the next conflict raised will get. */
  String nextConflictId();

  /**
   * The planned conflict between two movements (engine ids, either order) whose interval is nearest
   * to {@code at}, if the two have one now.
   */
  java.util.Optional<String> plannedConflict(String movementA, String movementB, Instant at);
}
