package io.deconflict.cli.serve;

import static io.deconflict.cli.ServedInProcess.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.Main;
import io.deconflict.service.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 6: {@code serve} in a JVM of its own with the logging the jar ships, at the most
 * talkative level ({@code DECONFLICT_LOG_LEVEL=trace}, so every access-log line is written).
 * Members sign in with their tokens, in the header and in a query parameter, a wrong token is
 * tried, a member goes over its rate; then standard error is read. Every line is one JSON object
 * with a time, a level and a logger; the requests are there by route and status; no token, no
 * token's SHA-256 and no {@code Authorization} header is anywhere in it.
 */
class StructuredLogsHoldNoSecretsTest {

  private static final Pattern LISTENING =
      Pattern.compile("deconflict listening on (http://\\S+/api/v1)");
  private static final Pattern MANAGEMENT =
      Pattern.compile("Metrics and health: (http://\\S+)/metrics");

  @TempDir Path dir;

  @Test
  void everyLineIsJsonAndNoSecretIsLogged() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Cli.Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    List<String> tokens = new ArrayList<>();
    Matcher t = Pattern.compile("(dct_[A-Za-z0-9_-]{43})").matcher(init.out());
    while (t.find()) {
      tokens.add(t.group(1));
    }
    assertThat(tokens).hasSize(7);
    String usOfficer = token(init.out(), "us-officer");
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    List<String> hashes = new ArrayList<>();
    config.path("members").forEach(m -> hashes.add(m.path("tokenSha256").asText()));
    config.put("port", 0).put("data", dir.resolve("data").toString());
    config.putObject("limits").put("requestsPerSecond", 0.01).put("burst", 5);
    config.putObject("management").put("port", 0);
    // TAK clients may sign in too (plain TCP on a free port)
    config.putObject("tak").put("tcpPort", 0);
    Files.writeString(file, config.toString());

    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // the production logging, whatever test resources the class path also holds (in a
            // reactor build, other modules' test-classes bring their logback-test.xml)
            "-Dlogback.configurationFile=logback.xml",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--config",
            file.toString());
    builder.environment().put("DECONFLICT_LOG_LEVEL", "trace");
    builder.environment().remove("DECONFLICT_CONFIG");
    Path stderr = dir.resolve("stderr.log");
    builder.redirectError(stderr.toFile());
    Process serve = builder.start();
    String wrong = "dct_" + "A".repeat(43);
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      URI base = null;
      URI management = null;
      while (base == null || management == null) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        Matcher l = LISTENING.matcher(line);
        if (l.find()) {
          base = URI.create(l.group(1));
        }
        Matcher m = MANAGEMENT.matcher(line);
        if (m.find()) {
          management = URI.create(m.group(1));
        }
      }
      assertThat(base).as("the listening line").isNotNull();
      assertThat(management).as("the management line").isNotNull();
      HttpClient http = HttpClient.newHttpClient();
      assertThat(send(http, base + "/me", usOfficer)).isEqualTo(200);
      assertThat(send(http, base + "/alerts?token=" + usOfficer, usOfficer)).isEqualTo(200);
      assertThat(send(http, base + "/me", wrong)).isEqualTo(401);
      assertThat(send(http, base + "/me", "")).isEqualTo(401);
      assertThat(send(http, base + "/me?access_token=" + wrong, "")).isEqualTo(401);
      for (int i = 0; i < 5; i++) {
        send(http, base + "/parties", usOfficer);
      }
      assertThat(send(http, base + "/me", usOfficer)).isEqualTo(429);
      assertThat(send(http, management + "/metrics", "")).isEqualTo(200);
    } finally {
      serve.destroy(); // SIGTERM: the service stops as it does in production
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    List<JsonNode> entries = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode entry;
      try {
        entry = Json.MAPPER.readTree(line);
      } catch (java.io.IOException e) {
        throw new AssertionError("not a JSON line: " + line + "\nin:\n" + log, e);
      }
      assertThat(entry.isObject()).as("one JSON object per line: " + line).isTrue();
      assertThat(
              entry.has("time")
                  && entry.has("level")
                  && entry.has("logger")
                  && entry.has("message"))
          .as(line)
          .isTrue();
      entries.add(entry);
    }
    assertThat(entries)
        .as(log)
        .anySatisfy(
            e -> {
              assertThat(e.path("logger").asText()).isEqualTo("io.deconflict.http.access");
              assertThat(e.path("route").asText()).isEqualTo("/api/v1/me");
              assertThat(e.path("status").asInt()).isEqualTo(200);
              assertThat(e.path("member").asText()).isEqualTo("us-officer");
            });
    assertThat(entries)
        .as(log)
        .anySatisfy(e -> assertThat(e.path("status").asInt()).isEqualTo(429));
    assertThat(entries)
        .as(log)
        .anySatisfy(e -> assertThat(e.path("message").asText()).contains("authentication failed"));
    List<String> secrets = new ArrayList<>(tokens);
    secrets.addAll(hashes);
    secrets.add(wrong);
    secrets.add("Bearer");
    for (String secret : secrets) {
      assertThat(log).as("the log holds " + secret).doesNotContain(secret);
    }
  }

  private static int send(HttpClient http, String uri, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
