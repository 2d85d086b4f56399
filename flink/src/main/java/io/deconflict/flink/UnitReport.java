package io.deconflict.flink;

import io.deconflict.engine.live.PositionReport;
import java.time.Instant;

/**
 * One message of the reports topic as the job reads it: a unit's position report.
 *
 * @param key the unit's identity {@code party/unit} (the message key)
 * @param version the header {@code deconflict-version} (the service's journal sequence number of
 *     the batch, times {@link ReportDeserializer#BATCH_SLOTS}, plus the report's place in it), or
 *     without it the message's offset; later reports of a unit have higher versions
 * @param party the unit's party
 * @param unit the unit's id within its party
 * @param timeMillis the report's time (its event time), milliseconds since the epoch
 * @param lon longitude, degrees
 * @param lat latitude, degrees
 * @param courseDegrees course over ground, or NaN
 * @param speedMps speed over ground, or NaN
 * @param accuracyMeters horizontal accuracy, or NaN
 */
public record UnitReport(
    String key,
    long version,
    String party,
    String unit,
    long timeMillis,
    double lon,
    double lat,
    double courseDegrees,
    double speedMps,
    double accuracyMeters) {

  /** The engine's report. */
  PositionReport toPositionReport() {
    return new PositionReport(
        unit,
        party,
        Instant.ofEpochMilli(timeMillis),
        lon,
        lat,
        courseDegrees,
        speedMps,
        accuracyMeters);
  }
}
