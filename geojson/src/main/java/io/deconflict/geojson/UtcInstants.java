package io.deconflict.geojson;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses ISO-8601 date-times with the offset {@code Z} or {@code +00:00}.
 *
 * <p>{@link #parse} tries a hand-written parser for the common shape {@code
 * 2022-10-08T09:00:00[.fraction]Z} first, which is several times faster than {@link
 * DateTimeFormatter} (times dominate the parsing of large inputs), and falls back to {@link
 * DateTimeFormatter#ISO_OFFSET_DATE_TIME} for every other text. Both give the same instant for any
 * text the fast path accepts; a seeded test checks it. Thread-safe.
 */
final class UtcInstants {

  private static final int FRACTION_START = 20;
  private static final int MAX_FRACTION_DIGITS = 9;

  private UtcInstants() {}

  /** The kind of text that {@link #parse} refused. */
  enum Problem {
    /** Not an ISO-8601 date-time with offset. */
    NOT_ISO,
    /** A valid local date-time with no offset. */
    NO_OFFSET,
    /** A valid date-time with an offset other than zero. */
    NOT_UTC
  }

  /** Thrown by {@link #parse}; says which {@link Problem}. */
  static final class UnparseableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    UnparseableException(Problem problem) {
      super(problem.toString(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  /** Parses {@code text}, an ISO-8601 date-time in UTC. */
  static Instant parse(String text) throws UnparseableException {
    Optional<Instant> fast = fast(text);
    if (fast.isPresent()) {
      return fast.get();
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new UnparseableException(isLocalDateTime(text) ? Problem.NO_OFFSET : Problem.NOT_ISO);
    }
    if (!time.getOffset().equals(ZoneOffset.UTC)) {
      throw new UnparseableException(Problem.NOT_UTC);
    }
    return time.toInstant();
  }

  /**
   * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (or {@code +00:00}); empty for any other
   * text, including invalid dates, which the slow path then reports.
   */
  static Optional<Instant> fast(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Optional.empty();
    }
    int end;
    if (s.charAt(n - 1) == 'Z') {
      end = n - 1;
    } else if (s.endsWith("+00:00")) {
      end = n - 6;
    } else {
      return Optional.empty();
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return Optional.empty();
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return Optional.empty();
    }
    int nanos = 0;
    if (end > 19) {
      int fractionDigits = end - FRACTION_START;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > MAX_FRACTION_DIGITS) {
        return Optional.empty();
      }
      int fraction = digits(s, FRACTION_START, end);
      if (fraction < 0) {
        return Optional.empty();
      }
      nanos = fraction;
      for (int i = fractionDigits; i < MAX_FRACTION_DIGITS; i++) {
        nanos *= 10;
      }
    } else if (end != 19) {
      return Optional.empty();
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
    return Optional.of(Instant.ofEpochSecond(epochSecond, nanos));
  }

  /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isLocalDateTime(String text) {
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
