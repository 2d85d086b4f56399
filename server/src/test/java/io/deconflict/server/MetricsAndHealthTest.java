package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.map.MapLayers;
import io.deconflict.server.metrics.ManagementServer;
import io.deconflict.server.metrics.Readiness;
import io.deconflict.server.metrics.ServiceMetrics;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.limit.MemberLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 6: the management listener over the wire. Readiness is 503 while the journal
 * replays (its read is held on a latch) and 200 once the service serves, 503 again when it shuts
 * down; liveness is 200 throughout. A scrape of {@code /metrics} has every series
 * docs/operations.md lists, they move with the requests, commands and alerts that happen, routes
 * are labelled by template and never by raw path, and no series names a party or a member.
 */
class MetricsAndHealthTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  /** A journal whose first read (the replay) waits until the test lets it go. */
  private static final class HeldJournal implements Journal {
    final Journal inner;
    final CountDownLatch replay = new CountDownLatch(1);

    HeldJournal(Journal inner) {
      this.inner = inner;
    }

    @Override
    public List<JournalRecord> append(List<Entry> entries) {
      return inner.append(entries);
    }

    @Override
    public List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries) {
      return inner.appendAfter(expectedLastSeq, entries);
    }

    @Override
    public void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
      try {
        replay.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inner.read(fromSeq, toSeq, sink);
    }

    @Override
    public long lastSeq() {
      return inner.lastSeq();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private HttpResponse<String> get(URI uri, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of one series in a scrape, or -1 if it is not there. */
  private static double value(String scrape, String name, String... labels) {
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        Matcher m = Pattern.compile(" ([-+0-9.eE]+|NaN)$").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
      }
    }
    return -1;
  }

  /**
   * Scrapes until {@code series} reaches {@code atLeast} (the request log runs after the reply).
   */
  private String awaitSeries(URI metrics, double atLeast, String series, String... labels)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String scrape = "";
    while (System.nanoTime() < deadline) {
      scrape = get(metrics, "").body();
      if (value(scrape, series, labels) >= atLeast) {
        return scrape;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(series + " " + List.of(labels) + " never reached " + atLeast);
  }

  @Test
  void readyOnlyAfterReplayAndTheSeriesMoveWithWhatHappens() throws Exception {
    Configuration config = Configuration.parse(TestService.configJson(dir), Map.of());
    ServiceMetrics metrics = new ServiceMetrics();
    Readiness readiness = new Readiness();
    MemberLimits limits = MemberLimits.of(MemberLimits.Settings.DEFAULT, System::nanoTime);
    metrics.bind(limits);
    Clock clock = Clock.fixed(TestService.T0, ZoneOffset.UTC);
    Path journalFile = ServiceRuntime.journalFile(dir);
    HeldJournal journal = new HeldJournal(SqliteJournal.open(journalFile));
    try (ManagementServer management = ManagementServer.start("127.0.0.1", 0, metrics, readiness)) {
      URI ready = management.uri().resolve("/health/ready");
      URI live = management.uri().resolve("/health/live");
      URI scrapeUri = management.uri().resolve("/metrics");
      CompletableFuture<ServiceRuntime> opening =
          CompletableFuture.supplyAsync(
              () ->
                  ServiceRuntime.open(
                      journal,
                      config.directory(),
                      config.defaults(),
                      clock,
                      20,
                      Application.DEFAULT_MAX_COMMIT_BYTES));
      // replaying: alive, not ready
      HttpResponse<String> replaying = get(ready, "");
      assertThat(replaying.statusCode()).isEqualTo(503);
      assertThat(Json.MAPPER.readTree(replaying.body()).path("detail").asText())
          .contains("replaying the journal");
      assertThat(get(live, "").statusCode()).isEqualTo(200);
      assertThat(opening).isNotDone();
      journal.replay.countDown();
      ServiceRuntime runtime = opening.get(60, TimeUnit.SECONDS);
      metrics.bind(runtime.application(), journalFile);
      try (ApiServer server =
          ApiServer.start(
              runtime.application(),
              config,
              clock,
              MapLayers.none(),
              new ApiServer.Operations(limits, metrics))) {
        readiness.serving(runtime.application(), journalFile);
        HttpResponse<String> up = get(ready, "");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"ready\"}");

        String before = get(scrapeUri, "").body();
        assertThat(get(scrapeUri, "").headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/plain; version=0.0.4");
        for (String series :
            List.of(
                "deconflict_writer_queue_commands",
                "deconflict_journal_records",
                "deconflict_journal_size_bytes",
                "deconflict_items",
                "deconflict_events_subscribers",
                "deconflict_limit_refusals_total",
                "deconflict_writer_commit_seconds_count",
                "jvm_memory_used_bytes",
                "process_uptime_seconds")) {
          assertThat(value(before, series)).as(series + " in\n" + before).isGreaterThanOrEqualTo(0);
        }
        for (int level = 1; level <= 3; level++) {
          assertThat(value(before, "deconflict_alerts_open", "level=\"" + level + "\""))
              .isEqualTo(0);
        }

        // a request moves the counter of its route and status
        URI base = server.uri();
        assertThat(get(URI.create(base + "/me"), "token-us-officer").statusCode()).isEqualTo(200);
        awaitSeries(
            scrapeUri,
            1,
            "deconflict_http_requests_seconds_count",
            "route=\"/api/v1/me\"",
            "status=\"200\"",
            "method=\"GET\"");
        // a raw path with an id is labelled by its template
        assertThat(get(URI.create(base + "/alerts/al-secret-42"), "token-us-officer").statusCode())
            .isEqualTo(404);
        String afterMiss =
            awaitSeries(
                scrapeUri,
                1,
                "deconflict_http_requests_seconds_count",
                "route=\"/api/v1/alerts/{id}\"",
                "status=\"404\"");
        assertThat(afterMiss).doesNotContain("al-secret-42");
        // an unknown path without a token is 401, under one label whatever the path
        assertThat(get(URI.create(base + "/no/such/x-secret"), "").statusCode()).isEqualTo(401);
        awaitSeries(
            scrapeUri,
            1,
            "deconflict_http_requests_seconds_count",
            "route=\"unmatched\"",
            "status=\"401\"");

        // two crossing movements: detection runs, two alerts open at level 1, the journal grows
        double records = value(before, "deconflict_journal_records");
        String us =
            TestService.movement(
                "u-1",
                36.0,
                36.0,
                36.2,
                36.0,
                TestService.T0.plusSeconds(100_000),
                TestService.T0.plusSeconds(103_600));
        String ru =
            TestService.movement(
                "r-1",
                36.1,
                35.9,
                36.1,
                36.1,
                TestService.T0.plusSeconds(100_000),
                TestService.T0.plusSeconds(103_600));
        assertThat(
                post(
                        URI.create(base + "/agreements"),
                        "token-operator",
                        "{\"parties\": [\"us\", \"ru\"], \"separationMeters\": 1000}")
                    .statusCode())
            .isEqualTo(201);
        assertThat(post(URI.create(base + "/movements"), "token-us-officer", us).statusCode())
            .isEqualTo(201);
        assertThat(post(URI.create(base + "/movements"), "token-ru-officer", ru).statusCode())
            .isEqualTo(201);
        String after = get(scrapeUri, "").body();
        assertThat(value(after, "deconflict_alerts_open", "level=\"1\"")).isEqualTo(2);
        assertThat(value(after, "deconflict_items")).isEqualTo(2);
        assertThat(value(after, "deconflict_journal_records")).isGreaterThan(records + 3);
        assertThat(value(after, "deconflict_journal_size_bytes")).isGreaterThan(0);
        assertThat(
                value(after, "deconflict_writer_command_seconds_count", "command=\"item.notify\""))
            .isEqualTo(2);
        assertThat(value(after, "deconflict_writer_commit_seconds_count"))
            .isGreaterThanOrEqualTo(3);

        // an event stream is counted while it is open
        try (TestServiceStream stream = new TestServiceStream(base, "token-ru-officer")) {
          awaitSeries(scrapeUri, 1, "deconflict_events_subscribers");
        }

        // the whole scrape names no party, member, token or item
        String last = get(scrapeUri, "").body();
        for (String secret :
            List.of("us-officer", "ru-officer", "operator\"", "token-", "u-1", "r-1", "x-secret")) {
          assertThat(last).as(secret).doesNotContain(secret);
        }
      }
      runtime.close();
      HttpResponse<String> down = get(ready, "");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("shutting down");
      assertThat(get(live, "").statusCode()).isEqualTo(200);
    }
  }

  /** An event stream opened with the JDK's client, read on its own thread until closed. */
  private final class TestServiceStream implements AutoCloseable {
    private final CompletableFuture<HttpResponse<java.io.InputStream>> response;

    TestServiceStream(URI base, String token) {
      response =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/events"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
    }

    @Override
    public void close() throws Exception {
      response.get(30, TimeUnit.SECONDS).body().close();
    }
  }

  @SuppressWarnings("unused")
  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }
}
