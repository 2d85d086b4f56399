package io.deconflict.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.Terminal;
import io.deconflict.service.Json;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
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
import java.util.List;
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

/** Runs {@code deconflict demo} in-process on a free port and stops it from standard input. */
class DemoCommandTest {

  @TempDir Path dir;

  /** The body of a GET with a member's token. */
  private static String get(String uri, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void printsTheUrlAndASignInPerPartyThenQuitsOnCommand() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(keyboard);
    List<Thread> hooks = new CopyOnWriteArrayList<>();
    CommandLine commandLine =
        new CommandLine(new DemoCommand(new Terminal(stdin, false, System::nanoTime), hooks::add));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    Path data = dir.resolve("data");
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> running =
          thread.submit(
              () ->
                  commandLine.execute(
                      "--port",
                      "0",
                      "--speed",
                      "600",
                      "--paused",
                      "--data",
                      data.toString(),
                      "--play",
                      "us",
                      "--tak-port",
                      "0"));
      Matcher listening = Pattern.compile("listening on (http://\\S+/api/v1)").matcher("");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!listening.reset(out.toString()).find()
          || !out.toString().contains("Commands")
          || !out.toString().contains("TAK listener")) {
        assertThat(running).as("demo ended early: %s%s", err, out).isNotDone();
        assertThat(System.nanoTime()).as("demo did not start: %s", err).isLessThan(deadline);
        Thread.sleep(20);
      }
      URI base = URI.create(listening.group(1));
      Matcher us =
          Pattern.compile("(?m)^us\\s+us-officer\\s+officer\\s+you\\s+(dct_\\S+)$")
              .matcher(out.toString());
      assertThat(us.find()).as(out.toString()).isTrue();
      assertThat(out.toString())
          .containsPattern("(?m)^ru\\s+ru-officer\\s+officer\\s+script\\s+dct_")
          .containsPattern("(?m)^obs\\s+obs-observer\\s+observer\\s+-\\s+dct_")
          .containsPattern("(?m)^mechanism\\s+operator\\s+operator\\s+-\\s+dct_")
          .contains("encounter 5");
      JsonNode body = Json.MAPPER.readTree(get(base + "/me", us.group(1)));
      assertThat(body.path("member").asText()).isEqualTo("us-officer");

      // a TAK client signs in on the demo's listener and reports a unit at the demo's time
      Matcher tak = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d+)").matcher(out.toString());
      assertThat(tak.find()).as(out.toString()).isTrue();
      try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(tak.group(1)))) {
        String t = "2022-10-08T04:00:00.000Z";
        socket
            .getOutputStream()
            .write(
                ("<auth><cot username=\"us-officer\" password=\""
                        + us.group(1)
                        + "\"/></auth><event version=\"2.0\" uid=\"US-TAK-1\" type=\"a-f-G-U-C\""
                        + " time=\""
                        + t
                        + "\" start=\""
                        + t
                        + "\" stale=\"2022-10-08T04:05:00.000Z\" how=\"m-g\"><point lat=\"36.9\""
                        + " lon=\"41.0\" hae=\"0\" ce=\"10\" le=\"10\"/><detail><contact"
                        + " callsign=\"US-TAK-1\"/></detail></event>")
                    .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        boolean tracked = false;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!tracked && System.nanoTime() < until) {
          tracked = get(base + "/tracks?scope=own", us.group(1)).contains("\"US-TAK-1\"");
          Thread.sleep(50);
        }
        assertThat(tracked).as("the TAK unit is a US track; %s", out).isTrue();
      }

      keyboard.write("pause\nstatus\nquit\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
      assertThat(out.toString()).contains("(paused)");
      assertThat(data.resolve("journal.db")).exists();
    } finally {
      for (Thread hook : hooks) {
        if (hook.getState() == Thread.State.NEW) {
          hook.start();
          hook.join(30_000);
        }
      }
      thread.shutdownNow();
    }
  }

  @Test
  void badOptionsAreInputErrors() throws Exception {
    Result speed = Cli.run("demo", "--speed", "0", "--data", dir.resolve("a").toString());
    assertThat(speed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(speed.err()).contains("--speed must be in (0, 10000], got 0");

    Result party = Cli.run("demo", "--play", "us,xx", "--data", dir.resolve("b").toString());
    assertThat(party.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(party.err()).contains("\"xx\" is not a party of the scenario");

    Result both = Cli.run("demo", "--start", "2022-10-08T04:00:00Z", "--encounter", "5");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(both.err()).contains("not both");

    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("journal.db"), "");
    Result journal = Cli.run("demo", "--port", "0", "--data", used.toString());
    assertThat(journal.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(journal.err()).contains("already holds a journal");
    assertThat(journal.out()).isEmpty();
  }

  @Test
  void helpDescribesTheOptions() {
    Result result = Cli.run("demo", "--help");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out())
        .contains(
            "--speed",
            "--start",
            "--encounter",
            "--data",
            "--port",
            "--paused",
            "--play",
            "--tak-port");
  }
}
