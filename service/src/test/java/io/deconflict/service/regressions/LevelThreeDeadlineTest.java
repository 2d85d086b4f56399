package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bug: the second duration of the escalation ladder was validated and stored but never used: level
 * 3 had no deadline. Now, when level 3 misses it, the alert is declared overdue.
 */
class LevelThreeDeadlineTest {

  @Test
  void levelThreeHasItsOwnDeadlineAndThenTheAlertIsOverdue() {
    Scene scene = new Scene();
    scene.agreement(
        "{\"parties\": [\"us\", \"ru\"], \"acknowledgeWithin\": \"PT10M\","
            + " \"escalation\": [\"PT20M\", \"PT40M\"]}");
    scene.movement("us", "a", 40.6, 36.5, 40.8, 36.5, Scene.T0.plusSeconds(200_000));
    scene.movement("ru", "b", 40.7, 36.4, 40.7, 36.6, Scene.T0.plusSeconds(200_000));
    tickAt(scene, Duration.ofMinutes(10));
    assertThat(scene.facts(Deconfliction.ALERT_ESCALATED)).hasSize(2); // both alerts, level 2
    tickAt(scene, Duration.ofMinutes(29));
    assertThat(scene.facts(Deconfliction.ALERT_ESCALATED)).hasSize(2);
    tickAt(scene, Duration.ofMinutes(30));
    assertThat(scene.facts(Deconfliction.ALERT_ESCALATED)).hasSize(4); // level 3
    assertThat(scene.facts(Deconfliction.ALERT_ESCALATED).get(3).body().path("deadline").asText())
        .isEqualTo(Scene.T0.plus(Duration.ofMinutes(70)).toString());
    tickAt(scene, Duration.ofMinutes(69));
    assertThat(scene.facts(Deconfliction.ALERT_OVERDUE)).isEmpty();
    tickAt(scene, Duration.ofMinutes(70));
    assertThat(scene.facts(Deconfliction.ALERT_OVERDUE)).hasSize(2);
    assertThat(scene.state.nextDeadline()).isEmpty();
  }

  private static void tickAt(Scene scene, Duration sinceT0) {
    scene.now = Scene.T0.plus(sinceT0);
    scene.run(Deconfliction.SYSTEM, Deconfliction.CLOCK_TICK, Json.object());
  }
}
