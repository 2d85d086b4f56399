package io.deconflict.service.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Agreements#separationSteps}: the separation two parties agreed, as it changes over time.
 */
class SeparationStepsTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Agreement version(String id, int version, Set<String> parties, Instant from, double m) {
    return new Agreement(
        id,
        version,
        parties,
        from,
        m,
        Duration.ofHours(1),
        Duration.ZERO,
        Duration.ofMinutes(10),
        List.of(Duration.ofMinutes(30), Duration.ofMinutes(60)),
        Map.of(),
        false);
  }

  @Test
  void stepsFollowVersionsAndTheNewestAgreementAndEndWhenAVersionStopsBindingThePair() {
    Agreements agreements = new Agreements();
    agreements.record(version("ag-1", 1, Set.of("us", "ru"), T0, 1500));
    agreements.record(version("ag-1", 2, Set.of("us", "ru"), T0.plusSeconds(100), 1500));
    agreements.record(version("ag-2", 1, Set.of("us", "ru", "tr"), T0.plusSeconds(200), 3000));
    agreements.record(version("ag-2", 2, Set.of("us", "tr"), T0.plusSeconds(300), 3000));
    agreements.record(version("ag-1", 3, Set.of("us", "tr"), T0.plusSeconds(400), 800));

    // us-ru: 1,500 (ag-1), 3,000 from ag-2 (newer), back to ag-1 when ag-2 drops ru, then nothing
    assertThat(agreements.separationSteps("us", "ru", 1000))
        .containsExactly(
            Map.entry(T0, 1500.0),
            Map.entry(T0.plusSeconds(200), 3000.0),
            Map.entry(T0.plusSeconds(300), 1500.0),
            Map.entry(T0.plusSeconds(400), 1000.0));
    assertThat(agreements.separationSteps("ru", "us", 1000))
        .isEqualTo(agreements.separationSteps("us", "ru", 1000));
    // us-tr: ag-2 from 200 s; from 400 s ag-1 binds them too, and its version is the newer
    assertThat(agreements.separationSteps("us", "tr", 1000))
        .containsExactly(
            Map.entry(T0.plusSeconds(200), 3000.0), Map.entry(T0.plusSeconds(400), 800.0));
    assertThat(agreements.separationSteps("ru", "xx", 1000)).isEmpty();
  }
}
