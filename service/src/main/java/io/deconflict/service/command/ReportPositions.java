package io.deconflict.service.command;

import io.deconflict.engine.live.PositionReport;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Party;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reports positions of the member's party's units ({@code positions.report}). The engine's range
 * checks ({@link PositionReport#checkRanges}) are made here, naming the field ({@code
 * /reports/3/lat}); whether a report is too far ahead of the service's clock is the dispatch's.
 *
 * @param reports at most {@link #MAX_REPORTS}, each with a unit id that follows {@link
 *     Ids#UNIT_ID_RULE}
 */
public record ReportPositions(List<Report> reports) implements Command {

  /** The journaled type. */
  public static final String TYPE = "positions.report";

  /** The most reports one command may carry. */
  public static final int MAX_REPORTS = 20_000;

  /**
   * Whether {@code movement} can name a movement a unit reports under: one of its own party's ids,
   * or {@code lead/id} for a joint movement its party takes part in (D39).
   */
  private static boolean namesMovement(String movement) {
    int slash = movement.indexOf('/');
    if (slash < 0) {
      return Ids.isItemId(movement);
    }
    return Party.isId(movement.substring(0, slash)) && Ids.isItemId(movement.substring(slash + 1));
  }

  /** Checks the number of reports and every unit id; copies the list. */
  public ReportPositions {
    reports = List.copyOf(reports);
    requireAtMostMax(reports.size());
    for (int i = 0; i < reports.size(); i++) {
      Report r = reports.get(i);
      String at = "/reports/" + i;
      Ids.requireText(r.unit(), at + "/unit");
      Ids.requireUnitId(r.unit(), at + "/unit");
      if (r.movement().isPresent() && !namesMovement(r.movement().get())) {
        throw ServiceException.invalid(
            at + "/movement",
            at
                + "/movement \""
                + r.movement().get()
                + "\" cannot name a movement: an id is "
                + Ids.ITEM_ID_RULE
                + ", or lead/id for a joint movement of another party");
      }
      try {
        PositionReport.checkRanges(
            "",
            r.lon().value(),
            r.lat().value(),
            valueOrNaN(r.course()),
            valueOrNaN(r.speed()),
            valueOrNaN(r.accuracy()));
        PositionReport.checkHae("", valueOrNaN(r.hae()));
      } catch (PositionReport.OutOfRange e) {
        String field = at + "/" + e.field().name().toLowerCase(Locale.ROOT);
        throw ServiceException.invalid(field, field + ": " + e.getMessage());
      }
    }
  }

  private static double valueOrNaN(Optional<Decimal> d) {
    return d.map(Decimal::value).orElse(Double.NaN);
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
   * @param movement the id of one of the party's notified movements the unit reports under: the
   *     formation it moves in (design-decisions.md, D29)
   * @param cot how the unit looked to a TAK client, kept so the TAK listener can show it again
   * @param hae the unit's height above the WGS84 ellipsoid, metres, if known: it then takes part in
   *     vertical separation (D37); without it the unit is on the ground band
   */
  public record Report(
      String unit,
      IsoInstant time,
      Decimal lon,
      Decimal lat,
      Optional<Decimal> course,
      Optional<Decimal> speed,
      Optional<Decimal> accuracy,
      Optional<String> movement,
      Optional<CotAppearance> cot,
      Optional<Decimal> hae) {

    /** A report without a height. */
    public Report(
        String unit,
        IsoInstant time,
        Decimal lon,
        Decimal lat,
        Optional<Decimal> course,
        Optional<Decimal> speed,
        Optional<Decimal> accuracy,
        Optional<String> movement,
        Optional<CotAppearance> cot) {
      this(unit, time, lon, lat, course, speed, accuracy, movement, cot, Optional.empty());
    }

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
          Optional.empty(),
          Optional.empty());
    }

    /** The same report under a movement (its formation). */
    public Report under(String movementId) {
      return new Report(
          unit, time, lon, lat, course, speed, accuracy, Optional.of(movementId), cot, hae);
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
