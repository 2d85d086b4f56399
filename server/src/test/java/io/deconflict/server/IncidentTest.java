package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents keep every version and each party's own account; outsiders see nothing. */
class IncidentTest {

  static final String STANDOFF =
      "{\"kind\": \"standoff\", \"time\": \"2020-08-18T10:00:00Z\", \"place\": [42.06, 37.04],"
          + " \"parties\": [\"us\", \"ru\"], \"summary\": \"patrols face to face outside Derik\","
          + " \"sources\": [{\"reportedBy\": \"local monitoring group\", \"link\":"
          + " \"https://example.org/report\", \"credibility\": \"probable\"}]}";

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

  @Test
  void anIncidentKeepsEveryVersionAndEachPartysAccount() {
    Reply recorded = service.post("us-observer", "/incidents", STANDOFF);
    assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
    String id = recorded.json().path("id").asText();
    assertThat(recorded.json().path("version").asInt()).isEqualTo(1);

    assertThat(
            service
                .post(
                    "us-officer",
                    "/incidents/" + id + "/accounts",
                    "{\"text\": \"our convoy was blocked for three hours\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            service
                .post(
                    "ru-officer",
                    "/incidents/" + id + "/accounts",
                    "{\"text\": \"our patrol kept to the agreed route\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            service
                .post(
                    "us-officer",
                    "/incidents/" + id + "/accounts",
                    "{\"text\": \"blocked for two hours, corrected\"}")
                .status())
        .isEqualTo(201);
    Reply revised =
        service.call(
            "ru-officer", "PUT", "/incidents/" + id, STANDOFF.replace("standoff", "blocking"));
    assertThat(revised.status()).as(revised.raw()).isEqualTo(200);
    assertThat(revised.json().path("version").asInt()).isEqualTo(2);

    JsonNode incident = service.get("operator", "/incidents/" + id).json();
    assertThat(incident.path("kind").asText()).isEqualTo("blocking");
    assertThat(incident.path("versions")).hasSize(2);
    assertThat(incident.path("versions").get(0).path("kind").asText()).isEqualTo("standoff");
    assertThat(incident.path("accounts").path("us")).hasSize(2);
    assertThat(incident.path("accounts").path("us").get(0).path("text").asText())
        .contains("three hours");
    assertThat(incident.path("accounts").path("ru")).hasSize(1);
    assertThat(incident.path("sources").get(0).path("credibility").asText()).isEqualTo("probable");

    assertThat(service.get("tr-officer", "/incidents/" + id).status()).isEqualTo(404);
    assertThat(service.get("tr-officer", "/incidents").json().path("incidents")).isEmpty();
    assertThat(
            service
                .post("tr-officer", "/incidents/" + id + "/accounts", "{\"text\": \"x\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void anIncidentNamesItsFieldsWhenWrong() {
    Reply kind = service.post("us-observer", "/incidents", STANDOFF.replace("standoff", "riot"));
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.json().path("field").asText()).isEqualTo("/kind");
    Reply notOwn =
        service.post("us-observer", "/incidents", STANDOFF.replace("[\"us\", \"ru\"]", "[\"ru\"]"));
    assertThat(notOwn.status()).isEqualTo(400);
    assertThat(notOwn.json().path("field").asText()).isEqualTo("/parties");
    Reply credibility =
        service.post("us-observer", "/incidents", STANDOFF.replace("probable", "surely"));
    assertThat(credibility.json().path("field").asText()).isEqualTo("/sources/0/credibility");
    Reply unknownAlert =
        service.post(
            "us-observer",
            "/incidents",
            STANDOFF.replace("\"sources\"", "\"alerts\": [\"al-7\"], \"sources\""));
    assertThat(unknownAlert.json().path("field").asText()).isEqualTo("/alerts/0");
    assertThat(service.get("us-observer", "/incidents").json().path("incidents")).isEmpty();
  }
}
