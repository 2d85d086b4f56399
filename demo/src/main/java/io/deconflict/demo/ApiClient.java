package io.deconflict.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Speaks the service's HTTP API as one member or another: JSON in, JSON out, a bearer token per
 * call. Thread-safe (the JDK's {@link HttpClient} is).
 */
final class ApiClient {

  /**
   * One answer.
   *
   * @param status the HTTP status
   * @param body the JSON body, or a missing node if there was none
   */
  record Response(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;

  /** A client of the API under {@code base}, e.g. {@code http://127.0.0.1:8080/api/v1}. */
  ApiClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  Response get(String token, String path) {
    return send(token, HttpRequest.newBuilder(uri(path)).GET());
  }

  Response post(String token, String path, JsonNode body) {
    return send(token, HttpRequest.newBuilder(uri(path)).POST(bodyOf(body)));
  }

  Response put(String token, String path, JsonNode body) {
    return send(token, HttpRequest.newBuilder(uri(path)).PUT(bodyOf(body)));
  }

  /** The body of a 2xx answer; anything else is a {@link DemoException} naming the call. */
  JsonNode require(Response response, String what) {
    if (!response.ok()) {
      throw new DemoException(
          what
              + " failed with HTTP "
              + response.status()
              + ": "
              + response.body().path("detail").asText(response.body().toString()));
    }
    return response.body();
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static HttpRequest.BodyPublisher bodyOf(JsonNode body) {
    try {
      return HttpRequest.BodyPublishers.ofString(NeSyria.MAPPER.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response send(String token, HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .timeout(TIMEOUT)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body =
          r.body().isEmpty() ? MissingNode.getInstance() : NeSyria.MAPPER.readTree(r.body());
      return new Response(r.statusCode(), body);
    } catch (IOException e) {
      throw new DemoException("cannot reach the service at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while talking to the service", e);
    }
  }
}
