package io.deconflict.cli.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.service.Application;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.FindConflict;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a message of the job's conflicts topic into a {@code conflict.found} command (D32). An
 * appearance names the conflict (kind, items, start); the state decides whether its current items
 * give it. A tombstone is not needed: a conflict vanishes in the state as soon as either item
 * changes so that the pair no longer gives it, when the change is journaled. Stateless.
 */
final class ConflictIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ConflictIntake.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConflictIntake() {}

  /**
   * The command an appearance's JSON asks for, or empty (logged) if the message is not a conflict
   * of docs/scale-out.md.
   */
  static Optional<FindConflict> command(byte[] value) {
    try {
      JsonNode o = MAPPER.readTree(value);
      String wire = o.path("kind").asText("");
      for (ConflictKind k : ConflictKind.values()) {
        if (k.wireName().equals(wire)) {
          return Optional.of(
              new FindConflict(
                  k,
                  o.path("a").asText(""),
                  o.path("b").asText(""),
                  Instant.parse(o.path("start").asText(""))));
        }
      }
      LOG.warn("conflict message skipped: unknown kind {}", o.path("kind"));
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      LOG.warn("conflict message skipped: {}", e.toString());
    }
    return Optional.empty();
  }

  /**
   * Submits the command; true if it was journaled or refused as stale or repeated, false if the
   * service could not take it now (try again).
   */
  static boolean submit(Application application, FindConflict command) {
    try {
      application.found(command);
      return true;
    } catch (ServiceException e) {
      if (e.kind() == ServiceException.Kind.CONFLICT) {
        return true; // raised already (by this node or another) or no longer current
      }
      LOG.warn(
          "conflict {} {} at {} not taken: {}",
          command.a(),
          command.b(),
          command.start(),
          e.getMessage());
      return false;
    }
  }
}
