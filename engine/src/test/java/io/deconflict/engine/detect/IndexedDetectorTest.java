package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Detector;

/** The detection contract for {@link Detectors#indexed()}. */
class IndexedDetectorTest extends DetectorContractTest {

  @Override
  protected Detector newDetector() {
    return Detectors.indexed();
  }
}
