package io.deconflict.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.Sharing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alert lifecycle on plain instants, without JSON or HTTP: the escalation ladder of {@code
 * docs/api.md} as a table, acknowledgement with read-back, deconfliction by both sides, resolution.
 */
class AlertBookTest {

  private static final Instant T0 = Instant.parse("2022-10-08T06:00:00Z");
  private static final GeoPoint PLACE = GeoPoint.of(41.0, 37.0);
  private static final EscalationLadder DEFAULTS =
      new EscalationLadder(
          Duration.ofMinutes(10), List.of(Duration.ofMinutes(30), Duration.ofMinutes(60)));

  /** A us–ru agreement from {@code T0} with its own ladder: 5 min, then 7 and 11. */
  private static final Agreement AGREEMENT =
      new Agreement(
          "ag-1",
          1,
          Set.of("us", "ru"),
          T0,
          1000,
          Duration.ofHours(24),
          Duration.ofHours(1),
          Duration.ofMinutes(5),
          List.of(Duration.ofMinutes(7), Duration.ofMinutes(11)),
          Map.of("us", Sharing.CONFLICTS, "ru", Sharing.CONFLICTS),
          false);

  private static AlertBook book() {
    return new AlertBook(
        (a, b, at) ->
            AGREEMENT.binds(a, b) && !at.isBefore(AGREEMENT.effectiveFrom())
                ? Optional.of(AGREEMENT)
                : Optional.empty(),
        DEFAULTS);
  }

  private static Subject subject(String partyA, String partyB) {
    return new Subject(
        "movement-movement",
        partyA + "/m-1",
        partyB + "/m-2",
        partyA,
        partyB,
        T0.plus(Duration.ofHours(2)),
        T0.plus(Duration.ofHours(3)),
        Optional.empty());
  }

  private static List<Alert> raise(AlertBook book, String a, String b, Instant at) {
    return book.raise(
        subject(a, b),
        List.of(
            new AlertBook.Side(a, b, "m-1", "m-2", PLACE, null),
            new AlertBook.Side(b, a, "m-2", "m-1", PLACE, null)),
        at);
  }

  /**
   * The ladder, level by level: who is expected to act once the deadline of {@code level} passes,
   * and the next deadline after the missed one (minutes; empty: overdue).
   */
  @ParameterizedTest(name = "level {0} missed: level {1}, {2}, next deadline +{3} min")
  @CsvSource({"1, 2, commanders, 30", "2, 3, operators, 60", "3, 3, operators, "})
  void theLadderClimbsAsTheTableSays(int missed, int level, String to, Integer minutes) {
    EscalationLadder.Step step = DEFAULTS.missed(missed, T0);
    assertThat(step.level()).isEqualTo(level);
    assertThat(step.to()).isEqualTo(to);
    assertThat(step.deadline())
        .isEqualTo(
            minutes == null ? Optional.empty() : Optional.of(T0.plus(Duration.ofMinutes(minutes))));
    assertThat(step.overdue()).isEqualTo(minutes == null);
  }

  @Test
  void anUnansweredAlertEscalatesToCommandersThenOperatorsThenIsOverdue() {
    AlertBook book = book();
    Alert us = raise(book, "us", "ru", T0).get(0);
    Instant level1 = T0.plus(Duration.ofMinutes(5)); // the agreement's acknowledgeWithin
    assertThat(us.level()).isEqualTo(1);
    assertThat(book.nextDeadline()).contains(level1);
    assertThat(book.escalate(level1.minusNanos(1))).isEmpty();

    List<AlertBook.Escalation> first = book.escalate(level1);
    assertThat(first).hasSize(2); // both sides, in raise order
    assertThat(first.get(0).alert()).isSameAs(us);
    assertThat(first.get(0).missedDeadline()).isEqualTo(level1);
    assertThat(us.level()).isEqualTo(2);
    Instant level2 = level1.plus(Duration.ofMinutes(7));
    assertThat(us.deadline()).contains(level2);

    assertThat(book.escalate(level2).get(0).step().to()).isEqualTo("operators");
    Instant level3 = level2.plus(Duration.ofMinutes(11));
    assertThat(us.deadline()).contains(level3);

    AlertBook.Escalation overdue = book.escalate(level3).get(0);
    assertThat(overdue.step().overdue()).isTrue();
    assertThat(us.overdue()).isTrue();
    assertThat(us.level()).isEqualTo(3);
    assertThat(us.deadline()).isEmpty();
    assertThat(book.nextDeadline()).isEmpty();
  }

