package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bug: with an agreement where a party shares nothing, the other party still learned its name and
 * item from late notices, its member and party from acknowledgements, and its unit's position from
 * the alert's location (the midpoint of the two units).
 */
class NothingSharedLeaksNothingTest {

  @Test
  void aPartyThatSharesNothingIsNeitherNamedNorLocated() {
    Scene scene = new Scene();
    scene.agreement(
        "{\"parties\": [\"us\", \"ru\"], \"sharing\": {\"us\": \"nothing\"},"
            + " \"minimumNotice\": \"PT24H\"}");
    // us notifies late, crossing ru's movement
    scene.movement("ru", "r", 40.7, 36.4, 40.7, 36.6, Scene.T0.plus(Duration.ofHours(2)));
    scene.movement("us", "u", 40.6, 36.5, 40.8, 36.5, Scene.T0.plus(Duration.ofHours(2)));

    List<Fact> toRu = scene.facts.stream().filter(f -> f.audience().includesParty("ru")).toList();
    for (Fact f : toRu) {
      String text = f.body().toString();
      if (f.type().equals(Deconfliction.ITEM_NOTIFY)
          || f.type().equals(Deconfliction.AGREEMENT_SET)) {
        continue; // ru's own notification; the agreement names its parties
      }
      assertThat(text).as(f.type()).doesNotContain("\"us\"").doesNotContain("\"u\"");
    }
    JsonNode ruAlert = scene.state.alerts(scene.member("ru-officer"), Optional.empty(), 10).get(0);
    assertThat(ruAlert.path("other").has("party")).isFalse();
    assertThat(ruAlert.path("closest").has("other")).isFalse();
    // the location is ru's own unit, on its own route (lon 40.7), not a midpoint
    assertThat(ruAlert.path("location").get(0).asDouble())
        .isEqualTo(ruAlert.path("closest").path("own").get(0).asDouble());

    JsonNode usAlert = scene.state.alerts(scene.member("us-officer"), Optional.empty(), 10).get(0);
    scene.run(
        "us-officer",
        Deconfliction.ALERT_ACKNOWLEDGE,
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Json.object()
                .put("alert", usAlert.path("id").asText())
                .set(
                    "readBack",
                    Json.object()
                        .put("start", usAlert.path("start").asText())
                        .put("end", usAlert.path("end").asText())
                        .set("place", usAlert.path("location"))));
    List<Fact> counterpart = scene.facts(Deconfliction.ALERT_COUNTERPART);
    assertThat(counterpart).hasSize(1);
    assertThat(counterpart.get(0).audience().parties()).containsExactly("ru");
    assertThat(counterpart.get(0).body().has("party")).isFalse();
    Fact ack = scene.facts(Deconfliction.ALERT_ACKNOWLEDGE).get(0);
    assertThat(ack.audience().includesParty("ru")).isFalse();
  }
}
