package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bugs: (1) reading and suspending an agreement checked the parties of its first version, while the
 * list used the latest, so a party added later got 404 and a party removed could still suspend it;
 * (2) a movement's default separation was the largest of every version ever in force, so lowering
 * an agreement's separation never took effect.
 */
class AgreementVersionsTest {

  @Test
  void accessFollowsTheLatestVersionsParties() {
    Scene scene = new Scene();
    scene.agreement("{\"parties\": [\"us\", \"ru\"]}");
    scene.agreement("{\"id\": \"ag-1\", \"parties\": [\"us\", \"tr\"]}");
    assertThat(scene.state.agreementVersions(scene.member("tr-officer"), "ag-1")).hasSize(2);
    assertThatThrownBy(() -> scene.state.agreementVersions(scene.member("ru-officer"), "ag-1"))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("not found");
    assertThatThrownBy(
            () ->
                scene.run(
                    "ru-officer", Deconfliction.AGREEMENT_SUSPEND, Json.object().put("id", "ag-1")))
        .isInstanceOf(ServiceException.class);
  }

  @Test
  void aLoweredSeparationAppliesToMovementsNotifiedAfterIt() {
    Scene scene = new Scene();
    scene.agreement("{\"parties\": [\"us\", \"ru\"], \"separationMeters\": 5000}");
    scene.movement("us", "a", 40.0, 36.0, 40.1, 36.0, Scene.T0.plus(Duration.ofDays(2)));
    scene.agreement("{\"id\": \"ag-1\", \"parties\": [\"us\", \"ru\"], \"separationMeters\": 500}");
    scene.movement("us", "b", 40.0, 36.2, 40.1, 36.2, Scene.T0.plus(Duration.ofDays(2)));
    var notified = scene.facts(Deconfliction.ITEM_NOTIFY);
    assertThat(notified.get(0).body().path("result").path("engineSeparationMeters").asDouble())
        .isEqualTo(5000);
    assertThat(notified.get(1).body().path("result").path("engineSeparationMeters").asDouble())
        .isEqualTo(500);
  }
}
