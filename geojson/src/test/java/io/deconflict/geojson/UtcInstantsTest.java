package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.geojson.UtcInstants.Problem;
import io.deconflict.geojson.UtcInstants.UnparseableException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantsTest {

  /** The fast path agrees with java.time on random instants in every shape it accepts. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20221008})
  void fastPathAgreesWithJavaTime(long seed) throws UnparseableException {
    Random random = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      int nanos = random.nextInt(1_000_000_000);
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), nanos);
      String text = DateTimeFormatter.ISO_INSTANT.format(instant);
      int digits = random.nextInt(10);
      String whole = text.substring(0, 19);
      String fraction = String.format("%09d", nanos).substring(0, digits);
      String offset = random.nextBoolean() ? "Z" : "+00:00";
      String shaped = whole + (digits == 0 ? "" : "." + fraction) + offset;

      Instant expected =
          OffsetDateTime.parse(shaped, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      assertThat(UtcInstants.fast(shaped)).as("seed %d: %s", seed, shaped).contains(expected);
      assertThat(UtcInstants.parse(shaped)).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2022-10-08T09:00Z, 2022-10-08T09:00:00Z",
    "2022-10-08t09:00:00Z, 2022-10-08T09:00:00Z",
    "2022-10-08T09:00:00-00:00, 2022-10-08T09:00:00Z",
    "2022-10-08T09:00:00.123456789Z, 2022-10-08T09:00:00.123456789Z",
    "+12022-10-08T09:00:00Z, +12022-10-08T09:00:00Z"
  })
  void otherShapesTakeTheSlowPath(String text, String expected) throws UnparseableException {
    assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "2022-02-30T00:00:00Z, NOT_ISO",
    "2022-10-08T24:00:00Z, NOT_ISO",
    "2022-10-08T23:59:60Z, NOT_ISO",
    "2022-10-08T09:00:00.1234567890Z, NOT_ISO",
    "2022-10-08 09:00:00Z, NOT_ISO",
    "2022-1O-08T09:00:00Z, NOT_ISO",
    "20221008T090000Z, NOT_ISO",
    "2022-10-08, NOT_ISO",
    "2022-10-08T09:00:00, NO_OFFSET",
    "2022-10-08T09:00:00.5, NO_OFFSET",
    "2022-10-08T12:00:00+03:00, NOT_UTC",
    "2022-10-08T09:00:00+00:01, NOT_UTC"
  })
  void refusesWithTheRightProblem(String text, Problem problem) {
    assertThat(UtcInstants.fast(text)).isEmpty();
    assertThatThrownBy(() -> UtcInstants.parse(text))
        .isInstanceOfSatisfying(
            UnparseableException.class, e -> assertThat(e.problem()).isEqualTo(problem));
  }
}
