package io.deconflict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.cli.serve.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A {@code deconflict serve} running in this JVM on a free port, with what its first line said and
 * a member's HTTP calls to it; closing it does what SIGTERM does (runs the shutdown hooks the
 * command registered) and checks that {@code serve} then ends with {@link ExitCodes#OK}.
 *
 * <p>The tests of the cli and cluster modules share it: {@link #start} waits up to 60 s for the
 * {@code deconflict listening on ...} line and fails the test with what {@code serve} printed if it
 * ends first. Each HTTP call has its own timeout (10 s to read, 20 s to write). Not thread-safe to
 * start or close; its HTTP calls may be made from several threads at once.
 */
public final class ServedInProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile(
          "deconflict listening on (http://\\S+/api/v1) \\(journal (.+?), (?:snapshot after"
              + " record (\\d+), )?(\\d+) commands? replayed\\)");

  private final URI api;
  private final String journal;
  private final Optional<Long> loadedSnapshot;
  private final long replayed;
  private final StringWriter out;
  private final List<Thread> hooks;
  private final Future<Integer> exit;
  private final ExecutorService thread;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ServedInProcess(
      Matcher listening,
      StringWriter out,
      List<Thread> hooks,
      Future<Integer> exit,
      ExecutorService thread) {
    this.api = URI.create(listening.group(1));
    this.journal = listening.group(2);
    this.loadedSnapshot =
        listening.group(3) == null
            ? Optional.empty()
            : Optional.of(Long.parseLong(listening.group(3)));
    this.replayed = Long.parseLong(listening.group(4));
    this.out = out;
    this.hooks = hooks;
    this.exit = exit;
    this.thread = thread;
  }

  /**
   * Starts {@code serve --config CONFIG --port 0 --data DATA} with an empty environment and waits
   * until it listens.
   *
   * @param config the configuration file
   * @param data the data directory
   * @return the running service
   * @throws AssertionError if {@code serve} ends first or does not listen within 60 s
   */
  public static ServedInProcess start(Path config, Path data) throws Exception {
    List<Thread> hooks = new CopyOnWriteArrayList<>();
    CommandLine commandLine = new CommandLine(new ServeCommand(Map.of(), hooks::add));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<Integer> exit =
        thread.submit(
            () ->
                commandLine.execute(
                    "--config", config.toString(), "--port", "0", "--data", data.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return new ServedInProcess(m, out, hooks, exit, thread);
      }
      if (exit.isDone()) {
        throw new AssertionError("serve ended with " + exit.get() + ": " + err + out);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve did not start within 60 s: " + err);
  }

  /** The HTTP API's base, such as {@code http://127.0.0.1:41234/api/v1}. */
  public URI api() {
    return api;
  }

  /** {@link #api()} as text, to append a path to. */
  public String base() {
    return api.toString();
  }

  /** Where the journal is, as {@code serve} named it: a file, or a Kafka topic. */
  public String journal() {
    return journal;
  }

  /** The record after which the snapshot {@code serve} started from was taken, if it used one. */
  public Optional<Long> loadedSnapshot() {
    return loadedSnapshot;
  }

  /** {@link #loadedSnapshot()}, or 0 when {@code serve} started without a snapshot. */
  public long snapshot() {
    return loadedSnapshot.orElse(0L);
  }

  /** How many commands {@code serve} replayed from the journal on starting. */
  public long replayed() {
    return replayed;
  }

  /** What {@code serve} has printed to standard output so far. */
  public String out() {
    return out.toString();
  }

  /** {@code GET} of {@code path} (under {@link #api()}) with {@code token} as the bearer. */
  public HttpResponse<String> response(String token, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@link #response} as one line of text to compare: the status, a space, the body, newline. */
  public String get(String token, String path) throws Exception {
    HttpResponse<String> r = response(token, path);
    return r.statusCode() + " " + r.body() + "\n";
  }

  /** {@code POST} of the JSON {@code body} to {@code path}; asserts that it was accepted (2xx). */
  public void post(String token, String path, String body) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " " + body + ": " + r.body()).isBetween(200, 299);
  }

  /** Runs the shutdown hooks {@code serve} registered, as SIGTERM would; asserts it ends OK. */
  @Override
  public void close() throws Exception {
    for (Thread hook : hooks) {
      hook.start();
      hook.join(30_000);
    }
    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    thread.shutdownNow();
  }

  /** The token {@code deconflict init} printed for {@code member} in {@code initOut}. */
  public static String token(String initOut, String member) {
    Matcher m =
        Pattern.compile("(?m)^" + member + "\\s+\\S+\\s+\\S+\\s+(dct_\\S+)$").matcher(initOut);
    assertThat(m.find()).as("token of " + member).isTrue();
    return m.group(1);
  }

  /**
   * A movement as GeoJSON: {@code id} along latitude 36.5 from {@code lonFrom} to {@code lonTo},
   * from {@code start} for an hour.
   */
  public static String movement(String id, Instant start, double lonFrom, double lonTo) {
    return """
        {"type": "Feature", "id": "%s", "properties": {"times": ["%s", "%s"]}, \
        "geometry": {"type": "LineString", "coordinates": [[%s, 36.5], [%s, 36.5]]}}"""
        .formatted(id, start, start.plus(1, ChronoUnit.HOURS), lonFrom, lonTo);
  }
}
