package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.testkit.clock.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of one hostile-input category each share: a real server on a socket ({@link
 * TestService}), raw HTTP to it ({@link RawHttp}), and the check that a refused request stored
 * nothing: the journal holds no more records than before, and no tracks.
 */
abstract class HostileInput {

  /** A movement's start, far enough ahead of the clock for any notice. */
  static final Instant START = T0.plusSeconds(48 * 3600);

  @TempDir Path data;
  TestService service;
  RawHttp raw;

  @BeforeEach
  void start() {
    service = new TestService(data, SettableClock.at(T0));
    raw = new RawHttp(service.server.uri());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /** Asserts that nothing was journaled since {@code lastSeq} and that no unit has a track. */
  void assertNothingStoredSince(long lastSeq) {
    assertThat(service.runtime.application().lastSeq()).as("journal").isEqualTo(lastSeq);
    assertThat(service.get("us-officer", "/tracks?scope=visible").json().path("tracks"))
        .as("tracks")
        .isEmpty();
  }

  /** The thread every hotline test writes on. */
  static final String THREAD = "/hotline/threads/pair:ru:us/messages";

  /** Asserts that the thread {@link #THREAD} holds no message. */
  void assertNoHotlineMessages() {
    assertThat(service.get("us-officer", THREAD).json().path("messages")).as("messages").isEmpty();
  }

  /** POSTs a batch of position reports as NDJSON for {@code us-officer}. */
  RawHttp.Response postNdjson(byte[] body) {
    return raw.send("POST", "/api/v1/positions", "us-officer", "application/x-ndjson", body);
  }

  /** POSTs a batch of position reports as NDJSON for {@code us-officer}. */
  RawHttp.Response postNdjson(String body) {
    return postNdjson(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The journal's last sequence number now. */
  long lastSeq() {
    return service.runtime.application().lastSeq();
  }

  /** A position report as JSON; {@code extra} is appended to its members. */
  static String report(String unit, double lon, double lat, String extra) {
    return "{\"unit\": \""
        + unit
        + "\", \"time\": \""
        + T0
        + "\", \"lon\": "
        + lon
        + ", \"lat\": "
        + lat
        + extra
        + "}";
  }
}
