package io.deconflict.testkit.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class BenchOptionsTest {

  enum Phase {
    ENGINE,
    HTTP
  }

  @Command(name = "SomeBench", description = "A benchmark.")
  static final class Options implements BenchOptions.Checked {
    @Option(names = "--units", converter = BenchOptions.PositiveInt.class, description = "units")
    int units = 100_000;

    @Option(names = "--warmup", converter = BenchOptions.NonNegativeInt.class)
    int warmup = 2_000;

    @Option(names = "--seed", converter = BenchOptions.WholeNumber.class)
    long seed = 20221008L;

    @Option(names = "--speedup", converter = BenchOptions.PositiveDouble.class)
    double speedup = 25;

    @Option(names = "--days", converter = BenchOptions.DaysOrScale.class)
    int days = 1;

    @Option(names = "--n", split = ",", converter = BenchOptions.PositiveInt.class)
    int[] sizes = {10_000, 100_000};

    @Option(names = "--only", split = ",")
    Set<Phase> only = EnumSet.allOf(Phase.class);

    @Option(names = "--skip-brute")
    boolean skipBrute;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true)
    boolean help;

    int fresh;

    @Override
    public void check() {
      if (units > 500_000) {
        throw new IllegalArgumentException("--units must be at most 500000, got " + units);
      }
      fresh = 4 * units;
    }
  }

  @Test
  void keepsTheDefaultsOfWhatIsNotGiven() {
    Options o = BenchOptions.parse(new Options());
    assertThat(o.units).isEqualTo(100_000);
    assertThat(o.warmup).isEqualTo(2_000);
    assertThat(o.seed).isEqualTo(20221008L);
    assertThat(o.speedup).isEqualTo(25);
    assertThat(o.days).isEqualTo(1);
    assertThat(o.sizes).containsExactly(10_000, 100_000);
    assertThat(o.only).containsExactly(Phase.ENGINE, Phase.HTTP);
    assertThat(o.skipBrute).isFalse();
    assertThat(o.help).isFalse();
    assertThat(o.fresh).isEqualTo(400_000);
  }

  @Test
  void readsBothSpellingsSeparatorsListsAndFlags() {
    Options o =
        BenchOptions.parse(
            new Options(),
            "--units=1_000",
            "--warmup",
            "0",
            "--seed",
            "7",
            "--speedup",
            "1.5",
            "--days",
            "scale",
            "--n",
            "5,6_000",
            "--only",
            "Http",
            "--skip-brute");
    assertThat(o.units).isEqualTo(1_000);
    assertThat(o.warmup).isZero();
    assertThat(o.seed).isEqualTo(7);
    assertThat(o.speedup).isEqualTo(1.5);
    assertThat(o.days).isZero();
    assertThat(o.sizes).containsExactly(5, 6_000);
    assertThat(o.only).containsExactly(Phase.HTTP);
    assertThat(o.skipBrute).isTrue();
    assertThat(o.fresh).isEqualTo(4_000);
  }

  @Test
  void saysWhichOptionIsWrongAndWhy() {
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--units", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--units")
        .hasMessageContaining("must be a positive integer, got 0");
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--seed", "x"))
        .hasMessageContaining("--seed")
        .hasMessageContaining("takes a number, got 'x'");
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--speedup", "-1"))
        .hasMessageContaining("must be positive, got -1");
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--only", "disk"))
        .hasMessageContaining("--only")
        .hasMessageContaining("disk");
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--bogus", "1"))
        .hasMessageContaining("Unknown option")
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--units"))
        .hasMessageContaining("--units");
    assertThatThrownBy(() -> BenchOptions.parse(new Options(), "--units", "600000"))
        .hasMessage("--units must be at most 500000, got 600000");
  }

  @Test
  void helpIsAnOptionAndTheUsageListsEveryOption() {
    assertThat(BenchOptions.parse(new Options(), "-h").help).isTrue();
    assertThat(BenchOptions.parse(new Options(), "--help").help).isTrue();
    assertThat(BenchOptions.usage(new Options()))
        .contains("SomeBench", "--units", "--only", "--skip-brute", "A benchmark.");
  }
}
