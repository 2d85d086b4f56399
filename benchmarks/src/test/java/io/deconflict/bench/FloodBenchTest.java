package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.testkit.options.BenchOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke test of the flood benchmark: a tiny run raises bravo's alerts, acknowledges them quietly
 * and under alpha's flood on both services, and reports each phase; with limits part of alpha's
 * flood is refused with 429, without limits none is. The limits are tight (5 requests a second,
 * bursts of 20; bravo paced under them) so that the flood exceeds them however slow the machine:
 * with the default limits a flood slowed by a busy machine could stay under 50 a second
 * (regression: {201=168} and no 429 in a fresh-clone CI run beside other builds).
 */
class FloodBenchTest {

  @Test
  @Timeout(180)
  void tinyRunReportsEveryPhase() throws Exception {
    FloodBench.Options options =
        BenchOptions.parse(
            new FloodBench.Options(),
            "--probes",
            "5",
            "--flood-rate",
            "400",
            "--flood-threads",
            "4",
            "--limit-rate",
            "5",
            "--limit-burst",
            "20",
            "--pause-millis",
            "300");
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    List<FloodBench.Phase> phases =
        new FloodBench(
                options,
                new PrintStream(table, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
            .run();

    assertThat(phases).hasSize(4);
    for (FloodBench.Phase p : phases) {
      assertThat(p.ack().count()).isEqualTo(5);
      assertThat(p.ack().p50Nanos()).isPositive();
    }
    assertThat(phases.get(1).floodAnswers()).containsKey(429);
    assertThat(phases.get(3).floodAnswers()).doesNotContainKey(429).containsKey(201);
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains("| limits 5.0/s, burst 20 | alpha | 5 |", "| no limits | none | 5 |");
  }
}
