package io.deconflict.cli.serve;

import static io.deconflict.cli.ServedInProcess.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.service.Json;
import io.deconflict.service.party.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole path as an operator runs it, against {@code serve} with a TAK listener: {@code token
 * issue --write --keep-old-until} gives a member a second token, a reload puts it in force without
 * a restart, both tokens work; then the operator revokes the old token and the TAK connection and
 * the event stream signed in with it are closed at once, while the new token goes on working.
 */
class RevokedTokenClosesTakConnectionTest {

  private static final Pattern LISTENING =
      Pattern.compile("deconflict listening on (http://\\S+/api/v1)");
  private static final Pattern TAK =
      Pattern.compile("TAK listener for Cursor on Target on tcp://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void rotatedThenRevokedOverTheWire() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    String oldToken = token(init.out(), "us-officer");
    String operator = token(init.out(), "operator");
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(file));
    root.putObject("tak").put("tcpPort", 0);
    root.put("port", 0).put("data", dir.resolve("data").toString());
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));

    List<Thread> hooks = new CopyOnWriteArrayList<>();
    CommandLine cl = new CommandLine(new ServeCommand(Map.of(), hooks::add));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> running = thread.submit(() -> cl.execute("--config", file.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Matcher tak = TAK.matcher("");
      while (!(tak = TAK.matcher(out.toString())).find() && System.nanoTime() < deadline) {
        assertThat(running).isNotDone();
        Thread.sleep(20);
      }
      Matcher api = LISTENING.matcher(out.toString());
      assertThat(api.find()).isTrue();
      String base = api.group(1);
      int takPort = Integer.parseInt(tak.group(1));

      // rotation: a second token, the old one kept for a day, in force after a reload
      Result issued =
          Cli.run(
              "token",
              "issue",
              "--config",
              file.toString(),
              "--member",
              "us-officer",
              "--party",
              "us",
              "--role",
              "officer",
              "--keep-old-until",
              "P1D",
              "--write");
      assertThat(issued.exitCode()).as(issued.err()).isEqualTo(ExitCodes.OK);
      assertThat(issued.err()).contains("Rotated the token of member us-officer");
      String newToken = issued.out().lines().findFirst().orElseThrow();
      assertThat(get(base + "/me", newToken).statusCode()).isEqualTo(401);
      HttpResponse<String> reload = post(base + "/access/reload", operator, "");
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
      assertThat(get(base + "/me", newToken).statusCode()).isEqualTo(200);
      assertThat(get(base + "/me", oldToken).statusCode()).isEqualTo(200);

      try (Socket oldTak = signIn(takPort, oldToken);
          Socket newTak = signIn(takPort, newToken)) {
        HttpResponse<InputStream> stream =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/events"))
                    .header("Authorization", "Bearer " + oldToken)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        InputStream events = stream.body();
        assertThat(events.read()).isNotNegative();
        CompletableFuture<byte[]> streamEnd =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return events.readAllBytes();
                  } catch (java.io.IOException e) {
                    return new byte[0];
                  }
                });

        HttpResponse<String> revoked =
            post(
                base + "/access/revocations",
                operator,
                "{\"member\": \"us-officer\", \"tokenSha256\": \""
                    + Tokens.sha256(oldToken)
                    + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        // closed by the server at once: the read sees the end of the stream, not a timeout
        oldTak.setSoTimeout(10_000);
        assertThat(drainToEnd(oldTak.getInputStream())).isTrue();
        streamEnd.get(10, TimeUnit.SECONDS);
        assertThat(get(base + "/me", oldToken).statusCode()).isEqualTo(401);
        assertThat(get(base + "/me", newToken).statusCode()).isEqualTo(200);
        // the connection signed in with the new token is still served
        newTak.setSoTimeout(2_000);
        newTak
            .getOutputStream()
            .write(
                "<event version=\"2.0\" uid=\"ping\" type=\"t-x-c-t\" time=\"2026-01-01T00:00:00Z\" start=\"2026-01-01T00:00:00Z\" stale=\"2026-01-01T00:01:00Z\" how=\"h-g-i-g-o\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/></event>"
                    .getBytes(StandardCharsets.UTF_8));
        assertThat(newTak.isClosed()).isFalse();
        assertThat(readSome(newTak.getInputStream())).isNotEqualTo(-1);
      }
      hooks.get(0).start();
      hooks.get(0).join(30_000);
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    } finally {
      for (Thread hook : hooks) {
        if (hook.getState() == Thread.State.NEW) {
          hook.start();
        }
      }
      thread.shutdownNow();
    }
  }

  private static Socket signIn(int port, String token) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    s.getOutputStream()
        .write(
            ("<auth><cot username=\"us-officer\" password=\"" + token + "\"/></auth>")
                .getBytes(StandardCharsets.UTF_8));
    InputStream in = s.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!got.toString(StandardCharsets.UTF_8).contains("signed in as us-officer of us")) {
      int n = in.read(buf);
      assertThat(n).as(got.toString(StandardCharsets.UTF_8)).isPositive();
      got.write(buf, 0, n);
    }
    return s;
  }

  /** Reads until the peer closes; true if it did (a timeout throws). */
  private static boolean drainToEnd(InputStream in) throws java.io.IOException {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // what was queued before the close
      }
    } catch (java.net.SocketException reset) {
      return true;
    }
    return true;
  }

  private static int readSome(InputStream in) throws java.io.IOException {
    try {
      return in.read(new byte[4096]);
    } catch (java.net.SocketTimeoutException quiet) {
      return 0; // nothing to read, and not closed
    }
  }

  private HttpResponse<String> get(String uri, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String uri, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty()) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
