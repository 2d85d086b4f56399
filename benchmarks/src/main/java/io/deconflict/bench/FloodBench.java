package io.deconflict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.limit.MemberLimits;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures whether one member's flood delays another member (issue 12, part 5): bravo's officer
 * acknowledges open alerts one at a time, paced below its own rate limit, and the latency of each
 * acknowledgement (request to 200) is recorded, first on a quiet service, then while alpha's
 * officer floods it with notifications ({@code POST /api/v1/movements}, fresh valid movements far
 * from bravo's) from many threads at a fixed offered rate. Both phases run twice in the same JVM:
 * on a service with the default per-member limits ({@link MemberLimits.Settings#DEFAULT}), where
 * almost all of alpha's flood is refused with 429, and on one without limits, where all of it is
 * served. Reported: acknowledgement p50 and p99 per phase, the flood's answers by status, and the
 * ratio of each flooded phase to its quiet phase, measured in the same run.
 *
 * <p>Clients and servers share the JVM and the machine's cores, so the flood's own client threads
 * compete with the service for the processor. Tables go to standard output, progress to standard
 * error. Not thread-safe; one run per instance.
 */
public final class FloodBench {

  private static final double SPACING_DEGREES = 0.05;
  private final Options options;
  private final PrintStream out;
  private final BenchLog log;

  FloodBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = new BenchLog(log);
  }

  /** Runs the benchmark the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws Exception {
    Optional<Options> parsed = BenchOptions.parseOrExit("flood bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    new FloodBench(
            parsed.get(), new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err)
        .run();
    System.exit(0); // the HTTP client's selector threads would keep the JVM a while
  }

  /** One phase: bravo's acknowledgement latency, and what the flood got. */
  record Phase(String service, String flood, Latency ack, Map<Integer, Long> floodAnswers) {}

  List<Phase> run() throws Exception {
    out.printf(
        Locale.ROOT,
        "# Flood: bravo's acknowledgements while alpha floods%n%n"
            + "%s, %d processors, java %s, load average %s, %s%n"
            + "probes per phase %d, one every %d ms; flood %d threads, %d requests/s offered%n%n",
        System.getProperty("os.name"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Machine.loadAverage(),
        Instant.now(),
        options.probes,
        options.pauseMillis,
        options.floodThreads,
        options.floodRate);
    List<Phase> phases = new ArrayList<>();
    MemberLimits.Settings d = MemberLimits.Settings.DEFAULT;
    MemberLimits.Settings limits =
        new MemberLimits.Settings(
            options.limitRate,
            options.limitBurst,
            d.connectionsPerMember(),
            d.takConnectionsPerMember());
    phases.addAll(
        service(
            limits.equals(d)
                ? "default limits"
                : String.format(
                    Locale.ROOT, "limits %s/s, burst %d", options.limitRate, options.limitBurst),
            limits));
    phases.addAll(service("no limits", MemberLimits.Settings.NONE));
    print(phases);
    out.printf(Locale.ROOT, "Load average at the end: %s%n", Machine.loadAverage());
    return phases;
  }

  private List<Phase> service(String name, MemberLimits.Settings limits) throws Exception {
    Officers officers = new Officers(Duration.ofMinutes(2));
    Path data = Files.createTempDirectory("flood-bench");
    Configuration config = Configuration.parse(officers.configJson(data), Map.of());
    try (BenchServer server = BenchServer.start(config, Clock.systemUTC(), limits)) {
      URI api = server.uri();
      officers.recordAgreements(api);
      log.progress("%s: raising %,d alerts for bravo", name, 2 * options.probes);
      raiseAlerts(officers, api, 2 * options.probes);
      List<JsonNode> alerts = openAlerts(officers, api);
      if (alerts.size() < 2 * options.probes) {
        throw new IllegalStateException("only " + alerts.size() + " alerts were raised for bravo");
      }
      Phase quiet =
          new Phase(
              name, "none", probe(officers, api, alerts.subList(0, options.probes)), Map.of());
      log.progress("%s: quiet p50 %s ms", name, Figures.ms(quiet.ack().p50Nanos()));
      Map<Integer, Long> answers = new ConcurrentHashMap<>();
      AtomicBoolean flooding = new AtomicBoolean(true);
      ExecutorService flood = flood(officers, api, flooding, answers);
      Thread.sleep(1000); // the flood is under way before the first probe
      Latency under = probe(officers, api, alerts.subList(options.probes, 2 * options.probes));
      flooding.set(false);
      flood.shutdown();
      flood.awaitTermination(2, TimeUnit.MINUTES);
      Phase flooded = new Phase(name, "alpha", under, Map.copyOf(answers));
      log.progress("%s: flooded p50 %s ms, flood %s", name, Figures.ms(under.p50Nanos()), answers);
      return List.of(quiet, flooded);
    }
  }

  /** Pairs of crossing movements of bravo and charlie, each pair far from the others. */
  private void raiseAlerts(Officers officers, URI api, int pairs) throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    URI movements = URI.create(api + "/movements");
    for (int i = 0; i < pairs; i++) {
      double lon = 20 + (i % 200) * SPACING_DEGREES;
      double lat = 10 + (i / 200) * SPACING_DEGREES;
      post(officers, "bravo", movements, movement("b-" + i, lon, lat, lon + 0.02, lat, start));
      post(
          officers,
          "charlie",
          movements,
          movement("c-" + i, lon + 0.01, lat - 0.01, lon + 0.01, lat + 0.01, start));
      Thread.sleep(options.pauseMillis); // within bravo's and charlie's own limits
    }
  }

  private static void post(Officers officers, String party, URI uri, ObjectNode body)
      throws Exception {
    Officers.Answer a = officers.postAs(party, uri, Json.MAPPER.writeValueAsBytes(body));
    if (a.status() != 201) {
      throw new IllegalStateException(party + " could not notify: " + a.status() + " " + a.body());
    }
  }

  private static ObjectNode movement(
      String id, double lon1, double lat1, double lon2, double lat2, Instant start) {
    ObjectNode f = Json.object().put("type", "Feature").put("id", id);
    ObjectNode g = f.putObject("geometry").put("type", "LineString");
    g.putArray("coordinates")
        .add(Json.MAPPER.createArrayNode().add(lon1).add(lat1))
        .add(Json.MAPPER.createArrayNode().add(lon2).add(lat2));
    f.putObject("properties")
        .putArray("times")
        .add(start.toString())
        .add(start.plus(Duration.ofHours(1)).toString());
    return f;
  }

  private List<JsonNode> openAlerts(Officers officers, URI api) throws Exception {
    HttpResponse<String> r =
        officers.http.send(
            HttpRequest.newBuilder(URI.create(api + "/alerts?state=open&limit=10000"))
                .header("Authorization", "Bearer " + officers.token("bravo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<JsonNode> alerts = new ArrayList<>();
    Json.MAPPER.readTree(r.body()).path("alerts").forEach(alerts::add);
    return alerts;
  }

  /** Acknowledges each alert in turn, paced, and returns the latencies of the 200s. */
  private Latency probe(Officers officers, URI api, List<JsonNode> alerts) throws Exception {
    List<Long> nanos = new ArrayList<>();
    for (JsonNode alert : alerts) {
      ObjectNode body = Json.object();
      ObjectNode readBack = body.putObject("readBack");
      readBack.put("start", alert.path("start").asText()).put("end", alert.path("end").asText());
      readBack.set("place", alert.path("location"));
      long t0 = System.nanoTime();
      Officers.Answer a =
          officers.postAs(
              "bravo",
              URI.create(api + "/alerts/" + alert.path("id").asText() + "/acknowledge"),
              Json.MAPPER.writeValueAsBytes(body));
      long took = System.nanoTime() - t0;
      if (a.status() != 200) {
        throw new IllegalStateException("bravo's acknowledgement: " + a.status() + " " + a.body());
      }
      nanos.add(took);
      Thread.sleep(options.pauseMillis);
    }
    return Figures.latency(nanos);
  }

  /** Alpha's flood: fresh notifications at the offered rate, from many threads, until told. */
  private ExecutorService flood(
      Officers officers, URI api, AtomicBoolean flooding, Map<Integer, Long> answers) {
    ExecutorService pool = Executors.newFixedThreadPool(options.floodThreads);
    // a client of its own, as a flooding member has: bravo's requests do not queue behind alpha's
    // in one client's connection pool and selector thread
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    String token = officers.token("alpha");
    AtomicLong ids = new AtomicLong();
    Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
    long periodNanos = TimeUnit.SECONDS.toNanos(1) * options.floodThreads / options.floodRate;
    URI movements = URI.create(api + "/movements");
    LongAdder failed = new LongAdder();
    for (int t = 0; t < options.floodThreads; t++) {
      pool.execute(
          () -> {
            long next = System.nanoTime();
            while (flooding.get()) {
              long id = ids.incrementAndGet();
              double lon = -60 + (id % 1000) * 0.01;
              double lat = -30 + (id / 1000 % 1000) * 0.01;
              try {
                HttpResponse<Void> a =
                    client.send(
                        HttpRequest.newBuilder(movements)
                            .timeout(Duration.ofMinutes(2))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                    Json.MAPPER.writeValueAsBytes(
                                        movement("a-" + id, lon, lat, lon + 0.005, lat, start))))
                            .build(),
                        HttpResponse.BodyHandlers.discarding());
                answers.merge(a.statusCode(), 1L, Long::sum);
              } catch (IOException | InterruptedException e) {
                failed.increment();
              }
              next += periodNanos;
              long sleep = next - System.nanoTime();
              if (sleep > 0) {
                try {
                  TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                  return;
                }
              }
            }
          });
    }
    return pool;
  }

  private void print(List<Phase> phases) {
    out.println(
        "| service | flood | acks | ack p50 ms | ack p99 ms | ack max ms | flood answers |"
            + " p50 flooded/quiet | p99 flooded/quiet |");
    out.println("|---|---|---:|---:|---:|---:|---|---:|---:|");
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      Phase quiet = phases.get(i - i % 2);
      boolean flooded = i % 2 == 1;
      out.printf(
          Locale.ROOT,
          "| %s | %s | %d | %s | %s | %s | %s | %s | %s |%n",
          p.service(),
          p.flood(),
          p.ack().count(),
          Figures.ms(p.ack().p50Nanos()),
          Figures.ms(p.ack().p99Nanos()),
          Figures.ms(p.ack().maxNanos()),
          p.floodAnswers().isEmpty() ? "—" : new java.util.TreeMap<>(p.floodAnswers()).toString(),
          flooded ? ratio(p.ack().p50Nanos(), quiet.ack().p50Nanos()) : "—",
          flooded ? ratio(p.ack().p99Nanos(), quiet.ack().p99Nanos()) : "—");
    }
    out.println();
  }

  private static String ratio(long a, long b) {
    return b == 0 ? "—" : String.format(Locale.ROOT, "%.2f", (double) a / b);
  }

  /** The options. */
  @Command(name = "flood-bench", description = "One member floods; another's acknowledgements.")
  static final class Options {
    @Option(
        names = "--probes",
        converter = PositiveInt.class,
        description = "acknowledgements measured per phase (default 300)")
    int probes = 300;

    @Option(
        names = "--pause-millis",
        converter = PositiveInt.class,
        description = "pause between bravo's acknowledgements, within its limit (default 40)")
    int pauseMillis = 40;

    @Option(
        names = "--flood-threads",
        converter = PositiveInt.class,
        description = "alpha's flooding threads (default 32)")
    int floodThreads = 32;

    @Option(
        names = "--flood-rate",
        converter = PositiveInt.class,
        description = "requests per second alpha offers in all (default 1000)")
    int floodRate = 1000;

    @Option(
        names = "--limit-rate",
        description =
            "each member's requests per second on the first service (default 50, the"
                + " default limit)")
    double limitRate = MemberLimits.Settings.DEFAULT.requestsPerSecond();

    @Option(
        names = "--limit-burst",
        converter = PositiveInt.class,
        description = "each member's burst on the first service (default 100, the default limit)")
    int limitBurst = MemberLimits.Settings.DEFAULT.burst();

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "show this help")
    boolean help;
  }
}
