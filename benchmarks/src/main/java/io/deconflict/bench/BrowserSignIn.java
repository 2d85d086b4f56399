package io.deconflict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.server.ApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The web map's sign-in in a real browser, against a running service: runs {@code
 * browser-tests/bench/sign-in.mjs} (Debian's headless Chromium through playwright-core, from the
 * repository's directory, so run the benchmark from there after {@code npm ci} in browser-tests)
 * and reads the one JSON line it prints.
 */
final class BrowserSignIn {

  static final Path SCRIPT = Path.of("browser-tests", "bench", "sign-in.mjs");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the browser measured.
   *
   * @param visibleUnits live tracks the party sees ({@code GET /tracks?scope=visible})
   * @param usableMillis navigation start to the end of the first redraw with every one of them, or
   *     -1 if there was none within {@code limitMillis}
   * @param limitMillis how long the browser waited for it
   * @param firstDrawMillis that redraw alone
   * @param alerts alerts it drew
   * @param redraws redraws in the ten seconds after it (tracks are polled every 3 s)
   * @param redrawMaxMillis the longest of them
   * @param panMillis a pan of the map to the next frame, right after
   * @param longestTaskMillis the longest task of the page after sign-in
   * @param network the page's API requests (path, status, bytes, milliseconds; or how long an
   *     unfinished one had waited), one line each
   * @param errors script errors of the page
   */
  record Result(
      int visibleUnits,
      long usableMillis,
      long limitMillis,
      long firstDrawMillis,
      int alerts,
      int redraws,
      long redrawMaxMillis,
      long panMillis,
      long longestTaskMillis,
      List<String> network,
      List<String> errors) {}

  private BrowserSignIn() {}

  /** Whether the script and its node_modules are there (the phase is skipped otherwise). */
  static boolean available() {
    return Files.isRegularFile(SCRIPT)
        && Files.isDirectory(Path.of("browser-tests", "node_modules", "playwright-core"));
  }

  /** Signs in as the holder of {@code token} on the service at {@code base}. */
  static Result run(URI base, String token, HttpClient http)
      throws IOException, InterruptedException {
    HttpResponse<String> tracks =
        http.send(
            HttpRequest.newBuilder(base.resolve(ApiServer.BASE + "/tracks?scope=visible"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    int visible = JSON.readTree(tracks.body()).path("tracks").size();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "node",
                SCRIPT.toString(),
                "--base",
                base.resolve("/").toString(), // the map, at the server's root
                "--token",
                token,
                "--units",
                Integer.toString(visible)));
    String profile = System.getenv("DECONFLICT_SIGNIN_PROFILE");
    if (profile != null && !profile.isBlank()) {
      command.addAll(List.of("--profile", profile));
    }
    Process node =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = node.getInputStream().readAllBytes();
    if (!node.waitFor(10, TimeUnit.MINUTES) || node.exitValue() != 0) {
      node.destroyForcibly();
      throw new IOException("sign-in.mjs failed: " + new String(out, StandardCharsets.UTF_8));
    }
    String text = new String(out, StandardCharsets.UTF_8).strip();
    JsonNode r = JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
    List<String> errors =
        r.path("errors").isArray()
            ? JSON.convertValue(
                r.path("errors"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class))
            : List.of();
    return new Result(
        visible,
        r.path("usableMs").isNumber() ? r.path("usableMs").asLong() : -1,
        r.path("limitMs").asLong(300_000),
        r.path("firstDrawMs").asLong(-1),
        r.path("alerts").asInt(),
        r.path("redraws").asInt(),
        r.path("redrawMaxMs").asLong(),
        r.path("panMs").asLong(),
        r.path("longestTaskMs").asLong(),
        lines(r.path("network")),
        errors);
  }

  private static List<String> lines(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(e -> out.add(e.isTextual() ? e.asText() : e.toString()));
    return out;
  }
}
