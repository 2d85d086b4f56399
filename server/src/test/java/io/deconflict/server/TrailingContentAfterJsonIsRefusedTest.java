package io.deconflict.server;

import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body is one JSON document: anything but white space after it is refused with {@code 400},
 * naming the line and column, and nothing is stored (docs/api.md, Conventions).
 */
class TrailingContentAfterJsonIsRefusedTest extends HostileInput {

  @ParameterizedTest
  @ValueSource(strings = {" {\"text\": \"again\"}", "]", "}", " 1", " \"x\"", " null", ",", " x"})
  void aHotlineMessageWithSomethingAfterIt(String trailing) {
    JsonNode p =
        raw.post("us-officer", THREAD, "{\"text\": \"hi\"}" + trailing)
            .problem(400, "invalid", "the request body is not valid JSON at line 1, column 1");
    assertThat(p.path("instance").asText())
        .isEqualTo("/api/v1/hotline/threads/pair:ru:us/messages");
    assertNothingStoredSince(0);
  }

  @Test
  void aSecondDocumentIsNamedAsSuch() {
    raw.post("us-officer", THREAD, "{\"text\": \"hi\"}\n{}")
        .problem(
            400,
            "invalid",
            "at line 2, column 1: trailing content after the JSON document (an object)");
    assertNothingStoredSince(0);
  }

  @Test
  void aMovementWithAnotherAfterIt() {
    String m = movement("m-1", 40.6, 36.5, 40.8, 36.5, START, START.plusSeconds(3600));
    raw.post("us-officer", "/movements", m + m).problem(400, "invalid", "trailing content");
    assertNothingStoredSince(0);
    assertThat(service.get("us-officer", "/movements").json().path("movements")).isEmpty();
  }

  @Test
  void aBatchOfReportsWithSomethingAfterIt() {
    String batch = "[" + report("u1", 40.6, 36.5, "") + "]";
    raw.post("us-officer", "/positions", batch + "[]").problem(400, "invalid", "trailing content");
    assertNothingStoredSince(0);
  }

  @Test
  void anNdjsonLineWithTwoReportsRefusesTheWholeBatch() {
    String body =
        report("u1", 40.6, 36.5, "")
            + "\n"
            + report("u2", 40.6, 36.5, "")
            + " "
            + report("u3", 40.6, 36.5, "")
            + "\n";
    JsonNode p = postNdjson(body).problem(400, "invalid", "line 2, column");
    assertThat(p.path("detail").asText()).contains("trailing content");
    assertThat(p.path("field").asText()).isEqualTo("/reports/1");
    assertNothingStoredSince(0);
  }
}
