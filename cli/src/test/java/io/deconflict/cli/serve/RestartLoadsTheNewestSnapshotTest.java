package io.deconflict.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.service.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} snapshots its state into the journal as configured ({@code snapshots} in the file)
 * and, started again, loads the newest snapshot and replays only what follows it; a newest snapshot
 * that fails its checksum is skipped for the one before. What members are answered over HTTP is the
 * same after every restart.
 */
class RestartLoadsTheNewestSnapshotTest {

  private static final Pattern LISTENING =
      Pattern.compile(
          "deconflict listening on (http://\\S+/api/v1) \\(journal (.+?), (snapshot after record"
              + " (\\d+), )?(\\d+) commands? replayed\\)");

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
    try (Running serve = Running.start(file, data)) {
      assertThat(serve.loadedSnapshot()).isEmpty();
      Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      post(serve, us, "/movements", movement("us-1", start, 40.0, 41.0));
      post(serve, ru, "/movements", movement("ru-1", start, 41.0, 40.0));
      post(serve, us, "/movements", movement("us-2", start, 40.0, 40.5));
      post(
          serve,
          us,
          "/positions",
          "[{\"unit\": \"u1\", \"time\": \""
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + "\", \"lon\": 40.65, \"lat\": 36.5, \"course\": 90, \"speed\": 20}]");
      post(
          serve,
          ru,
          "/hotline/threads/pair:ru:us/messages",
          "{\"text\": \"patrol at the bridge\"}");
      before = answers(serve, tokens);
      assertThat(before).contains("al-1", "us-1", "ru-1", "patrol at the bridge", "u1");
    }
    List<Long> stored = SqliteSnapshots.readOnly(journal).positions();
    assertThat(stored).hasSize(3);
    long newest = stored.get(0);

    try (Running serve = Running.start(file, data)) {
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
    try (Running serve = Running.start(file, data)) {
      assertThat(serve.loadedSnapshot()).hasValue(now.get(1));
      assertThat(answers(serve, tokens)).isEqualTo(before);
    }
    // stopping took a snapshot of the same state in place of the damaged one
    Result audit = Cli.run("audit", "verify", "--data", data.toString());
    assertThat(audit.exitCode()).as(audit.out() + audit.err()).isZero();
    assertThat(audit.out()).contains("snapshot after record " + now.get(0) + ": equals a replay");
  }

  private static String movement(String id, Instant start, double lonFrom, double lonTo) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"properties\": {\"times\": [\""
        + start
        + "\", \""
        + start.plus(1, ChronoUnit.HOURS)
        + "\"]}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [["
        + lonFrom
        + ", 36.5], ["
        + lonTo
        + ", 36.5]]}}";
  }

  /** What three members are told, as text. */
  private String answers(Running serve, Map<String, String> tokens) throws Exception {
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
        HttpResponse<String> r = get(serve, tokens.getOrDefault(member, ""), path);
        out.append(member).append(' ').append(path).append(' ').append(r.statusCode());
        out.append(' ').append(r.body()).append('\n');
      }
    }
    return out.toString();
  }

  private HttpResponse<String> get(Running serve, String token, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(serve.base() + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void post(Running serve, String token, String path, String body) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(serve.base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
  }

  private static String token(String initOut, String member) {
    Matcher m =
        Pattern.compile("(?m)^" + member + "\\s+\\S+\\s+\\S+\\s+(dct_\\S+)$").matcher(initOut);
    assertThat(m.find()).as("token of " + member).isTrue();
    return m.group(1);
  }

  /** {@code serve} running on a free port in this JVM; closing it does what SIGTERM does. */
  private record Running(
      String base,
      java.util.Optional<Long> loadedSnapshot,
      long replayed,
      List<Thread> hooks,
      Future<Integer> exit,
      ExecutorService thread)
      implements AutoCloseable {

    static Running start(Path config, Path data) throws Exception {
      List<Thread> hooks = new CopyOnWriteArrayList<>();
      CommandLine commandLine = new CommandLine(new ServeCommand(Map.of(), hooks::add));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      ExecutorService thread = Executors.newSingleThreadExecutor();
      Future<Integer> exit =
          thread.submit(
              () ->
                  commandLine.execute(
                      "--config", config.toString(), "--port", "0", "--data", data.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Matcher m = LISTENING.matcher(out.toString());
        if (m.find()) {
          return new Running(
              m.group(1),
              m.group(4) == null
                  ? java.util.Optional.empty()
                  : java.util.Optional.of(Long.parseLong(m.group(4))),
              Long.parseLong(m.group(5)),
              hooks,
              exit,
              thread);
        }
        if (exit.isDone()) {
          throw new AssertionError("serve ended with " + exit.get() + ": " + err + out);
        }
        Thread.sleep(20);
      }
      throw new AssertionError("serve did not start within 60 s: " + err);
    }

    @Override
    public void close() throws Exception {
      for (Thread hook : hooks) {
        hook.start();
        hook.join(30_000);
      }
      assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
      thread.shutdownNow();
    }
  }
}
