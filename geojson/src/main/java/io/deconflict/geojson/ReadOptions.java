package io.deconflict.geojson;

import io.deconflict.engine.item.Movement;

/**
 * How to read an input file: defaults and limits.
 *
 * @param defaultSeparationMeters the separation of movements that do not state one, in (0, {@link
 *     Movement#MAX_SEPARATION_METERS}]
 * @param maxFeatures most features a file may hold, &gt; 0
 * @param maxBytes largest file, in bytes, &gt; 0
 */
public record ReadOptions(double defaultSeparationMeters, int maxFeatures, long maxBytes) {

  /**
   * Most features in one input file: twice the million movements the engine holds in the JVM's
   * default heap on a 24 GB machine (about 16 bytes a knot while reading; see docs/formats.md).
   */
  public static final int MAX_FEATURES = 2_000_000;

  /** Largest input file: 4 GiB (the input is streamed, so size alone costs no memory). */
  public static final long MAX_BYTES = 4L << 30;

  /** Default separation of movements, in metres. */
  public static final double DEFAULT_SEPARATION_METERS = 1000;

  /** Checks the values. */
  public ReadOptions {
    if (!(defaultSeparationMeters > 0)
        || defaultSeparationMeters > Movement.MAX_SEPARATION_METERS) {
      throw new IllegalArgumentException(
          "separation must be in (0, "
              + (long) Movement.MAX_SEPARATION_METERS
              + "] metres, got "
              + defaultSeparationMeters);
    }
    if (maxFeatures <= 0 || maxBytes <= 0) {
      throw new IllegalArgumentException(
          "limits must be positive, got " + maxFeatures + " features, " + maxBytes + " bytes");
    }
  }

  /** The documented limits with this default separation. */
  public static ReadOptions withSeparation(double defaultSeparationMeters) {
    return new ReadOptions(defaultSeparationMeters, MAX_FEATURES, MAX_BYTES);
  }
}
