package io.deconflict.cli.serve;

import static io.deconflict.cli.ServedInProcess.movement;
import static io.deconflict.cli.ServedInProcess.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.ServedInProcess;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.service.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} snapshots its state into the journal as configured ({@code snapshots} in the file)
 * and, started again, loads the newest snapshot and replays only what follows it; a newest snapshot
 * that fails its checksum is skipped for the one before. What members are answered over HTTP is the
 * same after every restart.
 */
class RestartLoadsTheNewestSnapshotTest {

  @TempDir Path dir;

  @Test
  void aRestartLoadsTheNewestIntactSnapshotAndAnswersAlike() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    Map<String, String> tokens =
        Map.of(
            "us-officer", token(init.out(), "us-officer"),
            "ru-officer", token(init.out(), "ru-officer"),
            "operator", token(init.out(), "operator"));
    String us = token(init.out(), "us-officer");
    String ru = token(init.out(), "ru-officer");
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    config
        .putObject("snapshots")
        .put("everyRecords", 4)
        .put("everyEventTime", "PT0S")
        .put("keep", 3)
        .put("onClose", true);
    Files.writeString(file, config.toString());
    Path data = dir.resolve("data");
    Path journal = data.resolve("journal.db");

    String before;
    try (ServedInProcess serve = ServedInProcess.start(file, data)) {
      assertThat(serve.loadedSnapshot()).isEmpty();
      Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      serve.post(us, "/movements", movement("us-1", start, 40.0, 41.0));
      serve.post(ru, "/movements", movement("ru-1", start, 41.0, 40.0));
      serve.post(us, "/movements", movement("us-2", start, 40.0, 40.5));
      serve.post(
          us,
          "/positions",
          "[{\"unit\": \"u1\", \"time\": \""
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + "\", \"lon\": 40.65, \"lat\": 36.5, \"course\": 90, \"speed\": 20}]");
      serve.post(
          ru, "/hotline/threads/pair:ru:us/messages", "{\"text\": \"patrol at the bridge\"}");
      before = answers(serve, tokens);
      assertThat(before).contains("al-1", "us-1", "ru-1", "patrol at the bridge", "u1");
    }
    List<Long> stored = SqliteSnapshots.readOnly(journal).positions();
    assertThat(stored).hasSize(3);
    long newest = stored.get(0);

    try (ServedInProcess serve = ServedInProcess.start(file, data)) {
      assertThat(serve.loadedSnapshot()).hasValue(newest);
      assertThat(serve.replayed()).isZero();
      assertThat(answers(serve, tokens)).isEqualTo(before);
    }

    // the newest snapshot is damaged: its checksum no longer matches, the one before is loaded
    List<Long> now = SqliteSnapshots.readOnly(journal).positions();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
        Statement s = c.createStatement()) {
      // the state is stored in chunks (D26)
      s.executeUpdate(
          "UPDATE snapshot_chunks SET bytes = zeroblob(length(bytes)) WHERE seq = " + now.get(0));
    }
    Result damaged = Cli.run("audit", "verify", "--data", data.toString());
    assertThat(damaged.exitCode()).as(damaged.out() + damaged.err()).isEqualTo(1);
    assertThat(damaged.err())
        .contains("snapshot after record " + now.get(0) + ": checksum does not match");
    try (ServedInProcess serve = ServedInProcess.start(file, data)) {
      assertThat(serve.loadedSnapshot()).hasValue(now.get(1));
      assertThat(answers(serve, tokens)).isEqualTo(before);
    }
    // stopping took a snapshot of the same state in place of the damaged one
    Result audit = Cli.run("audit", "verify", "--data", data.toString());
    assertThat(audit.exitCode()).as(audit.out() + audit.err()).isZero();
    assertThat(audit.out()).contains("snapshot after record " + now.get(0) + ": equals a replay");
  }

  /** What three members are told, as text. */
  private static String answers(ServedInProcess serve, Map<String, String> tokens)
      throws Exception {
    StringBuilder out = new StringBuilder();
    for (String member : List.of("us-officer", "ru-officer", "operator")) {
      for (String path :
          List.of(
              "/alerts",
              "/movements?scope=visible",
              "/tracks?scope=visible",
              "/agreements",
              "/hotline/threads",
              "/hotline/threads/pair:ru:us/messages")) {
        HttpResponse<String> r = serve.response(tokens.getOrDefault(member, ""), path);
        out.append(member).append(' ').append(path).append(' ').append(r.statusCode());
        out.append(' ').append(r.body()).append('\n');
      }
    }
    return out.toString();
  }
}