  @Test
  void aLateTickTakesEveryMissedStepAtOnceFromTheMissedDeadlines() {
    AlertBook book = book();
    raise(book, "us", "ru", T0);
    List<AlertBook.Escalation> steps = book.escalate(T0.plus(Duration.ofDays(1)));
    assertThat(steps).hasSize(6);
    assertThat(steps.stream().map(e -> e.step().level()).toList())
        .containsExactly(2, 2, 3, 3, 3, 3);
    assertThat(steps.get(2).missedDeadline()).isEqualTo(T0.plus(Duration.ofMinutes(12)));
  }

  @Test
  void withoutAnAgreementTheDefaultLadderApplies() {
    AlertBook book = book();
    Alert tr = raise(book, "tr", "sy", T0).get(0);
    assertThat(tr.deadline()).contains(T0.plus(Duration.ofMinutes(10)));
    book.escalate(T0.plus(Duration.ofMinutes(10)));
    assertThat(tr.deadline()).contains(T0.plus(Duration.ofMinutes(40)));
  }

  @Test
  void anAcknowledgedAlertStopsClimbing() {
    AlertBook book = book();
    List<Alert> pair = raise(book, "us", "ru", T0);
    Alert us = pair.get(0);
    AlertBook.ReadBack readBack =
        new AlertBook.ReadBack(
            us.subject().start().plusSeconds(59), us.subject().end(), GeoPoint.of(41.0, 37.008));
    assertThat(AlertBook.check(us, readBack)).isEmpty();
    book.acknowledge(us, "us-officer", T0.plusSeconds(60));
    assertThat(us.state()).isEqualTo(AlertState.ACKNOWLEDGED);
    assertThat(us.acknowledgedAt()).contains(T0.plusSeconds(60));
    List<AlertBook.Escalation> steps = book.escalate(T0.plus(Duration.ofHours(1)));
    assertThat(steps).extracting(AlertBook.Escalation::alert).containsOnly(pair.get(1));
    assertThat(us.level()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/readBack/start, 61, 0, 0",
    "/readBack/end, 0, -61, 0",
    "/readBack/place, 0, 0, 0.0095",
  })
  void aReadBackOffByMoreThanTheToleranceNamesTheField(
      String pointer, long startSeconds, long endSeconds, double latDegrees) {
    AlertBook book = book();
    Alert us = raise(book, "us", "ru", T0).get(0);
    AlertBook.ReadBack readBack =
        new AlertBook.ReadBack(
            us.subject().start().plusSeconds(startSeconds),
            us.subject().end().plusSeconds(endSeconds),
            GeoPoint.of(41.0, 37.0 + latDegrees)); // 0.0095° of latitude is about 1054 m
    Optional<AlertBook.Mismatch> mismatch = AlertBook.check(us, readBack);
    assertThat(mismatch).isPresent();
    assertThat(mismatch.get().pointer()).isEqualTo(pointer);
    assertThat(mismatch.get().message()).startsWith(pointer).contains("read the alert again");
  }

  @Test
  void aConflictIsDeconflictedOnlyOnceBothSidesSayIt() {
    AlertBook book = book();
    List<Alert> pair = raise(book, "us", "ru", T0);
    assertThat(book.markDeconflicted(pair.get(0), "US holds")).isFalse();
    assertThat(book.markDeconflicted(pair.get(1), "RU agrees")).isTrue();
    book.resolve(pair.get(0), "both parties marked it deconflicted", T0);
    assertThat(pair.get(0).state()).isEqualTo(AlertState.RESOLVED);
    assertThat(book.nextDeadline()).contains(T0.plus(Duration.ofMinutes(5)));
    book.resolve(pair.get(1), "both parties marked it deconflicted", T0);
    assertThat(book.nextDeadline()).isEmpty();
  }

  @Test
  void idsCountUpInRaiseOrderAndAConflictKnowsItsParties() {
    AlertBook book = book();
    List<Alert> first = raise(book, "us", "ru", T0);
    List<Alert> second = raise(book, "tr", "sy", T0);
    assertThat(first).extracting(Alert::id).containsExactly("al-1", "al-2");
    assertThat(second).extracting(Alert::conflictId).containsOnly("cf-2");
    assertThat(book.parties("cf-1")).contains(Set.of("ru", "us"));
    assertThat(book.parties("cf-9")).isEmpty();
    assertThat(book.ofConflict("cf-2")).containsExactlyElementsOf(second);
    assertThat(book.alert("al-3")).contains(second.get(0));
  }
}
