package io.deconflict.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.service.DeconflictionDeterminismTest.Step;
import io.deconflict.service.command.FindConflict;
import io.deconflict.service.snapshot.MalformedStateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A state whose conflicts come from the detection job (D32) tells the same facts as the embedded
 * state, when every conflict the embedded detector found is reported to it right after the command
 * that made it: the same alerts under the same ids, resolved at the same commands (a vanishing is
 * never waited for). Reports of conflicts raised already, or of items no longer current, are
 * refused with nothing changed; a snapshot keeps what was reported.
 */
class ConflictsFromTheJobTest {

  private static final Defaults ON_THE_JOB = Defaults.STANDARD.withJobDetection(true);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 20221008})
  void reportedConflictsGiveTheEmbeddedFacts(long seed) {
    List<Step> steps = DeconflictionDeterminismTest.script(seed, 120);
    Deconfliction embedded =
        new Deconfliction(DeconflictionDeterminismTest.directory(), Defaults.STANDARD);
    Deconfliction onJob = new Deconfliction(DeconflictionDeterminismTest.directory(), ON_THE_JOB);
    List<FindConflict> reported = new ArrayList<>();
    Instant now = DeconflictionDeterminismTest.T0;
    List<Fact> raw = new ArrayList<>();
    for (Step step : steps) {
      now = now.plus(step.pause());
      List<String> expected = facts(embedded, step, now, raw);
      List<String> got = facts(onJob, step, now, new ArrayList<>());
      for (FindConflict found : raisedIn(raw)) {
        Outcome o = onJob.execute(found, Deconfliction.SYSTEM, now);
        assertThat(o.facts().get(0).type()).isEqualTo(Deconfliction.CONFLICT_FOUND);
        o.facts().subList(1, o.facts().size()).forEach(f -> got.add(text(f)));
        reported.add(found);
      }
      assertThat(got).as("seed " + seed + ", facts of " + step).isEqualTo(expected);
    }
    assertThat(reported).as("seed " + seed + ": conflicts found").hasSizeGreaterThan(3);
    // every report again: raised already, or about items that changed since; nothing stored
    for (FindConflict again : reported) {
      Instant at = now;
      assertThatThrownBy(() -> onJob.execute(again, Deconfliction.SYSTEM, at))
          .isInstanceOf(ServiceException.class)
          .satisfies(
              e ->
                  assertThat(((ServiceException) e).kind())
                      .isEqualTo(ServiceException.Kind.CONFLICT));
    }
    assertThat(onJob.snapshot()).isNotEqualTo(embedded.snapshot());
  }

  @Test
  void aRestoredStateKeepsTheConflictsReportedBeforeTheSnapshot() {
    List<Step> steps = DeconflictionDeterminismTest.script(3, 120);
    Deconfliction embedded =
        new Deconfliction(DeconflictionDeterminismTest.directory(), Defaults.STANDARD);
    Deconfliction onJob = new Deconfliction(DeconflictionDeterminismTest.directory(), ON_THE_JOB);
    Instant now = DeconflictionDeterminismTest.T0;
    List<Fact> raw = new ArrayList<>();
    int i = 0;
    for (Step step : steps) {
      now = now.plus(step.pause());
      if (i++ == steps.size() / 2) {
        onJob =
            Deconfliction.restore(
                DeconflictionDeterminismTest.directory(), ON_THE_JOB, onJob.snapshot());
      }
      List<String> expected = facts(embedded, step, now, raw);
      List<String> got = facts(onJob, step, now, new ArrayList<>());
      for (FindConflict found : raisedIn(raw)) {
        Outcome o = onJob.execute(found, Deconfliction.SYSTEM, now);
        o.facts().subList(1, o.facts().size()).forEach(f -> got.add(text(f)));
      }
      assertThat(got).as("facts of " + step).isEqualTo(expected);
    }
  }

  @Test
  void theTwoModesDoNotLoadEachOthersSnapshots() {
    Deconfliction embedded =
        new Deconfliction(DeconflictionDeterminismTest.directory(), Defaults.STANDARD);
    Deconfliction onJob = new Deconfliction(DeconflictionDeterminismTest.directory(), ON_THE_JOB);
    assertThatThrownBy(
            () ->
                Deconfliction.restore(
                    DeconflictionDeterminismTest.directory(), ON_THE_JOB, embedded.snapshot()))
        .isInstanceOf(MalformedStateException.class);
    assertThatThrownBy(
            () ->
                Deconfliction.restore(
                    DeconflictionDeterminismTest.directory(), Defaults.STANDARD, onJob.snapshot()))
        .isInstanceOf(MalformedStateException.class);
  }

  @Test
  void onlyTheServiceReportsConflictsAndOnlyInFlinkMode() {
    FindConflict found =
        new FindConflict(
            ConflictKind.MOVEMENT_MOVEMENT, "ru/m-1", "us/m-1", DeconflictionDeterminismTest.T0);
    Deconfliction onJob = new Deconfliction(DeconflictionDeterminismTest.directory(), ON_THE_JOB);
    assertThatThrownBy(() -> onJob.execute(found, "us-officer", DeconflictionDeterminismTest.T0))
        .isInstanceOf(ServiceException.class)
        .satisfies(
            e ->
                assertThat(((ServiceException) e).kind())
                    .isEqualTo(ServiceException.Kind.FORBIDDEN));
    Deconfliction embedded =
        new Deconfliction(DeconflictionDeterminismTest.directory(), Defaults.STANDARD);
    assertThatThrownBy(
            () -> embedded.execute(found, Deconfliction.SYSTEM, DeconflictionDeterminismTest.T0))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("detection.mode embedded");
  }

  /** A step's facts as text, a refusal as its error; the facts themselves into {@code raw}. */
  private static List<String> facts(Deconfliction state, Step step, Instant now, List<Fact> raw) {
    List<String> out = new ArrayList<>();
    raw.clear();
    try {
      for (Fact f : state.execute(step.type(), step.by(), step.body(), now).facts()) {
        out.add(text(f));
        raw.add(f);
      }
    } catch (ServiceException e) {
      out.add("refused " + e.kind() + " " + e.getMessage());
    }
    return out;
  }

  private static String text(Fact f) {
    return f.type() + " " + f.audience() + " " + f.body();
  }

  /**
   * The conflicts the embedded state raised alerts for in a step, as the job would report them:
   * each conflict's first alert is side a's, its second side b's (engine ids {@code party/item}).
   */
  private static List<FindConflict> raisedIn(List<Fact> facts) {
    List<FindConflict> out = new ArrayList<>();
    @org.jspecify.annotations.Nullable String previous = null;
    for (Fact fact : facts) {
      if (!fact.type().equals(Deconfliction.ALERT_RAISED)) {
        continue;
      }
      var body = fact.body();
      String side = body.path("recipient").asText() + "/" + body.path("own").path("item").asText();
      if (previous == null) {
        previous = side;
        continue;
      }
      out.add(
          new FindConflict(
              kind(body.path("kind").asText()),
              previous,
              side,
              Instant.parse(body.path("start").asText())));
      previous = null;
    }
    return out;
  }

  private static ConflictKind kind(String wire) {
    for (ConflictKind k : ConflictKind.values()) {
      if (k.wireName().equals(wire)) {
        return k;
      }
    }
    throw new IllegalArgumentException(wire);
  }
}
