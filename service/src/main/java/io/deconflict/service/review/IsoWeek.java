package io.deconflict.service.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 week, {@code 2022-W41}: from Monday 00:00 UTC to the next Monday 00:00 UTC.
 *
 * @param year the week-based year
 * @param week the week of that year, 1 to 52 or 53 as the year has
 */
public record IsoWeek(int year, int week) {

  private static final Pattern FORM = Pattern.compile("(\\d{4})-W(\\d{2})");

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the year has no such week
   */
  public IsoWeek {
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException("the year of a week must be 0001 to 9999, got " + year);
    }
    int weeks = weeksIn(year);
    if (week < 1 || week > weeks) {
      throw new IllegalArgumentException(
          String.format(
              "%04d-W%02d is not a week: %04d has weeks W01 to W%02d", year, week, year, weeks));
    }
  }

  /**
   * Reads {@code 2022-W41}.
   *
   * @throws IllegalArgumentException quoting the text if it is not an ISO week that exists
   */
  public static IsoWeek parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not an ISO week: write it as 2022-W41 (year, W, two digits)");
    }
    return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The week an instant falls in (UTC). */
  public static IsoWeek of(Instant t) {
    LocalDate d = t.atOffset(ZoneOffset.UTC).toLocalDate();
    return new IsoWeek(d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** Monday 00:00 UTC, where the week starts (included). */
  public Instant from() {
    return monday().atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The next Monday 00:00 UTC, where the week ends (excluded). */
  public Instant until() {
    return monday().plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Whether {@code t} falls in the week. */
  public boolean contains(Instant t) {
    return !t.isBefore(from()) && t.isBefore(until());
  }

  private LocalDate monday() {
    return LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static int weeksIn(int year) {
    return (int) LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
  }

  /** {@code 2022-W41}. */
  @Override
  public String toString() {
    return String.format("%04d-W%02d", year, week);
  }
}
