package io.deconflict.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge must pass the reference's own answers, pass errors within the tolerances, and catch
 * each kind of error beyond them (a test of the test oracle, as mutation testing would do).
 */
class ContractCheckTest {

  private static final long SEED = 10;
  private static List<Item> items = List.of();
  private static List<Conflict> reference = List.of();

  @BeforeAll
  static void scenario() {
    ScenarioGenerator generator =
        new ScenarioGenerator(SEED, ScenarioGenerator.Region.MID_LATITUDE, 25_000, 6, false);
    items = generator.items(25);
    reference = GeodesicReference.conflicts(items);
    for (ConflictKind kind : ConflictKind.values()) {
      assertThat(reference)
          .as("seed %d has a %s conflict", SEED, kind)
          .anyMatch(c -> c.kind() == kind);
    }
  }

  @Test
  void acceptsTheReference() {
    assertThat(ContractCheck.compare(items, reference, reference)).isEmpty();
  }

  @Test
  void acceptsEndPointsOffByLessThanASecond() {
    Conflict c = deep(ConflictKind.MOVEMENT_MOVEMENT);
    assertThat(problems(c, k -> with(k, k.start().plusMillis(500), k.end().minusMillis(500))))
        .isEmpty();
  }

  @Test
  void catchesAStartThreeSecondsLate() {
    Conflict c = deep(ConflictKind.MOVEMENT_MOVEMENT);
    assertThat(problems(c, k -> with(k, k.start().plusSeconds(3), k.end()))).isNotEmpty();
  }

  @Test
  void catchesAnEndThirtySecondsLate() {
    Conflict c = deep(ConflictKind.MOVEMENT_SITE);
    assertThat(problems(c, k -> with(k, k.start(), k.end().plusSeconds(30)))).isNotEmpty();
  }

  @Test
  void catchesAZoneExitThreeSecondsEarly() {
    Conflict c = deep(ConflictKind.MOVEMENT_ZONE);
    assertThat(problems(c, k -> with(k, k.start(), k.end().minusSeconds(3)))).isNotEmpty();
  }

  @Test
  void catchesAMissingConflict() {
    Conflict c = deep(ConflictKind.MOVEMENT_MOVEMENT);
    List<Conflict> actual = new ArrayList<>(reference);
    actual.remove(c);
    assertThat(ContractCheck.compare(items, reference, actual)).isNotEmpty();
  }

  @Test
  void catchesASamePartyConflict() {
    List<Movement> movements = new ArrayList<>();
    for (Item item : items) {
      if (item instanceof Movement m) {
        movements.add(m);
      }
    }
    @Nullable Conflict fake = null;
    for (Movement m : movements) {
      for (Movement n : movements) {
        if (m.party().equals(n.party())
            && m.id().compareTo(n.id()) < 0
            && m.start().isBefore(n.end())
            && n.start().isBefore(m.end())) {
          Instant s = m.start().isAfter(n.start()) ? m.start() : n.start();
          fake =
              new Conflict(
                  ConflictKind.MOVEMENT_MOVEMENT,
                  m.id(),
                  n.id(),
                  m.party(),
                  n.party(),
                  s,
                  s.plusMillis(1),
                  Optional.of(
                      new ClosestApproach(
                          s, 0, m.waypoints().get(0).point(), n.waypoints().get(0).point())));
        }
      }
    }
    if (fake == null) {
      throw new AssertionError("seed " + SEED + " has no two coexisting movements of one party");
    }
    List<Conflict> actual = new ArrayList<>(reference);
    actual.add(fake);
    actual.sort(Conflict.ORDER);
    assertThat(ContractCheck.compare(items, reference, actual)).isNotEmpty();
  }

