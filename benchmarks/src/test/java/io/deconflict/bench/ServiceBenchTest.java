package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke test of the service benchmark: a tiny run boots the server and reports every figure. */
class ServiceBenchTest {

  @Test
  @Timeout(120)
  void tinyRunReportsEveryFigure() throws Exception {
    ServiceBench.Options options =
        ServiceBench.Options.parse(
            new String[] {
              "--n", "200", "--seconds", "2", "--probes", "5", "--clients", "8", "--fresh", "3000"
            });
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ServiceBench.Result r =
        new ServiceBench(
                options,
                new PrintStream(table, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
            .run();

    assertThat(r.stored()).isEqualTo(200);
    assertThat(r.recordsAfterPreload()).isGreaterThanOrEqualTo(200);
    assertThat(r.accepted()).isPositive();
    assertThat(r.notificationsPerSecond()).isPositive();
    assertThat(r.request().count()).isPositive();
    assertThat(r.request().p50Nanos()).isPositive();
    assertThat(r.request().p99Nanos()).isGreaterThanOrEqualTo(r.request().p50Nanos());
    assertThat(r.errors()).isZero();
    assertThat(r.journalRecordsPerSecond()).isPositive();
    assertThat(r.recordsPerNotification()).isGreaterThanOrEqualTo(1);
    for (ServiceBench.Delivery d : new ServiceBench.Delivery[] {r.idle(), r.loaded()}) {
      assertThat(d.probes()).isPositive();
      assertThat(d.received()).isEqualTo(d.probes());
      assertThat(d.delay().count()).isEqualTo(d.received());
      assertThat(d.delay().maxNanos()).isGreaterThanOrEqualTo(d.delay().p99Nanos());
      assertThat(d.probeRequest().p50Nanos()).isPositive();
    }
    assertThat(r.idle().probes()).isEqualTo(5);
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains(
            "## Sustained notifications",
            "notifications/s",
            "## Alert delivery",
            "| idle | 5 | 5 |",
            "| under load |");
  }
}
