package io.deconflict.cli.journal;

import static io.deconflict.cli.ServedInProcess.movement;
import static io.deconflict.cli.ServedInProcess.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.ServedInProcess;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.kafka.KafkaBroker;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.service.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} nodes on one Kafka journal (D27, part 2), each with a data directory of its own
 * and one in-process KRaft broker between them: a command accepted by one is seen through the
 * other's HTTP API and event stream; commands sent to both at once are all stored once, in one
 * order, and both nodes end in the same state; a node started late catches up.
 */
class TwoNodesOnOneJournalTest {

  private static final int PER_NODE = 6;

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void twoNodesServeOneJournalAsDeterministicReplicas() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    String us = token(init.out(), "us-officer");
    String ru = token(init.out(), "ru-officer");
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    ObjectNode kafka = config.putObject("journal").putObject("kafka");
    kafka.put("bootstrapServers", settings.bootstrapServers()).put("topic", settings.topic());
    kafka.put("replicationFactor", 1).put("followEvery", "PT0.05S");
    Files.writeString(file, config.toString());
    Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (ServedInProcess a = ServedInProcess.start(file, dir.resolve("a"));
        ServedInProcess b = ServedInProcess.start(file, dir.resolve("b"))) {
      // accepted by A, seen through B's event stream and B's API
      Future<String> streamed = pool.submit(() -> firstEventNaming(b, ru, "ru-1"));
      Thread.sleep(300); // the stream is open: it starts with the next fact
      a.post(ru, "/movements", movement("ru-1", start, 41.0, 40.0));
      assertThat(streamed.get(10, TimeUnit.SECONDS)).contains("item.notify", "ru-1");
      assertThat(eventually(() -> b.get(ru, "/movements"), "ru-1")).contains("ru-1");

      // sent to both at once: each stored once, in one order
      List<Future<?>> sent = new ArrayList<>();
      for (ServedInProcess node : List.of(a, b)) {
        String name = node == a ? "a" : "b";
        sent.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PER_NODE; i++) {
                    node.post(us, "/movements", movement("us-" + name + i, start, 40.0, 41.0));
                  }
                  return null;
                }));
      }
      for (Future<?> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
      String last = "us-b" + (PER_NODE - 1);
      // each node has folded the whole journal once its own list holds both senders' last items
      // (the state is four reads: an id found in a later one's alerts says nothing of the first)
      for (ServedInProcess node : List.of(a, b)) {
        eventually(() -> node.get(us, "/movements"), "us-a" + (PER_NODE - 1), last);
      }
      String onA = state(a, us, ru);
      String onB = state(b, us, ru);
      assertSameState(onA, onB);
      assertThat(onA).contains("cf-1");
      List<String> notified = notifiedIds(settings);
      assertThat(notified).hasSize(1 + 2 * PER_NODE).doesNotHaveDuplicates();

      // a node started late catches up from the journal
      try (ServedInProcess late = ServedInProcess.start(file, dir.resolve("late"))) {
        // and the settings, journaled once by the node that wrote first (D28)
        assertThat(late.replayed()).isEqualTo(2 + 2 * PER_NODE);
        assertThat(state(late, us, ru)).isEqualTo(onA);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** On a mismatch, names the first place the two answers part, with some context either side. */
  private static void assertSameState(String onA, String onB) {
    if (onA.equals(onB)) {
      return;
    }
    int i = 0;
    while (i < Math.min(onA.length(), onB.length()) && onA.charAt(i) == onB.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 400);
    throw new AssertionError(
        "the nodes part at character "
            + i
            + "\nA: "
            + onA.substring(from, Math.min(onA.length(), i + 400))
            + "\nB: "
            + onB.substring(from, Math.min(onB.length(), i + 400)));
  }

  /** The ids of every item.notify in the topic, in journal order; checks the chain as it reads. */
  private static List<String> notifiedIds(KafkaJournalSettings settings) {
    List<String> ids = new ArrayList<>();
    List<JournalRecord> records = new ArrayList<>();
    assertThat(KafkaJournal.verify(settings, records::add).ok()).isTrue();
    for (JournalRecord r : records) {
      if (r.type().equals("item.notify")) {
        String payload = new String(r.payload(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"id\":\"([a-z0-9-]+)\"").matcher(payload);
        assertThat(m.find()).as(payload).isTrue();
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  private String state(ServedInProcess node, String us, String ru) throws Exception {
    return node.get(us, "/movements")
        + node.get(ru, "/movements?scope=visible")
        + node.get(us, "/alerts")
        + node.get(ru, "/alerts");
  }

  /** Asks until the answer contains every one of {@code wanted}, for up to 10 seconds. */
  private static String eventually(Read read, String... wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String got = read.get();
    while (!containsAll(got, wanted) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      got = read.get();
    }
    assertThat(got).as("the answer within 10 s").contains(wanted);
    return got;
  }

  private static boolean containsAll(String got, String... wanted) {
    for (String w : wanted) {
      if (!got.contains(w)) {
        return false;
      }
    }
    return true;
  }

  @FunctionalInterface
  private interface Read {
    String get() throws Exception;
  }

  /** Reads the node's event stream until an event's data names {@code id}; returns that event. */
  private String firstEventNaming(ServedInProcess node, String token, String id) throws Exception {
    HttpResponse<InputStream> r =
        client.send(
            HttpRequest.newBuilder(URI.create(node.base() + "/events"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      StringBuilder event = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (event.toString().contains("\"" + id + "\"")) {
            return event.toString();
          }
          event.setLength(0);
        } else {
          event.append(line).append('\n');
        }
      }
    }
    throw new AssertionError("the stream ended before an event named " + id);
  }
}
