package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictCodecTest {

  @Test
  void everyConflictOfARoadScenarioReadsBackExactly() {
    List<Item> items = new ArrayList<>();
    for (ObjectNode f : RoadScenario.features(3, 200)) {
      items.add(ItemFanOut.parse(f.path("id").asText(), f.toString(), 1000));
    }
    Detector detector = Detectors.indexed();
    detector.load(items);
    List<Conflict> conflicts = detector.conflicts();
    assertThat(conflicts).hasSizeGreaterThan(5);
    for (Conflict c : conflicts) {
      assertThat(ConflictCodec.read(ConflictCodec.write(c, 4, 9))).isEqualTo(c);
    }
  }

  @Test
  void theIdentityNamesKindItemsVersionsAndStart() {
    Conflict c = sample();
    assertThat(ConflictCodec.identity(c, 4, 9))
        .isEqualTo(c.kind().wireName() + "|" + c.a() + "@4|" + c.b() + "@9|" + c.start());
  }

  @Test
  void aMalformedConflictIsRefusedNamingTheField() {
    assertThatThrownBy(() -> ConflictCodec.read("{\"kind\":\"movement-movement\",\"a\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a: a string is required");
    assertThatThrownBy(() -> ConflictCodec.read("{\"kind\":\"car-car\"}"))
        .hasMessageContaining("unknown conflict kind \"car-car\"");
  }

  private static Conflict sample() {
    List<Item> items = new ArrayList<>();
    for (ObjectNode f : RoadScenario.features(3, 200)) {
      items.add(ItemFanOut.parse(f.path("id").asText(), f.toString(), 1000));
    }
    Detector detector = Detectors.indexed();
    detector.load(items);
    return detector.conflicts().get(0);
  }
}
