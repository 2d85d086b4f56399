package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reports positions of the member's party's units ({@code positions.report}). Whether a report is
 * too far ahead of the service's clock, and the engine's own range checks, are the dispatch's.
 *
 * @param reports at most {@link #MAX_REPORTS}, each with a unit id that follows {@link
 *     Ids#UNIT_ID_RULE}
 */
public record ReportPositions(List<Report> reports) implements Command {

  /** The journaled type. */
  public static final String TYPE = "positions.report";

  /** The most reports one command may carry. */
  public static final int MAX_REPORTS = 20_000;

  /** Checks the number of reports and every unit id; copies the list. */
  public ReportPositions {
    reports = List.copyOf(reports);
    requireAtMostMax(reports.size());
    for (int i = 0; i < reports.size(); i++) {
      Ids.requireText(reports.get(i).unit(), "/reports/" + i + "/unit");
      Ids.requireUnitId(reports.get(i).unit(), "/reports/" + i + "/unit");
    }
  }

  /** Throws if {@code count} reports are more than one command may carry. */
  static void requireAtMostMax(int count) {
    if (count > MAX_REPORTS) {
      throw ServiceException.invalid(
          "/reports",
          "/reports holds " + count + " reports, more than the limit of " + MAX_REPORTS);
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * One unit's position at a time.
   *
   * @param lon WGS84 longitude, degrees
   * @param lat WGS84 latitude, degrees
   * @param course degrees clockwise from true north, if known
   * @param speed metres per second, if known
   * @param accuracy the position's circular error in metres, if known
   * @param cot how the unit looked to a TAK client, kept so the TAK listener can show it again
   */
  public record Report(
      String unit,
      IsoInstant time,
      Decimal lon,
      Decimal lat,
      Optional<Decimal> course,
      Optional<Decimal> speed,
      Optional<Decimal> accuracy,
      Optional<CotAppearance> cot) {

    /** A report without course, speed, accuracy or CoT appearance. */
    public static Report at(String unit, Instant time, double lon, double lat) {
      return new Report(
          unit,
          IsoInstant.of(time),
          Decimal.of(lon),
          Decimal.of(lat),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * How a unit looked on Cursor on Target: its CoT type, height and its error, callsign and the
   * whole {@code <detail>} as XML. The service keeps it without reading it.
   */
  public record CotAppearance(
      String type,
      OptionalDouble hae,
      OptionalDouble le,
      Optional<String> callsign,
      Optional<String> detail) {}
}
