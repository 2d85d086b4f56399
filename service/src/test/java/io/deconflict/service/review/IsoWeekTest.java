package io.deconflict.service.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoWeekTest {

  @ParameterizedTest
  @CsvSource({
    "2022-W41, 2022-10-10T00:00:00Z, 2022-10-17T00:00:00Z",
    "2022-W01, 2022-01-03T00:00:00Z, 2022-01-10T00:00:00Z",
    "2020-W53, 2020-12-28T00:00:00Z, 2021-01-04T00:00:00Z",
    "2021-W01, 2021-01-04T00:00:00Z, 2021-01-11T00:00:00Z",
    "2026-W53, 2026-12-28T00:00:00Z, 2027-01-04T00:00:00Z",
  })
  void aWeekRunsFromMondayToMonday(String text, String from, String until) {
    IsoWeek week = IsoWeek.parse(text);
    assertThat(week.from()).isEqualTo(Instant.parse(from));
    assertThat(week.until()).isEqualTo(Instant.parse(until));
    assertThat(week.toString()).isEqualTo(text);
    assertThat(IsoWeek.of(week.from())).isEqualTo(week);
    assertThat(IsoWeek.of(week.until().minusNanos(1))).isEqualTo(week);
    assertThat(IsoWeek.of(week.until())).isNotEqualTo(week);
    assertThat(week.contains(week.from())).isTrue();
    assertThat(week.contains(week.until())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2022-W54", "2022-W53", "2022-W00", "2021-W53"})
  void aWeekThatDoesNotExistIsRefusedNamingIt(String text) {
    assertThatThrownBy(() -> IsoWeek.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(text + " is not a week");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2022-41", "2022W41", "2022-w41", "22-W41", "2022-W4", " 2022-W41", ""})
  void anythingElseIsRefusedQuotingIt(String text) {
    assertThatThrownBy(() -> IsoWeek.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"" + text + "\" is not an ISO week");
  }
}
