package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and access: RFC 9457 problems that name the field, no 500, nothing stored for a refused
 * request.
 */
class BadInputTest {

  static final Instant START = T0.plus(Duration.ofHours(48));

  @TempDir Path data;
  TestService service;

  @BeforeEach
  void start() {
    service = new TestService(data, SettableClock.at(T0));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private static void assertProblem(Reply r, int status) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("type").asText()).startsWith("urn:deconflict:problem:");
    assertThat(r.json().path("detail").asText()).isNotBlank();
  }

  @Test
  void noTokenOrAWrongTokenIs401() {
    assertProblem(service.call(null, "GET", "/alerts", null), 401);
    assertProblem(service.call("nobody", "GET", "/alerts", null), 401);
  }

  @Test
  void malformedJsonIs400WithTheLineAndColumn() {
    Reply r = service.post("us-officer", "/movements", "{\"type\": \"Feature\",");
    assertProblem(r, 400);
    assertThat(r.json().path("detail").asText()).contains("not valid JSON").contains("line 1");
    assertProblem(service.post("us-officer", "/movements", "[1, 2]"), 400);
    assertProblem(service.post("us-officer", "/movements", ""), 400);
  }

  @Test
  void anInvalidFeatureNamesTheFieldAndStoresNothing() {
    String notIncreasing = movement("m", 40.6, 36.5, 40.8, 36.5, START, START.minusSeconds(60));
    Reply r = service.post("us-officer", "/movements", notIncreasing);
    assertProblem(r, 400);
    assertThat(r.json().path("detail").asText()).contains("properties.times");
    assertThat(r.json().path("field").asText()).isEqualTo("/properties/times/1");
    assertThat(service.get("us-officer", "/movements").json().path("movements")).isEmpty();
    Reply radius =
        service.post(
            "us-officer",
            "/sites",
            "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [40, 36]},"
                + " \"properties\": {\"radiusMeters\": -5}}");
    assertProblem(radius, 400);
    assertThat(radius.json().path("detail").asText()).contains("radiusMeters");
    Reply badZone =
        service.post(
            "us-officer",
            "/zones",
            "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
                + " [[[40, 36], [41, 37], [41, 36], [40, 37], [40, 36]]]}, \"properties\": {}}");
    assertProblem(badZone, 400);
    assertThat(service.get("us-officer", "/zones").json().path("zones")).isEmpty();
  }

  @Test
  void aDuplicateIdIs409AndReplacingAMissingOneIs404() {
    String m = movement("m-1", 40.6, 36.5, 40.8, 36.5, START, START.plusSeconds(3600));
    assertThat(service.post("us-officer", "/movements", m).status()).isEqualTo(201);
    assertProblem(service.post("us-officer", "/movements", m), 409);
    assertProblem(
        service.call("us-officer", "PUT", "/movements/nope", m.replace("m-1", "nope")), 404);
    // another party may use the same id: ids are per party
    assertThat(service.post("ru-officer", "/movements", m).status()).isEqualTo(201);
  }

  @Test
  void rolesAreEnforced() {
    String m = movement("m-1", 40.6, 36.5, 40.8, 36.5, START, START.plusSeconds(3600));
    assertProblem(service.post("us-observer", "/movements", m), 403);
    assertProblem(service.post("operator", "/movements", m), 403);
    assertProblem(
        service.post("us-officer", "/agreements", "{\"parties\": [\"us\", \"ru\"]}"), 403);
  }

  @Test
  void unknownRoutesMethodsAndOversizedBodiesAreProblemsNot500() {
    assertProblem(service.get("us-officer", "/nothing-here"), 404);
    assertProblem(service.call("us-officer", "PATCH", "/alerts", "{}"), 405);
    String huge = "{\"text\": \"" + "x".repeat(2 << 20) + "\"}";
    Reply r = service.post("us-officer", "/hotline/threads/pair:ru:us/messages", huge);
    assertThat(r.status()).as(r.raw()).isEqualTo(413);
    assertProblem(service.get("us-officer", "/alerts?limit=abc"), 400);
    assertProblem(service.get("us-officer", "/alerts?state=maybe"), 400);
    assertProblem(
        service.post(
            "us-officer", "/hotline/threads/pair:ru:us/messages", "{\"code\": \"approve\"}"),
        400);
    assertProblem(
        service.post(
            "us-officer",
            "/hotline/threads/pair:ru:us/messages",
            "{\"code\": \"request-delay\", \"params\": {\"minutes\": \"abc\"}}"),
        400);
    assertProblem(service.post("us-officer", "/agreements/ag-9/suspend", "{}"), 404);
    assertProblem(
        service.post(
            "operator",
            "/agreements",
            "{\"parties\": [\"us\", \"xx\"], \"separationMeters\": 1000}"),
        400);
  }

  @Test
  void anAgreementCanBeSuspendedAndEveryoneSeesIt() {
    assertThat(service.agreement("").status()).isEqualTo(201);
    Reply suspended =
        service.post("ru-officer", "/agreements/ag-1/suspend", "{\"reason\": \"consultations\"}");
    assertThat(suspended.status()).as(suspended.raw()).isEqualTo(200);
    assertThat(service.get("us-officer", "/agreements/ag-1").json().path("suspended").asBoolean())
        .isTrue();
    assertProblem(service.post("ru-officer", "/agreements/ag-1/suspend", "{}"), 409);
    assertThat(service.post("us-commander", "/agreements/ag-1/resume", "{}").status())
        .isEqualTo(200);
    assertThat(service.get("ru-officer", "/agreements/ag-1").json().path("versions")).hasSize(3);
  }
}
