package io.deconflict.cli.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.report.BaseMap;
import io.deconflict.report.ReviewPdf;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.clock.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deconflict review} writes, from the journal of a service that was served over HTTP, the
 * same review as {@code GET /agreements/{id}/reviews/{week}} for the same viewer.
 */
class ReviewCommandTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private @Nullable ApiServer server;

  private Path config() throws IOException {
    ObjectNode root = Json.object();
    root.put("host", "127.0.0.1").put("port", 0).put("data", dir.resolve("data").toString());
    ArrayNode parties = root.putArray("parties");
    for (String p : List.of("us", "ru", "tr")) {
      parties.addObject().put("id", p).put("name", p.toUpperCase(java.util.Locale.ROOT));
    }
    ArrayNode members = root.putArray("members");
    for (String p : List.of("us", "ru", "tr")) {
      members
          .addObject()
          .put("id", p + "-officer")
          .put("party", p)
          .put("role", "officer")
          .put("tokenSha256", Tokens.sha256("token-" + p + "-officer"));
    }
    members
        .addObject()
        .put("id", "operator")
        .put("party", "mechanism")
        .put("role", "operator")
        .put("tokenSha256", Tokens.sha256("token-operator"));
    Path file = dir.resolve("deconflict.json");
    Files.writeString(file, root.toPrettyString(), StandardCharsets.UTF_8);
    return file;
  }

  private JsonNode call(String member, String method, String path, @Nullable String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server().uri() + path))
            .header("Authorization", "Bearer token-" + member)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return Json.MAPPER.readTree(r.body());
  }

  private ApiServer server() {
    ApiServer s = server;
    assertThat(s).isNotNull();
    return java.util.Objects.requireNonNull(s);
  }

  private static String movement(
      String id, double lon1, double lat1, double lon2, double lat2, String t1, String t2) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [["
        + lon1
        + ", "
        + lat1
        + "], ["
        + lon2
        + ", "
        + lat2
        + "]]}, \"properties\": {\"times\": [\""
        + t1
        + "\", \""
        + t2
        + "\"]}}";
  }

  /** Waits until the member is told of an alert, as the clock's ticks raise them. */
  private JsonNode alerts(String member) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonNode list = call(member, "GET", "/alerts", null).path("alerts");
      if (!list.isEmpty()) {
        return list;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no alert for " + member);
  }

  @Test
  void theCommandWritesTheReviewTheEndpointAnswers() throws Exception {
    Path file = config();
    Configuration configuration = Configuration.read(file, Map.of());
    SettableClock clock = SettableClock.at(Instant.parse("2022-10-08T06:00:00Z"));
    Map<String, JsonNode> served = new java.util.LinkedHashMap<>();
    try (ServiceRuntime runtime =
        ServiceRuntime.open(
            configuration.dataDirectory(),
            configuration.directory(),
            configuration.defaults(),
            clock,
            20)) {
      server = ApiServer.start(runtime.application(), configuration, clock);
      try {
        call(
            "operator",
            "POST",
            "/agreements",
            "{\"parties\": [\"us\", \"ru\"], \"separationMeters\": 1000}");
        clock.set(Instant.parse("2022-10-10T06:00:00Z"));
        call(
            "us-officer",
            "POST",
            "/movements",
            movement(
                "us-1", 40.6, 36.5, 40.8, 36.5, "2022-10-12T06:00:00Z", "2022-10-12T07:00:00Z"));
        call(
            "ru-officer",
            "POST",
            "/movements",
            movement(
                "ru-1", 40.7, 36.4, 40.7, 36.6, "2022-10-12T06:00:00Z", "2022-10-12T07:00:00Z"));
        JsonNode alert = alerts("us-officer").get(0);
        clock.advance(Duration.ofMinutes(3));
        call(
            "us-officer",
            "POST",
            "/alerts/" + alert.path("id").asText() + "/acknowledge",
            "{\"readBack\": {\"start\": \""
                + alert.path("start").asText()
                + "\", \"end\": \""
                + alert.path("end").asText()
                + "\", \"place\": "
                + alert.path("location")
                + "}}");
        clock.set(Instant.parse("2022-10-11T08:00:00Z"));
        call(
            "us-officer",
            "POST",
            "/movements",
            movement(
                "us-2", 39.0, 36.0, 39.2, 36.0, "2022-10-11T10:00:00Z", "2022-10-11T11:00:00Z"));
        clock.set(Instant.parse("2022-10-17T01:00:00Z"));
        call(
            "us-officer",
            "POST",
            "/hotline/threads/pair:ru:us/messages",
            "{\"text\": \"next week\"}");
        for (String member : List.of("us-officer", "ru-officer", "operator")) {
          served.put(member, call(member, "GET", "/agreements/ag-1/reviews/2022-W41", null));
        }
      } finally {
        server().close();
      }
    }
    assertThat(
            java.util.Objects.requireNonNull(served.get("us-officer"))
                .path("alerts")
                .path("byParty")
                .path("us")
                .path("ackSeconds"))
        .isEqualTo(Json.array().add(180.0));

    for (Map.Entry<String, List<String>> viewer :
        Map.of(
                "us-officer", List.of("--party", "us"),
                "ru-officer", List.of("--party", "ru"),
                "operator", List.of("--operators"))
            .entrySet()) {
      Path out = dir.resolve(viewer.getKey() + ".json");
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "review",
                  "--week",
                  "2022-W41",
                  "--agreement",
                  "ag-1",
                  "--config",
                  file.toString(),
                  "--out",
                  out.toString()));
      args.addAll(viewer.getValue());
      Result result = Cli.run(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
      assertThat(Json.MAPPER.readTree(Files.readString(out)))
          .as("the CLI's review as %s", viewer.getKey())
          .isEqualTo(served.get(viewer.getKey()));
    }

    // standard output by default; a party that is not a party of the agreement is told so
    Result us =
        Cli.run(
            "review",
            "--week",
            "2022-W41",
            "--agreement",
            "ag-1",
            "--party",
            "us",
            "--config",
            file.toString());
    assertThat(Json.MAPPER.readTree(us.out())).isEqualTo(served.get("us-officer"));
    // --pdf: the US's review as the PDF the endpoint serves, and nothing on standard output
    Path pdf = dir.resolve("us.pdf");
    Result usPdf =
        Cli.run(
            "review",
            "--week",
            "2022-W41",
            "--agreement",
            "ag-1",
            "--party",
            "us",
            "--config",
            file.toString(),
            "--pdf",
            pdf.toString());
    assertThat(usPdf.exitCode()).as(usPdf.err()).isEqualTo(ExitCodes.OK);
    assertThat(usPdf.out()).isEmpty();
    assertThat(Files.readAllBytes(pdf))
        .isEqualTo(
            ReviewPdf.render(
                java.util.Objects.requireNonNull(served.get("us-officer")), BaseMap.borders()));
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
          .contains("Weekly review — agreement ag-1, 2022-W41")
          .contains("as seen by US");
    }
    Result tr =
        Cli.run(
            "review",
            "--week",
            "2022-W41",
            "--agreement",
            "ag-1",
            "--party",
            "tr",
            "--config",
            file.toString());
    assertThat(tr.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(tr.out()).isEmpty();
    assertThat(tr.err()).contains("agreement ag-1", "tr was never told of it");
    Result before =
        Cli.run("review", "--week", "2022-W39", "--agreement", "ag-1", "--config", file.toString());
    assertThat(before.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(before.err())
        .contains("week: 2022-W39 is before agreement ag-1 was recorded (2022-10-08T06:00:00Z");
    Result week =
        Cli.run("review", "--week", "2022-W54", "--agreement", "ag-1", "--config", file.toString());
    assertThat(week.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(week.err()).contains("--week: 2022-W54 is not a week");
  }
}