  @Test
  void catchesAClosestDistanceTwoMetresOff() {
    Conflict c = deep(ConflictKind.MOVEMENT_MOVEMENT);
    assertThat(
            problems(
                c,
                k -> {
                  ClosestApproach a = k.closest().orElseThrow();
                  return withClosest(
                      k, new ClosestApproach(a.time(), a.distanceMeters() + 2, a.a(), a.b()));
                }))
        .isNotEmpty();
  }

  @Test
  void catchesAClosestPositionFiveMetresOff() {
    Conflict c = deep(ConflictKind.MOVEMENT_SITE);
    assertThat(
            problems(
                c,
                k -> {
                  ClosestApproach a = k.closest().orElseThrow();
                  return withClosest(
                      k,
                      new ClosestApproach(
                          a.time(),
                          a.distanceMeters(),
                          ScenarioGenerator.direct(a.a(), 45, 5),
                          a.b()));
                }))
        .isNotEmpty();
  }

  @Test
  void catchesAClosestApproachOnAZone() {
    Conflict c = deep(ConflictKind.MOVEMENT_ZONE);
    Conflict mm = deep(ConflictKind.MOVEMENT_MOVEMENT);
    assertThat(problems(c, k -> withClosest(k, mm.closest().orElseThrow()))).isNotEmpty();
  }

  @Test
  void catchesSwappedIds() {
    Conflict c = deep(ConflictKind.MOVEMENT_MOVEMENT);
    assertThat(
            problems(
                c,
                k ->
                    new Conflict(
                        k.kind(),
                        k.b(),
                        k.a(),
                        k.partyB(),
                        k.partyA(),
                        k.start(),
                        k.end(),
                        k.closest())))
        .isNotEmpty();
  }

  @Test
  void catchesTimesNotRoundedToTheMillisecond() {
    Conflict c = deep(ConflictKind.MOVEMENT_MOVEMENT);
    assertThat(problems(c, k -> with(k, k.start().plusNanos(1000), k.end()))).isNotEmpty();
  }

  @Test
  void catchesConflictsOutOfOrder() {
    List<Conflict> actual = new ArrayList<>(reference);
    Conflict first = actual.remove(0);
    actual.add(first);
    assertThat(ContractCheck.compare(items, reference, actual)).isNotEmpty();
  }

  // ---------------------------------------------------------------- helpers

  /** A conflict of this kind lasting over a minute, and for distances at least 50 m deep. */
  private static Conflict deep(ConflictKind kind) {
    for (Conflict c : reference) {
      boolean longEnough = Duration.between(c.start(), c.end()).getSeconds() > 60;
      boolean deepEnough =
          c.closest().isEmpty() || c.closest().get().distanceMeters() < separation(c) - 50;
      if (c.kind() == kind && longEnough && deepEnough) {
        return c;
      }
    }
    throw new AssertionError("seed " + SEED + " has no long, deep " + kind + " conflict");
  }

  private static double separation(Conflict c) {
    double s = 0;
    for (Item item : items) {
      if (item.id().equals(c.a()) || item.id().equals(c.b())) {
        if (item instanceof Movement m) {
          s = Math.max(s, m.separationMeters());
        } else if (item instanceof Site site) {
          s = Math.max(s, site.radiusMeters());
        }
      }
    }
    return s;
  }

  private static List<String> problems(Conflict target, UnaryOperator<Conflict> change) {
    List<Conflict> actual = new ArrayList<>();
    for (Conflict c : reference) {
      actual.add(c.equals(target) ? change.apply(c) : c);
    }
    actual.sort(Conflict.ORDER);
    return ContractCheck.compare(items, reference, actual);
  }

  private static Conflict with(Conflict c, Instant start, Instant end) {
    return new Conflict(c.kind(), c.a(), c.b(), c.partyA(), c.partyB(), start, end, c.closest());
  }

  private static Conflict withClosest(Conflict c, ClosestApproach closest) {
    return new Conflict(
        c.kind(), c.a(), c.b(), c.partyA(), c.partyB(), c.start(), c.end(), Optional.of(closest));
  }
}
