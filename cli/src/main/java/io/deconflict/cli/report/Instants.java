package io.deconflict.cli.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 text of instants exactly as {@link Instant#toString()} writes them, for instants in
 * whole milliseconds of the years 1970 to 9999, with the date part cached per day; anything else
 * goes to {@link Instant#toString()}. One instance per writer; not thread-safe.
 */
final class Instants {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** 10000-01-01T00:00:00Z in milliseconds: from here on Instant writes a sign. */
  private static final long LIMIT_MILLIS = 253_402_300_800_000L;

  private long day = Long.MIN_VALUE;
  private String date = "";

  /** The instant as {@link Instant#toString()} writes it. */
  String format(Instant instant) {
    long millis = instant.toEpochMilli();
    if (millis < 0 || millis >= LIMIT_MILLIS || instant.getNano() % 1_000_000 != 0) {
      return instant.toString();
    }
    long d = millis / MILLIS_PER_DAY;
    if (d != day) {
      day = d;
      date = LocalDate.ofEpochDay(d).toString() + "T";
    }
    int ofDay = (int) (millis - d * MILLIS_PER_DAY);
    int ms = ofDay % 1000;
    int s = ofDay / 1000;
    StringBuilder b = new StringBuilder(24).append(date);
    two(b, s / 3600).append(':');
    two(b, s / 60 % 60).append(':');
    two(b, s % 60);
    if (ms != 0) {
      b.append('.');
      if (ms < 100) {
        b.append('0');
      }
      if (ms < 10) {
        b.append('0');
      }
      b.append(ms);
    }
    return b.append('Z').toString();
  }

  private static StringBuilder two(StringBuilder b, int v) {
    if (v < 10) {
      b.append('0');
    }
    return b.append(v);
  }
}
