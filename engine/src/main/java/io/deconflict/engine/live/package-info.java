/**
 * Live tracking: position reports become tracks; tracks of different parties are checked for
 * tactical encounters (closest point of approach under constant velocity), units that follow a
 * notified movement are checked for conformance to it, and units are checked for incursions into
 * other parties' zones and sites.
 *
 * <p>Pure and deterministic like the rest of the engine: time comes in with each report and each
 * {@link io.deconflict.engine.live.LiveTracker#tick tick}. See {@code docs/design-decisions.md}
 * D12.
 */
@NullMarked
package io.deconflict.engine.live;

import org.jspecify.annotations.NullMarked;
