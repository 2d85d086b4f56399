package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.journal.JournalVerifier;
import io.deconflict.journal.Verification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service killed hard (SIGKILL) in the middle of a burst of notifications keeps, after a
 * restart, every notification that got a 2xx, and its journal verifies; a flipped byte in the
 * journal is then detected.
 */
class CrashRecoveryTest {

  @TempDir Path data;

  @Test
  void everyNotificationThatGotA2xxSurvivesAKillAndTheJournalVerifies() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ServerProcess.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    int port = -1;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("PORT ")) {
        port = Integer.parseInt(line.substring(5).trim());
        break;
      }
    }
    assertThat(port).as("child server port").isPositive();
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discard the child's log
                }
              } catch (IOException e) {
                // the child died
              }
            });
    drain.setDaemon(true);
    drain.start();

    HttpClient http = HttpClient.newHttpClient();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Instant start = Instant.now().plus(Duration.ofDays(2));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    String base = "http://127.0.0.1:" + port + "/api/v1/movements";
    for (int t = 0; t < 8; t++) {
      pool.submit(
          () -> {
            while (!stop.get()) {
              int n = next.getAndIncrement();
              String party = n % 2 == 0 ? "us" : "ru";
              String id = party + "-burst-" + n;
              double lat = 36.0 + (n % 97) * 0.01;
              String body =
                  TestService.movement(
                      id, 40.0, lat, 40.5, lat + 0.05, start, start.plus(Duration.ofHours(2)));
              HttpRequest req =
                  HttpRequest.newBuilder(URI.create(base))
                      .header("Authorization", "Bearer token-" + party + "-officer")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build();
              try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                  acknowledged.add(party + "/" + id);
                }
              } catch (IOException e) {
                return null; // the server was killed
              }
            }
            return null;
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    child.destroyForcibly(); // SIGKILL while requests are in flight
    child.waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

    Path journal = data.resolve("journal.db");
    Verification afterCrash = JournalVerifier.verify(journal);
    assertThat(afterCrash.ok()).as(afterCrash.toString()).isTrue();

    List<String> lost = new ArrayList<>();
    try (TestService restarted = new TestService(data, Clock.systemUTC())) {
      for (String key : acknowledged) {
        String party = key.substring(0, key.indexOf('/'));
        String id = key.substring(key.indexOf('/') + 1);
        if (restarted.get(party + "-officer", "/movements/" + id).status() != 200) {
          lost.add(key);
        }
      }
    }
    assertThat(lost).as("notifications that got a 201 but are gone after the restart").isEmpty();

    // a flipped byte in a record is detected; the record's text may also lie in free space of a
    // page (left by a page split), so every copy is flipped: the live one is among them
    byte[] bytes = Files.readAllBytes(journal);
    byte[] needle = "us-burst-0\"".getBytes(StandardCharsets.UTF_8);
    int flipped = 0;
    for (int at = indexOf(bytes, needle, 0); at >= 0; at = indexOf(bytes, needle, at + 1)) {
      bytes[at + 3] ^= 0x01;
      flipped++;
    }
    assertThat(flipped).as("copies of a record's bytes in the file").isPositive();
    Files.write(journal, bytes);
    Verification tampered = JournalVerifier.verify(journal);
    assertThat(tampered.ok()).isFalse();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
