package io.deconflict.cli.journal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.ServedInProcess;
import io.deconflict.journal.Snapshot;
import io.deconflict.journal.Snapshots;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.journal.kafka.KafkaBroker;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Service nodes on a Kafka journal keep snapshots in their data directory (D40): a node restarts
 * from its snapshot and the log after it, a node that only follows another snapshots too, {@code
 * audit verify} proves each node's snapshots equal a replay of the topic byte for byte, and a
 * snapshot that is damaged or does not match the topic is refused with its reason and the topic
 * replayed in full. One in-process KRaft broker; every command over the HTTP API.
 */
class NodeSnapshotsOnKafkaTest {

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Instant start =
      Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

  private Path file;
  private KafkaJournalSettings settings;
  private String us;
  private String ru;

  @BeforeEach
  void configure() throws Exception {
    log.start();
    ((Logger) LoggerFactory.getLogger(Application.class)).addAppender(log);
    file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    us = ServedInProcess.token(init.out(), "us-officer");
    ru = ServedInProcess.token(init.out(), "ru-officer");
    settings = KafkaBroker.newJournal();
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    ObjectNode kafka = config.putObject("journal").putObject("kafka");
    kafka.put("bootstrapServers", settings.bootstrapServers()).put("topic", settings.topic());
    kafka.put("replicationFactor", 1).put("followEvery", "PT0.05S");
    config.putObject("snapshots").put("everyRecords", 3).put("keep", 10);
    Files.writeString(file, config.toString());
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger(Application.class)).detachAppender(log);
  }

  @Test
  void aNodeRestartsFromItsSnapshotAndTheLogAndTheAuditProvesEverySnapshot() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    String onA;
    try (ServedInProcess nodeA = ServedInProcess.start(file, a)) {
      try (ServedInProcess nodeB = ServedInProcess.start(file, b)) {
        for (int i = 0; i < 5; i++) {
          nodeA.post(us, "/movements", movement("us-" + i, 40.0, 41.0));
        }
        nodeA.post(ru, "/movements", movement("ru-0", 41.0, 40.0));
        eventually(nodeB, "ru-0");
        // B only follows, and snapshots as it folds (every 3 records here), in the background
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (positions(b).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(positions(b)).as("B's snapshots while following").isNotEmpty();
      } // B stops: a snapshot of what it folded
      long stoppedAt = positions(b).get(0);

      nodeA.post(ru, "/movements", movement("ru-1", 41.0, 40.2)); // while B is down
      nodeA.post(us, "/movements", movement("us-9", 40.1, 41.0));
      try (ServedInProcess nodeB = ServedInProcess.start(file, b)) {
        assertThat(nodeB.snapshot()).as("B starts from its snapshot").isEqualTo(stoppedAt);
        assertThat(nodeB.replayed()).as("and replays only the log after it").isEqualTo(2);
        onA = state(nodeA);
        assertThat(state(nodeB)).isEqualTo(onA);
        nodeB.post(us, "/movements", movement("us-10", 40.2, 41.0)); // written by the node restored
        eventually(nodeA, "us-10");
      }
    }
    assertThat(messages()).noneMatch(m -> m.startsWith("skipping"));

    for (Path node : List.of(a, b)) {
      Result audit =
          Cli.run("audit", "verify", "--config", file.toString(), "--data", node.toString());
      assertThat(audit.exitCode()).as(audit.out() + audit.err()).isEqualTo(ExitCodes.OK);
      List<Long> kept = positions(node);
      assertThat(kept).hasSizeGreaterThan(1);
      for (long seq : kept) {
        assertThat(audit.out())
            .contains("snapshot after record " + seq + ": equals a replay of records 1 to " + seq);
      }
    }
  }

  @Test
  void aDamagedOrForeignSnapshotIsRefusedWithItsReasonAndTheLogReplayed() throws Exception {
    Path data = dir.resolve("node");
    String before;
    try (ServedInProcess node = ServedInProcess.start(file, data)) {
      node.post(us, "/movements", movement("us-0", 40.0, 41.0));
      node.post(ru, "/movements", movement("ru-0", 41.0, 40.0));
      before = state(node);
    }
    long head;
    try (KafkaJournal journal = KafkaJournal.open(settings)) {
      head = journal.lastSeq();
    }
    Path snapshots = ServiceRuntime.snapshotsFile(data);
    assertThat(positions(data)).startsWith(head);
    Snapshot real = SqliteSnapshots.readOnly(snapshots).load(head).snapshot().orElseThrow();
    Snapshots store = SqliteSnapshots.inFile(snapshots);
    // a snapshot of another topic: intact, but its head hash is not the record's here
    store.save(new Snapshot(head, real.time(), new byte[32], real.state()), 100);
    // and one past the end of the topic
    store.save(new Snapshot(head + 5, real.time(), real.headHash(), real.state()), 100);
    // and an older one damaged
    store.save(new Snapshot(head - 1, real.time(), real.headHash(), real.state()), 100);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + snapshots);
        Statement s = c.createStatement()) {
      s.execute("UPDATE snapshot_chunks SET bytes = zeroblob(length(bytes)) WHERE seq < " + head);
    }

    Result audit =
        Cli.run("audit", "verify", "--config", file.toString(), "--data", data.toString());
    assertThat(audit.exitCode()).isEqualTo(1);
    assertThat(audit.err())
        .contains("snapshot after record " + head + ": its head hash 000000000000... is not record")
        .contains("snapshot after record " + (head + 5) + ": cannot be checked")
        .contains("checksum does not match its content");

    try (ServedInProcess node = ServedInProcess.start(file, data)) {
      assertThat(node.snapshot()).as("no snapshot used").isZero();
      assertThat(node.replayed()).as("the whole topic replayed").isEqualTo(3);
      assertThat(state(node)).isEqualTo(before);
    }
    assertThat(messages())
        .anyMatch(
            m ->
                m.equals(
                    "skipping the snapshot after record "
                        + (head + 5)
                        + ": the journal has no such record; trying an older one"))
        .anyMatch(
            m ->
                m.equals(
                    "skipping the snapshot after record "
                        + head
                        + ": the journal has another record there; trying an older one"))
        .anyMatch(
            m ->
                m.startsWith("skipping the snapshot after record ")
                    && m.contains("checksum does not match its content"));
  }

  private List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static List<Long> positions(Path data) {
    return SqliteSnapshots.readOnly(ServiceRuntime.snapshotsFile(data)).positions();
  }

  private String state(ServedInProcess node) throws Exception {
    return node.get(us, "/movements")
        + node.get(ru, "/movements?scope=visible")
        + node.get(us, "/alerts")
        + node.get(ru, "/alerts");
  }

  /** Asks the node's movements (as both parties) until {@code id} is among them, up to 10 s. */
  private void eventually(ServedInProcess node, String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String got = state(node);
    while (!got.contains("\"" + id + "\"") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      got = state(node);
    }
    assertThat(got).as("the node's answer within 10 s").contains("\"" + id + "\"");
  }

  private String movement(String id, double lonFrom, double lonTo) {
    return ServedInProcess.movement(id, start, lonFrom, lonTo);
  }
}
