package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.server.metrics.ServiceMetrics;
import io.deconflict.service.limit.MemberLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 5: a member over its limits gets {@code 429} with {@code Retry-After}, as a
 * problem document, and another member is served all the while. Over the wire, with limits small
 * enough to reach in a test: a burst of 10 and a rate so slow (one request per 100 s) that no token
 * comes back while the test runs, and two connections.
 */
class FloodedMemberGets429Test {

  @TempDir Path dir;

  private TestService service(MemberLimits.Settings settings) {
    return new TestService(
        dir,
        Clock.fixed(TestService.T0, ZoneOffset.UTC),
        new ApiServer.Operations(
            MemberLimits.of(settings, System::nanoTime), new ServiceMetrics()));
  }

  @Test
  void aMemberOverItsRateGets429WithRetryAfterAndAnotherMemberIsServed() throws Exception {
    try (TestService s = service(new MemberLimits.Settings(0.01, 10, 100, 100))) {
      for (int i = 0; i < 10; i++) {
        assertThat(s.get("us-officer", "/me").status()).isEqualTo(200);
      }
      // the flood: 200 more requests from 8 threads, every one refused at once
      ExecutorService flood = Executors.newFixedThreadPool(8);
      List<Future<TestService.Reply>> flooding = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        flooding.add(flood.submit(() -> s.get("us-officer", "/alerts")));
      }
      // meanwhile another member, of another party, and one of the same party, are served
      for (int i = 0; i < 10; i++) {
        assertThat(s.get("ru-officer", "/me").status()).isEqualTo(200);
        assertThat(s.get("us-commander", "/me").status()).isEqualTo(200);
      }
      for (Future<TestService.Reply> f : flooding) {
        TestService.Reply r = f.get();
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText())
            .isEqualTo("urn:deconflict:problem:too-many-requests");
        assertThat(r.json().path("title").asText()).isEqualTo("Too many requests");
        assertThat(r.json().path("detail").asText())
            .contains("us-officer", "limits.requestsPerSecond");
        assertThat(r.json().path("instance").asText()).isEqualTo("/api/v1/alerts");
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 100L);
      }
      flood.shutdown();
      // a write is refused the same way, and nothing of it is stored
      TestService.Reply refused =
          s.post(
              "us-officer",
              "/movements",
              TestService.movement(
                  "m-1",
                  36.0,
                  36.0,
                  36.1,
                  36.0,
                  TestService.T0.plusSeconds(100_000),
                  TestService.T0.plusSeconds(103_600)));
      assertThat(refused.status()).isEqualTo(429);
      assertThat(s.get("us-commander", "/movements").json().path("movements").size()).isZero();
      // the OpenAPI document needs no member and counts against none
      assertThat(s.call(null, "GET", "/openapi.json", null).status()).isEqualTo(200);
    }
  }

  @Test
  void eventStreamsCountAsConnectionsAndAFullMemberDoesNotStopAnother() throws Exception {
    try (TestService s = service(new MemberLimits.Settings(1000, 1000, 2, 2))) {
      s.events("us-officer", Optional.empty());
      s.events("us-officer", Optional.empty());
      TestService.Reply third = s.get("us-officer", "/me");
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).contains("1");
      assertThat(third.json().path("detail").asText())
          .contains("2 requests and event streams open", "limits.connectionsPerMember");
      assertThat(s.get("ru-officer", "/me").status()).isEqualTo(200);
      TestService.EventStream ru = s.events("ru-officer", Optional.empty());
      TestService.EventStream ru2 = s.events("ru-officer", Optional.empty());
      // a notification by another member reaches the streams of the member at its limit's party
      assertThat(
              s.post(
                      "ru-commander",
                      "/movements",
                      TestService.movement(
                          "r-1",
                          36.0,
                          36.0,
                          36.1,
                          36.0,
                          TestService.T0.plusSeconds(100_000),
                          TestService.T0.plusSeconds(103_600)))
                  .status())
          .isEqualTo(201);
      ru.next("item.notify");
      ru2.next("item.notify");
    }
  }
}
