package io.deconflict.cli.journal;

import static io.deconflict.cli.ServedInProcess.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.ServedInProcess;
import io.deconflict.journal.kafka.KafkaBroker;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.service.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} on a journal in Kafka ({@code journal.kafka} in the file, an in-process broker):
 * commands are journaled there, a restart starts from the node's snapshot and answers alike, {@code
 * audit verify} and {@code replay} read the same topic through the same file.
 */
class ServeOnKafkaTest {

  @TempDir Path dir;

  @Test
  void serveJournalsOnKafkaAndAuditVerifyAndReplayReadIt() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    String us = ServedInProcess.token(init.out(), "us-officer");
    String ru = ServedInProcess.token(init.out(), "ru-officer");
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    ObjectNode kafka = config.putObject("journal").putObject("kafka");
    kafka.put("bootstrapServers", settings.bootstrapServers()).put("topic", settings.topic());
    kafka
        .put("replicationFactor", 1)
        .putObject("properties")
        .put("client.dns.lookup", "use_all_dns_ips");
    Files.writeString(file, config.toString());
    Path data = dir.resolve("data");

    String before;
    try (ServedInProcess serve = ServedInProcess.start(file, data)) {
      assertThat(serve.journal()).isEqualTo(settings.where());
      assertThat(serve.replayed()).isZero();
      Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      serve.post(us, "/movements", movement("us-1", start, 40.0, 41.0));
      serve.post(ru, "/movements", movement("ru-1", start, 41.0, 40.0));
      before = serve.get(us, "/alerts") + serve.get(ru, "/movements?scope=visible");
      assertThat(before).contains("cf-1", "ru-1");
    }
    assertThat(Files.exists(data.resolve("journal.db"))).as("no SQLite journal").isFalse();

    try (ServedInProcess serve = ServedInProcess.start(file, data)) {
      // from the snapshot taken on stopping (D40): the two notifications and the settings
      // journaled at the first write (D28) are in it, nothing is left to replay
      try (KafkaJournal journal = KafkaJournal.open(settings)) {
        assertThat(serve.snapshot()).isEqualTo(journal.lastSeq());
      }
      assertThat(serve.replayed()).isZero();
      assertThat(serve.get(us, "/alerts") + serve.get(ru, "/movements?scope=visible"))
          .isEqualTo(before);
    }

    Result audit = Cli.run("audit", "verify", "--config", file.toString());
    assertThat(audit.exitCode()).as(audit.out() + audit.err()).isEqualTo(ExitCodes.OK);
    assertThat(audit.out())
        .startsWith("journal " + settings.where() + ": ")
        .contains("records, chain intact, last hash ");
    Result replay =
        Cli.run(
            "replay",
            "--config",
            file.toString(),
            "--as",
            "us",
            "--at",
            Instant.now().plus(1, ChronoUnit.DAYS).toString(),
            "--format",
            "text");
    assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
    assertThat(replay.out()).contains("item.notify", "us-1", "alert.raised").doesNotContain("ru-1");
  }

  @Test
  void aKafkaSettingTheJournalNeedsIsRefusedNamingTheField() throws Exception {
    Path file = dir.resolve("deconflict.json");
    assertThat(Cli.run("init", "--config", file.toString()).exitCode()).isEqualTo(ExitCodes.OK);
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    ObjectNode kafka = config.putObject("journal").putObject("kafka");
    kafka.put("bootstrapServers", "127.0.0.1:1").put("topic", "journal");
    kafka.putObject("properties").put("acks", "1");
    Files.writeString(file, config.toString());

    Result serve = Cli.run("serve", "--config", file.toString(), "--port", "0");
    Result audit = Cli.run("audit", "verify", "--config", file.toString());

    assertThat(serve.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(serve.err())
        .contains(
            file
                + ": journal.kafka.properties.acks is set by the journal itself and cannot be"
                + " configured");
    assertThat(audit.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(audit.err()).contains("journal.kafka.properties.acks");
  }
}
