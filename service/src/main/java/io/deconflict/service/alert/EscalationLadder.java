package io.deconflict.service.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The escalation ladder of {@code docs/api.md}, as a table: an open alert starts at level 1 (the
 * recipient party's officers, deadline {@code raisedAt + acknowledgeWithin}); when a level's
 * deadline passes it climbs to level 2 (its commanders, the missed deadline + {@code
 * escalation[0]}), then level 3 (the mechanism's operators, the missed deadline + {@code
 * escalation[1]}); when level 3's deadline passes it is overdue and stays at level 3.
 *
 * @param acknowledgeWithin level 1's time to acknowledge
 * @param escalation how long levels 2 and 3 wait
 */
public record EscalationLadder(Duration acknowledgeWithin, List<Duration> escalation) {

  /** The top level. */
  public static final int TOP = 3;

  /** Copies; checks there is a wait for levels 2 and 3. */
  public EscalationLadder {
    escalation = List.copyOf(escalation);
    if (escalation.size() != TOP - 1) {
      throw new IllegalArgumentException(
          "escalation must hold " + (TOP - 1) + " durations, got " + escalation);
    }
  }

  /**
   * One step up the ladder, taken when a level's deadline passes.
   *
   * @param level the level reached ({@link #TOP} when overdue)
   * @param to who is expected to act at that level
   * @param deadline when that level's time runs out; empty when the alert is now overdue
   */
  public record Step(int level, String to, Optional<Instant> deadline) {

    /** Whether even the top level missed its deadline. */
    public boolean overdue() {
      return deadline.isEmpty();
    }
  }

  /** Who is expected to act at a level: 1 officers, 2 commanders, 3 operators. */
  public static String expected(int level) {
    return switch (level) {
      case 1 -> "officers";
      case 2 -> "commanders";
      case 3 -> "operators";
      default -> throw new IllegalArgumentException("no level " + level + " on the ladder");
    };
  }

  /** Level 1's deadline for an alert raised at {@code raisedAt}. */
  public Instant firstDeadline(Instant raisedAt) {
    return raisedAt.plus(acknowledgeWithin);
  }

  /** What happens when the deadline of {@code level} passes at {@code missed}. */
  public Step missed(int level, Instant missed) {
    if (level < 1 || level > TOP) {
      throw new IllegalArgumentException("no level " + level + " on the ladder");
    }
    if (level == TOP) {
      return new Step(TOP, expected(TOP), Optional.empty());
    }
    int next = level + 1;
    return new Step(next, expected(next), Optional.of(missed.plus(escalation.get(next - 2))));
  }
}
