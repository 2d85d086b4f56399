package io.deconflict.engine.live;

/** The contract, on the tracker that evaluates every pair. */
class BruteForceLiveTrackerTest extends LiveTrackerContract {

  @Override
  LiveTracker tracker(LiveSettings settings) {
    return new LiveTracker(settings, true);
  }
}
