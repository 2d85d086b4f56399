package io.deconflict.flink;

import java.time.Duration;

/**
 * The live part of the detection job: position reports in, encounters out (D38; docs/scale-out.md
 * lists the arguments).
 *
 * @param reportsTopic the topic of position reports: key {@code party/unit}, value one report
 * @param encountersTopic the topic the job writes encounter events to
 * @param cellMeters the edge of a live cell, metres
 * @param haloMeters a report goes to every cell within this distance of the unit; at least the
 *     largest distance between two units of an open encounter (closing speed × look-ahead × 1.25
 *     plus the separation)
 * @param separationMeters the separation of every pair
 * @param outOfOrder how much later than a unit's report time its report may arrive, behind the
 *     newest report seen, and still count (the watermark's bounded out-of-orderness)
 * @param step the event-time step in which a cell applies its reports
 */
public record LiveJobSettings(
    String reportsTopic,
    String encountersTopic,
    double cellMeters,
    double haloMeters,
    double separationMeters,
    Duration outOfOrder,
    Duration step) {

  /** The default live cell edge, metres. */
  public static final double DEFAULT_CELL_METERS = 100_000;

  /**
   * The default halo, metres: two units closing at 60 m/s (two ground units at 30 m/s) over the
   * 15-minute look-ahead and its hysteresis (× 1.25), plus a separation.
   */
  public static final double DEFAULT_HALO_METERS = 70_000;

  /** The largest halo, metres (see {@link Cells#SURFACE_MARGIN_METERS}). */
  public static final double MAX_HALO_METERS = 250_000;

  /** Validates. */
  public LiveJobSettings {
    if (reportsTopic.isBlank()) {
      throw new IllegalArgumentException("--reports-topic must not be blank");
    }
    if (encountersTopic.isBlank()) {
      throw new IllegalArgumentException("--encounters-topic must not be blank");
    }
    new Cells(cellMeters);
    positive(haloMeters, "--live-halo-meters");
    if (haloMeters > MAX_HALO_METERS) {
      throw new IllegalArgumentException(
          "--live-halo-meters must be at most " + MAX_HALO_METERS + ", got " + haloMeters);
    }
    positive(separationMeters, "--live-separation-meters");
    if (outOfOrder.isNegative()) {
      throw new IllegalArgumentException(
          "--reports-out-of-order must not be negative, got " + outOfOrder);
    }
    if (step.toMillis() < 1) {
      throw new IllegalArgumentException("--live-step must be at least 1 ms, got " + step);
    }
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive number, got " + value);
    }
  }
}
