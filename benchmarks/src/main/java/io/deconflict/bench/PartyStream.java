package io.deconflict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import io.deconflict.testkit.sse.SseClient;
import io.deconflict.testkit.sse.SseEvent;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A party officer's event stream during a live-tracks run, read by the shared {@link SseClient}
 * (reopened at once from the last id whenever the server ends it): counts what it delivers, by
 * type, and completes the alert-latency probes' and catch-up markers' expectations with the
 * nanoTime their event arrived. Thread-safe.
 */
final class PartyStream implements AutoCloseable {

  private static final String PROBE_ITEM = "\"item\":\"" + AlertProbes.PROBE_PREFIX;
  private static final String SYNC_UNIT = "\"unit\":\"" + AlertProbes.SYNC_PREFIX;

  private final SseClient client;
  private final Map<String, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();

  /** Opens the party's stream at {@code events}; waits up to 30 s for the server to answer. */
  PartyStream(Officers officers, URI events, String party, BenchLog log)
      throws InterruptedException {
    this.client =
        officers.stream(events, party)
            .onEvent(this::event)
            .onError(e -> log.println(party + "'s event stream: " + e))
            .open();
  }

  long events() {
    return client.events();
  }

  /** Characters of the stream so far (its bytes, for the ASCII the service sends). */
  long bytes() {
    return client.charsRead();
  }

  int reconnects() {
    return client.reconnects();
  }

  /** Events received so far by type, sorted by type. */
  Map<String, Long> byType() {
    Map<String, Long> out = new TreeMap<>();
    byType.forEach((type, count) -> out.put(type, count.sum()));
    return out;
  }

  /**
   * The arrival (nanoTime) of the {@code alert.raised} ({@code unit-unit}) whose own unit is the
   * probe unit {@code unit}, or of the report of catch-up marker {@code unit}.
   */
  CompletableFuture<Long> expect(String unit) {
    return expected.computeIfAbsent(unit, k -> new CompletableFuture<>());
  }

  void forget(String unit) {
    expected.remove(unit);
  }

  private void event(SseEvent e) {
    byType.computeIfAbsent(e.type(), k -> new LongAdder()).increment();
    String data = e.data();
    if (data.contains(PROBE_ITEM)) {
      probeAlert(data, e.arrivedNanos());
    } else if (data.contains(SYNC_UNIT)) {
      int at = data.indexOf(SYNC_UNIT) + 8;
      CompletableFuture<Long> f = expected.get(data.substring(at, data.indexOf('"', at)));
      if (f != null) {
        f.complete(e.arrivedNanos());
      }
    }
  }

  private void probeAlert(String data, long arrived) {
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(data);
    } catch (IOException e) {
      return;
    }
    JsonNode body = event.path("body");
    if (!event.path("type").asText().equals("alert.raised")
        || !body.path("kind").asText().equals("unit-unit")) {
      return;
    }
    CompletableFuture<Long> f = expected.get(body.path("own").path("item").asText());
    if (f != null) {
      f.complete(arrived);
    }
  }

  /** Stops reading and closes the connection. */
  @Override
  public void close() {
    client.close();
  }
}
