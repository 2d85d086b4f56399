package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bug: an id generated for a movement notified without one was {@code m-<counter>} even when the
 * party already had that id, so every later POST without an id was refused with 409.
 */
class GeneratedIdSkipsTakenIdsTest {

  @Test
  void aGeneratedIdSkipsIdsThePartyAlreadyUses() {
    Scene scene = new Scene();
    scene.movement("us", "m-1", 40.0, 36.0, 40.1, 36.0, Scene.T0.plusSeconds(200_000));
    scene.movement("us", "m-2", 40.0, 36.2, 40.1, 36.2, Scene.T0.plusSeconds(200_000));
    String generated =
        scene
            .movement("us", "", 40.0, 36.4, 40.1, 36.4, Scene.T0.plusSeconds(200_000))
            .path("id")
            .asText();
    assertThat(generated).isEqualTo("m-3");
    String next =
        scene
            .movement("us", "", 40.0, 36.6, 40.1, 36.6, Scene.T0.plusSeconds(200_000))
            .path("id")
            .asText();
    assertThat(next).isEqualTo("m-4");
    // another party's ids do not matter
    assertThat(
            scene
                .movement("ru", "", 41.0, 36.6, 41.1, 36.6, Scene.T0.plusSeconds(200_000))
                .path("id")
                .asText())
        .isEqualTo("m-5");
  }
}
