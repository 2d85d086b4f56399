package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.testkit.clock.SettableClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bug: the body limit was only checked against {@code Content-Length}, so a chunked body of any
 * size was read and parsed.
 */
class ChunkedBodyLimitTest {

  @TempDir Path data;

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    try (TestService service = new TestService(data, SettableClock.at(TestService.T0))) {
      byte[] huge =
          ("{\"text\": \"" + "x".repeat((1 << 20) + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
      HttpRequest req =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + service.server.port()
                          + "/api/v1/hotline/threads/pair:ru:us/messages"))
              .header("Authorization", "Bearer token-us-officer")
              .header("Content-Type", "application/json")
              // no known length: the client sends it chunked
              .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
              .build();
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(
              service
                  .get("us-officer", "/hotline/threads/pair:ru:us/messages")
                  .json()
                  .path("messages"))
          .isEmpty();
    }
  }
}
