package io.deconflict.service.alert;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import java.time.Instant;
import java.util.Optional;

/**
 * What an alert is about: a planned conflict found by the engine, or a live one (two units closing,
 * a unit off its plan, a unit inside another party's zone or site).
 *
 * @param kind wire name: {@code movement-movement}, {@code movement-site}, {@code movement-zone},
 *     {@code unit-unit}, {@code non-conformance}, {@code incursion}
 * @param a first side's engine id ({@code party/id})
 * @param b second side's engine id, or empty for one-sided subjects (non-conformance)
 * @param partyA party of {@code a}
 * @param partyB party of {@code b}
 * @param start when it begins (for live subjects: the predicted loss of separation, or now)
 * @param end when it ends, as predicted when raised
 * @param closest the closest approach, if known
 */
public record Subject(
    String kind,
    String a,
    String b,
    String partyA,
    String partyB,
    Instant start,
    Instant end,
    Optional<ClosestApproach> closest) {

  /** A planned conflict. */
  public static Subject of(Conflict c) {
    return new Subject(
        c.kind().wireName(), c.a(), c.b(), c.partyA(), c.partyB(), c.start(), c.end(), c.closest());
  }
}
