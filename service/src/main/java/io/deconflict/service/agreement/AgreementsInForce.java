package io.deconflict.service.agreement;

import java.time.Instant;
import java.util.Optional;

/** Which agreement binds two parties at an instant. */
@FunctionalInterface
public interface AgreementsInForce {

  /**
   * The agreement in force between parties {@code a} and {@code b} at {@code at}: among the
   * versions effective by then, the one with the latest {@code effectiveFrom} that binds both.
   */
  Optional<Agreement> between(String a, String b, Instant at);
}
