package io.deconflict.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The report's fast number and time formatting must write exactly what the reference ({@code
 * BigDecimal} and {@link Instant#toString()}) writes, on seeded random values and on the ties and
 * edges where a shortcut would go wrong.
 */
class FastFormattingTest {

  @Test
  void decimalsMatchBigDecimalOnRandomValues() {
    long seed = 20221008;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      double value =
          switch (i % 4) {
            case 0 -> random.nextDouble(-180, 180);
            case 1 -> random.nextDouble(0, 200_000);
            case 2 -> Math.rint(random.nextDouble(-1e6, 1e6)) / 1000; // many ties at 2 places
            default -> random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-9, 16));
          };
      int scale = i % 2 == 0 ? 2 : 7;
      assertThat(Decimals.round(value, scale))
          .as("seed %d: %s at %d places", seed, value, scale)
          .isEqualTo(Decimals.exact(value, scale));
    }
  }

  @Test
  void decimalsAtTiesAndEdges() {
    double[] values = {
      0.125,
      0.135,
      2.5e-8,
      -0.125,
      0.005,
      -0.005,
      1e15,
      -1e16,
      0.0,
      -0.0,
      1500,
      99.995,
      179.99999995
    };
    for (double v : values) {
      for (int scale : new int[] {2, 7}) {
        assertThat(Decimals.round(v, scale))
            .as("%s at %d places", v, scale)
            .isEqualTo(Decimals.exact(v, scale));
      }
    }
  }

  @Test
  void instantsMatchInstantToString() {
    long seed = 1665201600;
    SplittableRandom random = new SplittableRandom(seed);
    Instants instants = new Instants();
    for (int i = 0; i < 200_000; i++) {
      long millis =
          switch (i % 3) {
            case 0 -> random.nextLong(0, 253_402_300_800_000L);
            case 1 -> 1_665_201_600_000L + random.nextLong(0, 86_400_000L) / 1000 * 1000;
            default -> random.nextLong(-10_000_000_000_000L, 300_000_000_000_000L);
          };
      Instant instant = Instant.ofEpochMilli(millis);
      assertThat(instants.format(instant))
          .as("seed %d: %d", seed, millis)
          .isEqualTo(instant.toString());
    }
    Instant nanos = Instant.ofEpochSecond(1_665_201_600L, 123_456_789);
    assertThat(instants.format(nanos)).isEqualTo(nanos.toString());
  }
}
