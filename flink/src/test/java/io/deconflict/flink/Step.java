package io.deconflict.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import java.util.List;
import java.util.Optional;

/**
 * One message of a scenario's notifications topic: a feature notified (or notified again), or
 * withdrawn.
 *
 * @param id the item id (the message key)
 * @param feature the feature, empty for a withdrawal
 */
record Step(String id, Optional<ObjectNode> feature) {

  static Step notify(ObjectNode feature) {
    return new Step(feature.path("id").asText(), Optional.of(feature));
  }

  static Step withdraw(String id) {
    return new Step(id, Optional.empty());
  }

  /** The conflicts the embedded engine holds after these steps: the reference for the job. */
  static List<Conflict> embedded(List<Step> steps, double defaultSeparationMeters) {
    Detector detector = Detectors.indexed();
    for (Step s : steps) {
      if (s.feature.isPresent()) {
        detector.put(ItemFanOut.parse(s.id, s.feature.get().toString(), defaultSeparationMeters));
      } else {
        detector.remove(s.id);
      }
    }
    return detector.conflicts();
  }
}
