package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 5: with the default logging level nothing was logged: not sign-ins, not refusals,
 * not the subject and fingerprint of an unmapped certificate that docs/tak.md tells operators to
 * look for. The listener runs in a fresh JVM with the logging configuration the jar ships ({@code
 * server/src/main/resources/logback.xml}, JSON lines); clients sign in, are refused, and show an
 * unmapped certificate; its standard error must say so.
 */
class DefaultLoggingLogsSignInsTest {

  private static final Path SHIPPED =
      Path.of("..", "server", "src", "main", "resources", "logback.xml");

  @TempDir Path keys;
  @TempDir Path data;
  @TempDir Path conf;

  @Test
  void signInsRefusalsAndUnmappedCertificatesAreLogged() throws Exception {
    TestPki pki = TestPki.make(keys);
    Files.copy(SHIPPED, conf.resolve("logback.xml"));
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
            "-cp",
            System.getProperty("java.class.path"),
            LoggingProbe.class.getName(),
            data.toString(),
            keys.toString());
    builder.environment().remove("DECONFLICT_LOG_LEVEL");
    Process probe = builder.start();
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (java.io.IOException e) {
                return e.toString();
              }
            });
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
      String ports = out.readLine();
      assertThat(ports).as("the probe's first line; stderr follows").startsWith("ports ");
      String[] p = ports.split(" ");
      int tcp = Integer.parseInt(p[1]);
      int tls = Integer.parseInt(p[2]);

      try (TakClient ok = TakClient.connect(tcp, "ANDROID-ok")) {
        ok.auth("us-officer");
      }
      try (TakClient wrong = TakClient.connect(tcp, "ANDROID-wrong")) {
        wrong.sendRaw("<auth><cot username=\"ru-officer\" password=\"not-a-token\"/></auth>");
        wrong.await(
            e -> TakClient.isError(e) && TakClient.text(e).startsWith("sign-in refused"),
            Duration.ofSeconds(10));
      }
      try (TakClient stranger = pki.connect(tls, "stranger", "ANDROID-x")) {
        stranger.await(TakClient::isError, Duration.ofSeconds(10));
      }
    } finally {
      probe.getOutputStream().close();
      if (!probe.waitFor(30, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
      }
    }
    String log = stderr.get(10, TimeUnit.SECONDS);
    String fingerprint = pki.sha256("stranger").replace(":", "").toLowerCase(java.util.Locale.ROOT);
    List<String> expected =
        List.of(
            "signed in as us-officer of us",
            "sign-in refused (username \"ru-officer\")",
            "CN=stranger",
            fingerprint);
    StringBuilder messages = new StringBuilder();
    for (String line : log.split("\n")) {
      if (!line.isBlank()) {
        com.fasterxml.jackson.databind.JsonNode entry =
            io.deconflict.service.Json.MAPPER.readTree(line);
        assertThat(entry.isObject())
            .as("every line of standard error is one JSON object: " + line)
            .isTrue();
        assertThat(entry.has("time") && entry.has("level") && entry.has("logger"))
            .as(line)
            .isTrue();
        messages.append(entry.path("message").asText()).append('\n');
      }
    }
    for (String line : expected) {
      assertThat(messages.toString()).as("stderr of the listener:\n" + log).contains(line);
    }
    assertThat(log).doesNotContain("not-a-token");
  }
}
