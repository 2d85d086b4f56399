package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

  @Test
  void defaultsNeedOnlyTheBootstrapServers() {
    JobSettings s = JobSettings.parse("--bootstrap-servers", "k:9092");
    assertThat(s.notificationsTopic()).isEqualTo("deconflict-notifications");
    assertThat(s.conflictsTopic()).isEqualTo("deconflict-conflicts");
    assertThat(s.transactionalIdPrefix()).isEqualTo("deconflict-detection-deconflict-conflicts");
    assertThat(s.cellMeters()).isEqualTo(JobSettings.DEFAULT_CELL_METERS);
    assertThat(s.checkpointEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.kafkaProperties()).isEmpty();
    assertThat(s.live()).isEmpty();
  }

  @Test
  void aReportsTopicAddsTheLivePartWithItsDefaults() {
    JobSettings s =
        JobSettings.parse(
            "--bootstrap-servers", "k:9092",
            "--default-separation-meters", "800",
            "--reports-topic", "r");
    LiveJobSettings live = s.live().orElseThrow();
    assertThat(live.reportsTopic()).isEqualTo("r");
    assertThat(live.encountersTopic()).isEqualTo("deconflict-encounters");
    assertThat(live.cellMeters()).isEqualTo(LiveJobSettings.DEFAULT_CELL_METERS);
    assertThat(live.haloMeters()).isEqualTo(LiveJobSettings.DEFAULT_HALO_METERS);
    assertThat(live.separationMeters()).isEqualTo(800);
    assertThat(live.outOfOrder()).isEqualTo(Duration.ofSeconds(5));
    assertThat(live.step()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void badLiveArgumentsAreRefusedNamingThem() {
    assertThatThrownBy(
            () -> JobSettings.parse("--bootstrap-servers", "k", "--live-halo-meters", "5000"))
        .hasMessageContaining("--live-halo-meters needs --reports-topic");
    assertThatThrownBy(
            () ->
                JobSettings.parse(
                    "--bootstrap-servers",
                    "k",
                    "--reports-topic",
                    "r",
                    "--live-halo-meters",
                    "1e6"))
        .hasMessageContaining("--live-halo-meters must be at most 250000.0, got 1000000.0");
    assertThatThrownBy(
            () ->
                JobSettings.parse(
                    "--bootstrap-servers", "k", "--reports-topic", "r", "--live-step", "PT0S"))
        .hasMessageContaining("--live-step must be at least 1 ms");
    assertThatThrownBy(
            () ->
                JobSettings.parse(
                    "--bootstrap-servers",
                    "k",
                    "--reports-topic",
                    "r",
                    "--reports-out-of-order",
                    "5s"))
        .hasMessageContaining("--reports-out-of-order must be an ISO-8601 duration");
  }

  @Test
  void kafkaPropertiesPassThrough() {
    JobSettings s =
        JobSettings.parse(
            "--bootstrap-servers", "k:9093",
            "--kafka.security.protocol", "SASL_SSL",
            "--cell-meters", "20000",
            "--checkpoint-every", "PT1M");
    assertThat(s.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SASL_SSL"));
    assertThat(s.cellMeters()).isEqualTo(20_000);
    assertThat(s.checkpointEvery()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    assertThatThrownBy(() -> JobSettings.parse("--notifications-topic", "n"))
        .hasMessageContaining("--bootstrap-servers is required");
    assertThatThrownBy(() -> JobSettings.parse("--bootstrap-servers", "k", "--cell-meters", "big"))
        .hasMessageContaining("--cell-meters must be a number, got \"big\"");
    assertThatThrownBy(() -> JobSettings.parse("--bootstrap-servers", "k", "--cell-meters", "5"))
        .hasMessageContaining("cellMeters");
    assertThatThrownBy(
            () -> JobSettings.parse("--bootstrap-servers", "k", "--checkpoint-every", "10s"))
        .hasMessageContaining("--checkpoint-every must be an ISO-8601 duration");
    assertThatThrownBy(() -> JobSettings.parse("--bootstrap-servers", "k", "--topic", "t"))
        .hasMessageContaining("unknown argument --topic");
    assertThatThrownBy(
            () -> JobSettings.parse("--bootstrap-servers", "k", "--kafka.isolation.level", "x"))
        .hasMessageContaining("--kafka.isolation.level is set by the job itself");
    assertThatThrownBy(() -> JobSettings.parse("--bootstrap-servers"))
        .hasMessageContaining("\"--bootstrap-servers\" has no value");
  }
}
