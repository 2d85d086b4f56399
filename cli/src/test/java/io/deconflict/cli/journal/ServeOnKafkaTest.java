package io.deconflict.cli.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.serve.ServeCommand;
import io.deconflict.journal.kafka.KafkaBroker;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.service.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code serve} on a journal in Kafka ({@code journal.kafka} in the file, an in-process broker):
 * commands are journaled there, a restart starts from the node's snapshot and answers alike, {@code
 * audit verify} and {@code replay} read the same topic through the same file.
 */
class ServeOnKafkaTest {

  private static final Pattern LISTENING =
      Pattern.compile(
          "deconflict listening on (http://\\S+/api/v1) \\(journal (.+?), (?:snapshot after"
              + " record (\\d+), )?(\\d+) commands? replayed\\)");

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void serveJournalsOnKafkaAndAuditVerifyAndReplayReadIt() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    String us = token(init.out(), "us-officer");
    String ru = token(init.out(), "ru-officer");
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
    try (Running serve = Running.start(file, data)) {
      assertThat(serve.journal()).isEqualTo(settings.where());
      assertThat(serve.replayed()).isZero();
      Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      post(serve, us, "/movements", movement("us-1", start, 40.0, 41.0));
      post(serve, ru, "/movements", movement("ru-1", start, 41.0, 40.0));
      before = get(serve, us, "/alerts") + get(serve, ru, "/movements?scope=visible");
      assertThat(before).contains("cf-1", "ru-1");
    }
    assertThat(Files.exists(data.resolve("journal.db"))).as("no SQLite journal").isFalse();

    try (Running serve = Running.start(file, data)) {
      // from the snapshot taken on stopping (D40): the two notifications and the settings
      // journaled at the first write (D28) are in it, nothing is left to replay
      try (KafkaJournal journal = KafkaJournal.open(settings)) {
        assertThat(serve.snapshot()).isEqualTo(journal.lastSeq());
      }
      assertThat(serve.replayed()).isZero();
      assertThat(get(serve, us, "/alerts") + get(serve, ru, "/movements?scope=visible"))
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

  private String get(Running serve, String token, String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(serve.base() + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body() + "\n";
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
  record Running(
      String base,
      String journal,
      long snapshot,
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
              m.group(2),
              m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)),
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
