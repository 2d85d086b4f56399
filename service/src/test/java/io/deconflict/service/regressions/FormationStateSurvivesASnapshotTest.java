package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.OutcomeSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Formation state is in the snapshot (its own section, D29): which movement each unit reports
 * under, the declared groups, the open formation pairs and the links between planned and tactical
 * conflicts. A state restored from a snapshot taken after any command of two patrols meeting
 * encodes to the same bytes and derives the same facts, byte for byte, from the next command as the
 * state that never stopped.
 */
class FormationStateSurvivesASnapshotTest {

  static final double M_PER_DEG_LON = 89_600;

  /** Reports of a column of {@code n} units under {@code movement}, 1.5 km apart. */
  static ObjectNode patrol(
      String prefix, int n, Instant t, double leadLon, double course, String movement) {
    ObjectNode body = Json.object();
    ArrayNode reports = body.putArray("reports");
    double behind = course == 90 ? -1 : 1;
    for (int k = 0; k < n; k++) {
      reports
          .addObject()
          .put("unit", prefix + (k + 1))
          .put("time", t.toString())
          .put("lon", leadLon + behind * k * 1500 / M_PER_DEG_LON)
          .put("lat", 36.5)
          .put("course", course)
          .put("speed", 20)
          .put("movement", movement);
    }
    return body;
  }

  @Test
  void aRestoredStateGoesOnWithTheSameFormationAlerts() {
    Scene scene = new Scene();
    scene.settings(OutcomeSettings.of(LiveSettings.DeadReckoning.OFF, true));
    scene.agreement(
        "{\"parties\": [\"us\", \"ru\"], \"sharing\": {\"us\": \"positions\", \"ru\":"
            + " \"conflicts\"}}");
    scene.movement("us", "us-patrol", 40.60, 36.5, 40.80, 36.5, Scene.T0.minusSeconds(600));
    scene.movement("ru", "ru-patrol", 40.80, 36.5, 40.60, 36.5, Scene.T0.minusSeconds(600));
    Deconfliction original = scene.state;
    List<Step> steps = new ArrayList<>();
    ObjectNode group = Json.object().put("id", "ru-column");
    group.putArray("units").add("r4").add("r5");
    steps.add(new Step("ru-officer", Scene.T0, group));
    for (int i = 0; i < 8; i++) {
      Instant t = Scene.T0.plusSeconds(20L * i);
      double run = 20.0 * 20 * i / M_PER_DEG_LON;
      boolean back = i >= 6;
      steps.add(
          new Step("us-officer", t, patrol("u", 5, t, 40.65 + run, back ? 270 : 90, "us-patrol")));
      steps.add(
          new Step("ru-officer", t, patrol("r", 5, t, 40.80 - run, back ? 90 : 270, "ru-patrol")));
    }
    steps.add(new Step("system", Scene.T0.plusSeconds(900), Json.object()));
    int formationFacts = 0;
    for (Step step : steps) {
      byte[] snapshot = original.snapshot();
      Deconfliction copy = Deconfliction.restore(original.directory(), Defaults.STANDARD, snapshot);
      assertThat(copy.snapshot()).as("the restored state encodes alike").isEqualTo(snapshot);
      String type =
          step.by().equals("system")
              ? Deconfliction.CLOCK_TICK
              : step.body().has("units")
                  ? Deconfliction.FORMATION_DECLARE
                  : Deconfliction.POSITIONS_REPORT;
      Outcome a = original.execute(type, step.by(), step.body(), step.at());
      Outcome b = copy.execute(type, step.by(), step.body().deepCopy(), step.at());
      assertThat(json(b.facts())).isEqualTo(json(a.facts()));
      formationFacts +=
          (int) json(a.facts()).stream().filter(f -> f.contains("formation-formation")).count();
    }
    assertThat(formationFacts).as("formation alerts were raised and told").isPositive();
  }

  record Step(String by, Instant at, ObjectNode body) {}

  private static List<String> json(List<Fact> facts) {
    List<String> out = new ArrayList<>();
    for (Fact f : facts) {
      out.add(f.type() + " " + f.audience().toJson() + " " + f.body());
    }
    return out;
  }
}
