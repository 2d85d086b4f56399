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
