package io.deconflict.cli.serve;

import static io.deconflict.cli.ServedInProcess.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.init.ConfigFile;
import io.deconflict.service.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** Boots the real server on a free port and speaks HTTP to it. */
class ServeCommandTest {

  private static final Pattern LISTENING =
      Pattern.compile(
          "deconflict listening on (http://\\S+/api/v1) \\(journal (.+), (\\d+) commands? replayed\\)");

  @TempDir Path dir;

  /** A serve command line whose shutdown hooks the test runs itself, and its output. */
  private record Serve(
      CommandLine commandLine, StringWriter out, StringWriter err, List<Thread> hooks) {
    static Serve with(Map<String, String> environment) {
      List<Thread> hooks = new CopyOnWriteArrayList<>();
      CommandLine commandLine = new CommandLine(new ServeCommand(environment, hooks::add));
      StringWriter out = new StringWriter(); // thread-safe: a StringBuffer inside
      StringWriter err = new StringWriter();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      return new Serve(commandLine, out, err, hooks);
    }
  }

  /** Writes a starter configuration to {@code file} and returns it. */
  private Path init(Path file) {
    Result result = Cli.run("init", "--config", file.toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
    return file;
  }

  private static Matcher awaitListening(Serve serve, Future<Integer> running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(serve.out().toString());
      if (m.find()) {
        return m;
      }
      if (running.isDone()) {
        throw new AssertionError(
            "serve ended with " + running.get() + ": " + serve.err() + serve.out());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve did not start within 60 s: " + serve.err());
  }

  /** GET {@code uri}, with {@code token} unless it is empty. */
  private static HttpResponse<String> get(HttpClient client, String uri, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheApiUntilStoppedWithOptionsOverTheEnvironmentOverTheFile() throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    String token = token(init.out(), "us-officer");
    // a base-map layer for the web map, next to the configuration file
    Files.writeString(
        dir.resolve("places.geojson"),
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
            + " \"properties\": {\"name\": \"Qamishli\"}, \"geometry\": {\"type\": \"Point\","
            + " \"coordinates\": [41.22, 37.05]}}]}");
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    config
        .putObject("map")
        .putArray("layers")
        .addObject()
        .put("id", "places")
        .put("file", dir.resolve("places.geojson").toString());
    Files.writeString(file, config.toString());
    Path data = dir.resolve("data");
    // the file is named by the environment alone; --data and --port win over the environment's
    Serve serve =
        Serve.with(
            Map.of(
                ConfigFile.ENVIRONMENT_VARIABLE,
                file.toString(),
                "DECONFLICT_DATA",
                dir.resolve("not-this").toString(),
                "DECONFLICT_PORT",
                "1"));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> running =
          thread.submit(
              () -> serve.commandLine().execute("--port", "0", "--data", data.toString()));
      Matcher listening = awaitListening(serve, running);
      URI base = URI.create(listening.group(1));
      assertThat(listening.group(2)).isEqualTo(data.resolve("journal.db").toString());
      assertThat(listening.group(3)).isEqualTo("0");
      assertThat(base.getHost()).isEqualTo("127.0.0.1");
      assertThat(base.getPort()).isPositive().isNotEqualTo(1);

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> me = get(client, base + "/me", token);
      HttpResponse<String> anonymous = get(client, base + "/me", "");

      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      JsonNode body = Json.MAPPER.readTree(me.body());
      assertThat(body.path("member").asText()).isEqualTo("us-officer");
      assertThat(body.path("party").asText()).isEqualTo("us");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(serve.out().toString())
          .contains("The map: http://127.0.0.1:" + base.getPort() + "/");
      HttpResponse<String> layer = get(client, base + "/map/layers/places", token);
      assertThat(layer.statusCode()).as(layer.body()).isEqualTo(200);
      assertThat(layer.body()).contains("Qamishli");
      assertThat(running).isNotDone();

      assertThat(serve.hooks()).hasSize(1);
      Thread hook = serve.hooks().get(0);
      hook.start(); // what the JVM does on SIGTERM
      hook.join(30_000);

      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
      assertThat(Files.exists(dir.resolve("not-this"))).isFalse();
      assertThat(data.resolve("journal.db")).exists();
      assertThat(data.resolve("journal.db-wal"))
          .as("the journal was closed: its write-ahead log was checkpointed and removed")
          .doesNotExist();
    } finally {
      for (Thread hook : serve.hooks()) {
        if (hook.getState() == Thread.State.NEW) {
          hook.start(); // the test failed before it stopped the server
        }
      }
      thread.shutdownNow();
    }
  }

  @Test
  void aMissingConfigurationIsAnInputError() {
    Result result = Cli.run("serve", "--config", dir.resolve("none.json").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("none.json does not exist", "deconflict init");
  }

  @Test
  void anInvalidConfigurationIsAnInputError() throws IOException {
    Path file = dir.resolve("deconflict.json");
    Files.writeString(file, "{\"parties\": [], \"members\": []}");

    Result result = Cli.run("serve", "--config", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("parties must be a non-empty array");
  }

  @Test
  void aMapLayerFileThatIsMissingIsAnInputErrorNamingTheEntry() throws IOException {
    Path file = init(dir.resolve("deconflict.json"));
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    config
        .putObject("map")
        .putArray("layers")
        .addObject()
        .put("id", "roads")
        .put("file", "roads.geojson");
    Files.writeString(file, config.toString());

    Result result = Cli.run("serve", "--config", file.toString(), "--port", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("map.layers[0].file", "roads.geojson does not exist");
  }

  @Test
  void plainHttpOffLoopbackIsAnInputErrorNamingTheOption() {
    Path file = init(dir.resolve("deconflict.json"));

    Result result = Cli.run("serve", "--config", file.toString(), "--host", "0.0.0.0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("--host \"0.0.0.0\" is not a loopback address", "server.tls", "allowPlainHttp");
  }

  @Test
  void aPortOutOfRangeIsAnInputError() {
    Path file = init(dir.resolve("deconflict.json"));

    Result result = Cli.run("serve", "--config", file.toString(), "--port", "65536");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("--port must be 0..65535, got 65536");
  }

  @Test
  void aPortInUseIsAnInputError() throws IOException {
    Path file = init(dir.resolve("deconflict.json"));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Serve serve = Serve.with(Map.of());

      int exitCode =
          serve
              .commandLine()
              .execute(
                  "--config", file.toString(),
                  "--port", Integer.toString(taken.getLocalPort()),
                  "--data", dir.resolve("data").toString());

      assertThat(exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(serve.err().toString())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(serve.hooks()).isEmpty();
    }
  }

  @Test
  void helpDescribesTheOptions() {
    Result result = Cli.run("serve", "--help");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).contains("--config", "--host", "--port", "--data", "Exit codes:");
  }
}
