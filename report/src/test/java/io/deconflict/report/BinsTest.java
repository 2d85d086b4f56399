package io.deconflict.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The charts' classes, at and around each bound (upper bounds are exclusive). */
class BinsTest {

  @ParameterizedTest
  @CsvSource({
    "0,0", "59.9,0", "60,1", "119,1", "120,2", "599,3", "600,4", "1799,4", "1800,5", "99999,5"
  })
  void acknowledgementTimes(double seconds, int bin) {
    assertThat(Bins.ACKNOWLEDGEMENT.of(seconds)).isEqualTo(bin);
  }

  @ParameterizedTest
  @CsvSource({"-1,0", "0,1", "3599,1", "3600,2", "21600,3", "86399,4", "86400,5", "172800,6"})
  void leadTimes(double seconds, int bin) {
    assertThat(Bins.LEAD.of(seconds)).isEqualTo(bin);
  }

  @org.junit.jupiter.api.Test
  void countsAddUp() {
    assertThat(Bins.ACKNOWLEDGEMENT.count(List.of(45.0, 130.0, 600.5, 20.0)))
        .containsExactly(2, 0, 1, 0, 1, 0);
  }
}
