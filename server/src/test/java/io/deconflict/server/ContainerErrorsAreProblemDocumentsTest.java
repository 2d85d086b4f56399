package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors that the HTTP server (Jetty, under Javalin) raises before any route runs are problem
 * documents too (docs/api.md, Errors): a NUL or a bad escape in the path, an overlong URI,
 * oversized headers, an unknown method, a body of an unsupported media type; and nothing of them is
 * stored. Raw sockets, since an HTTP client refuses to send most of these.
 */
class ContainerErrorsAreProblemDocumentsTest extends HostileInput {

  private void assertProblem(RawHttp.Response r, int status, String type, String detail) {
    r.problem(status, type, detail);
    assertNothingStoredSince(0);
  }

  private static final String TOKEN = "Authorization: Bearer token-us-officer";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a raw NUL in the path|GET /api/v1/alerts\u0000x HTTP/1.1|400|invalid|",
        "an escaped NUL in the path|GET /api/v1/alerts%00x HTTP/1.1|400|invalid|",
        "a bad escape in the path|GET /api/v1/al%zzerts HTTP/1.1|400|invalid|",
        "a truncated escape in the path|GET /api/v1/alerts%2 HTTP/1.1|400|invalid|",
        "an escaped slash in the path|GET /api/v1/alerts%2F..%2Fme HTTP/1.1|404|not-found|",
        "a request line that is not HTTP|GET /api/v1/alerts FTP/1.0|505|http-version-not-supported|",
        "an unknown method|BREW /api/v1/alerts HTTP/1.1|405|method-not-allowed|BREW"
      })
  void aBadRequestLineIsAProblem(String what, String line, int status, String type, String detail) {
    assertProblem(
        raw.send(line + "\r\n" + TOKEN, new byte[0]), status, type, detail == null ? "" : detail);
  }

  @Test
  void aNulInThePathIsRefusedNamingIt() {
    RawHttp.Response r = raw.send("GET /api/v1/alerts\u0000x HTTP/1.1\r\n" + TOKEN, new byte[0]);
    assertProblem(r, 400, "invalid", "not valid HTTP/1.1");
    assertThat(r.json().path("detail").asText()).contains("0x0");
    assertThat(r.json().has("instance")).as("the path could not be read").isFalse();
  }

  @Test
  void anOverlongUriIs414() {
    String line =
        "GET /api/v1/alerts?x=" + "a".repeat(ContainerErrors.HEADER_BYTES + 100) + " HTTP/1.1";
    assertProblem(raw.send(line + "\r\n" + TOKEN, new byte[0]), 414, "uri-too-long", "");
  }

  @Test
  void oversizedHeadersAre431() {
    String head =
        "GET /api/v1/alerts HTTP/1.1\r\n"
            + TOKEN
            + "\r\nX-Big: "
            + "b".repeat(ContainerErrors.HEADER_BYTES + 100);
    assertProblem(raw.send(head, new byte[0]), 431, "headers-too-large", "");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "another media type|application/xml|<text>hello</text>|application/xml",
        "multipart|multipart/form-data; boundary=x|--x--|multipart/form-data",
        "another charset|application/json; charset=ISO-8859-1|{\"text\": \"hello\"}|UTF-8",
        "NDJSON where JSON is read|application/x-ndjson|{\"text\": \"hello\"}|application/json"
      })
  void aBodyThatIsNotJsonInUtf8Is415(String what, String type, String body, String detail) {
    RawHttp.Response r =
        raw.send(
            "POST", "/api/v1" + THREAD, "us-officer", type, body.getBytes(StandardCharsets.UTF_8));
    assertProblem(r, 415, "unsupported-media-type", detail);
    assertThat(r.json().path("field").asText()).isEqualTo("Content-Type");
    assertNoHotlineMessages();
  }
}
