package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.reference.ReferenceDetector;

/**
 * The detection contract for the test reference itself: checks the hand-worked expectations and the
 * reference against each other.
 */
class ReferenceDetectorTest extends DetectorContractTest {

  @Override
  protected Detector newDetector() {
    return new ReferenceDetector();
  }
}
