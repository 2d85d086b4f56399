package io.deconflict.engine.live;

/**
 * The contract (every report applied: dead reckoning off), on the tracker that evaluates every
 * pair.
 */
class BruteForceLiveTrackerTest extends LiveTrackerContract {

  @Override
  LiveTracker tracker(LiveSettings settings) {
    return new LiveTracker(settings.withDeadReckoning(LiveSettings.DeadReckoning.OFF), true);
  }
}
