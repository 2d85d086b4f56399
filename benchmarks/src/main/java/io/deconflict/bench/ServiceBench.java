package io.deconflict.bench;

import static io.deconflict.bench.Figures.count;
import static io.deconflict.bench.Figures.ms;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import io.deconflict.testkit.options.BenchOptions.WholeNumber;
import io.deconflict.testkit.sse.SseClient;
import io.deconflict.testkit.sse.SseEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the whole service over HTTP: a real {@link ApiServer} on a free port of 127.0.0.1 over a
 * fresh data directory, loaded and probed by {@link HttpClient}s in the same JVM.
 *
 * <p>Setup: parties {@code alpha}..{@code echo} with one officer each and an operator (random
 * tokens, their hashes in the configuration); the operator records one agreement per pair of
 * parties that lets both share {@code positions} (so an alert names the other party's item) and
 * otherwise takes the defaults (1 km, 24 h notice). The server's clock is fixed two days before
 * {@link ScenarioGenerator#DAY}, so no movement is late and no alert deadline ever passes.
 *
 * <p>Phases:
 *
 * <ol>
 *   <li><b>preload</b>: the first {@code N} movements of {@code ScenarioGenerator(seed, N /
 *       10,000)} (constant traffic density, about 22 conflicts per movement once all are stored)
 *       posted to {@code POST /api/v1/movements} by their party's officer, many requests in flight;
 *   <li><b>idle delivery</b>: alpha's officer holds {@code GET /api/v1/events} open; {@code M}
 *       times in turn, bravo's officer posts a copy of a stored alpha movement moved about 100 m
 *       north, and the time from that post's 2xx to the matching {@code alert.raised} for alpha
 *       (own item the alpha movement, other item the probe) on the stream is recorded;
 *   <li><b>sustained load</b>: for {@code --seconds}, {@code --clients} threads post fresh
 *       movements ({@link ScenarioGenerator#candidates}, never stored before) back to back, while
 *       the delivery probe runs again on other alpha movements. Accepted notifications per second,
 *       request latency and journal records per second (the journal's last sequence number before
 *       and after, read through {@link SqliteJournal}) are reported, with the processor time and
 *       allocation of each group of threads ({@link ThreadMXBean}) and the collections during the
 *       window.
 * </ol>
 *
 * <p>Every commit is durable ({@code synchronous=FULL}, group commit). Clients and server share the
 * JVM and the machine's cores; the figures include the clients' own cost. Tables go to standard
 * output, progress to standard error. Not thread-safe; one run per instance.
 */
public final class ServiceBench {

  /** The server's fixed clock: two days before the scenario's first day. */
  static final Instant CLOCK = ScenarioGenerator.DAY.minus(Duration.ofDays(2));

  /** How far north a probe is moved from the alpha movement it copies, metres. */
  static final double PROBE_OFFSET_METERS = 100;

  private static final String PROBE_PREFIX = "probe-";
  private static final String PROBE_MARK = "\"item\":\"" + PROBE_PREFIX;
  private static final double METERS_PER_DEGREE_LATITUDE = 111_000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final long PROBE_WAIT_MILLIS = 10_000;
  private static final double NANOS_PER_SECOND = 1e9;

  private final Options options;
  private final PrintStream out;
  private final BenchLog log;
  private final Officers officers = new Officers(REQUEST_TIMEOUT);
  private URI movements = URI.create("http://127.0.0.1/");

  ServiceBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = new BenchLog(log);
  }

  /** Runs the benchmark the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Optional<Options> parsed = BenchOptions.parseOrExit("service bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    Options options = parsed.get();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new ServiceBench(options, out, System.err).run();
    System.exit(0); // the HTTP client's selector threads would keep the JVM a while
  }

  // ---------------------------------------------------------------- results

  /**
   * Alert delivery of one phase.
   *
   * @param probes probes posted
   * @param received matching alerts that arrived within 10 s of the post
   * @param delay event arrival minus 2xx arrival, nanoseconds; {@link Latency#count()} 0 if none
   *     arrived
   * @param minNanos the smallest delay (negative if an event came before its 2xx)
   * @param negative how many events arrived before the 2xx
   * @param probeRequest latency of the probes' own posts, nanoseconds
   */
  record Delivery(
      int probes, int received, Latency delay, long minNanos, int negative, Latency probeRequest) {}

  /**
   * Everything one run measured.
   *
   * @param stored movements stored by the preload
   * @param preloadSeconds wall time of the preload
   * @param recordsAfterPreload the journal's last sequence number after the preload
   * @param heapAfterPreloadBytes heap used after full collections once the preload is done, less
   *     the heap used before the server started (so: the server's state, mostly)
   * @param accepted notifications accepted (2xx) within the measured window
   * @param notificationsPerSecond {@code accepted} per second of the window
   * @param request latency of the load's requests that completed within the window, nanoseconds
   * @param errors load requests that failed or were refused
   * @param journalRecordsPerSecond journal records appended per second of the window
   * @param recordsPerNotification journal records per notification accepted in the window
   * @param alphaEventsPerSecond events alpha's stream delivered per second of the window
   * @param idle delivery without other load
   * @param loaded delivery during the sustained load
   * @param reconnects times alpha's stream ended and was reopened
   * @param cpu where the JVM's processor time went during the window
   */
  record Result(
      int stored,
      double preloadSeconds,
      long recordsAfterPreload,
      long heapAfterPreloadBytes,
      long accepted,
      double notificationsPerSecond,
      Latency request,
      long errors,
      double journalRecordsPerSecond,
      double recordsPerNotification,
      double alphaEventsPerSecond,
      Delivery idle,
      Delivery loaded,
      int reconnects,
      CpuUse cpu) {}

  private static final String CLIENTS =
      "load clients (their HttpClient threads, alpha's stream reader, the probe)";

  /** Thread name prefixes, and the label of each group, for the processor time. */
  static final Map<String, String> CPU_GROUPS =
      Map.of(
          "deconflict-writer", "service writer (deconflict-writer: executes commands)",
          "journal-writer", "journal writer (SQLite insert, commit, fsync)",
          "deconflict-http", "HTTP server threads (Jetty, request parsing, SSE)",
          "load-", CLIENTS,
          "HttpClient-", CLIENTS,
          "sse-alpha", CLIENTS,
          "probe-", CLIENTS);

  // ---------------------------------------------------------------- the run

  Result run() throws IOException, InterruptedException {
    printEnvironment();
    int days = Math.max(1, options.n / 10_000);
    ScenarioGenerator generator = new ScenarioGenerator(options.seed, days);
    log.progress("generating %,d fresh movements", options.fresh);
    List<Body> freshBodies = bodies(generator.candidates(options.fresh));

    Path data = Files.createTempDirectory("deconflict-servicebench");
    try {
      Configuration config = Configuration.parse(officers.configJson(data), Map.of());
      Clock clock = Clock.fixed(CLOCK, ZoneOffset.UTC);
      long heapBefore = Machine.collectedHeap();
      log.progress("starting the server over %s", data);
      Result result;
      long journalBytes;
      BenchServer server = BenchServer.start(config, clock);
      try {
        movements = server.uri().resolve(ApiServer.BASE + "/movements");
        officers.recordAgreements(server.uri());
        log.progress("generating %,d movements over %d days", options.n, days);
        List<Movement> alpha = new ArrayList<>();
        double preloadSeconds = preload(generator.scenario(options.n).movements(), alpha);
        int probes = Math.min(options.probes, alpha.size() / 2);
        if (probes < options.probes) {
          log.note(
              "only %d alpha movements stored: %d probes per phase instead of %d",
              alpha.size(), probes, options.probes);
        }
        try (SqliteJournal journal = SqliteJournal.open(ServiceRuntime.journalFile(data));
            AlertStream stream =
                new AlertStream(server.uri().resolve(ApiServer.BASE + "/events"))) {
          long recordsAfterPreload = journal.lastSeq();
          long heapAfter = Machine.collectedHeap() - heapBefore;
          log.progress(
              "preload done: %,d journal records; heap used after full collections %,d MiB more"
                  + " than before the server started",
              recordsAfterPreload, heapAfter >> 20);
          Delivery idle =
              probe(stream, "idle", alpha.subList(0, probes), () -> true, new AtomicLong());
          result =
              sustain(
                  journal,
                  stream,
                  freshBodies,
                  alpha.subList(probes, 2 * probes),
                  recordsAfterPreload,
                  heapAfter,
                  preloadSeconds,
                  idle);
        }
      } finally {
        server.close();
      }
      journalBytes = sizeOf(data);
      printTables(result, days, journalBytes);
      return result;
    } finally {
      Machine.deleteTree(data);
    }
  }

  // ---------------------------------------------------------------- preload

  /**
   * Posts the movements and returns the seconds it took; adds to {@code alpha} up to {@code 2 *
   * --probes} of alpha's, for the delivery probe.
   */
  private double preload(List<Movement> stored, List<Movement> alpha) throws InterruptedException {
    for (Movement m : stored) {
      if (m.party().equals("alpha") && alpha.size() < 2 * options.probes) {
        alpha.add(m);
      }
    }
    log.progress(
        "preload: posting %,d movements, %d in flight", stored.size(), options.preloadClients);
    AtomicInteger next = new AtomicInteger();
    LongAdder done = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    long t0 = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < options.preloadClients; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement();
                    i < stored.size();
                    i = next.getAndIncrement()) {
                  Movement m = stored.get(i);
                  try {
                    HttpResponse<String> r =
                        officers.post(movements, officers.token(m.party()), feature(m.id(), m, 0));
                    if (r.statusCode() != 201) {
                      failed.increment();
                      firstFailure.compareAndSet("", r.statusCode() + " " + r.body());
                    }
                  } catch (IOException e) {
                    failed.increment();
                    firstFailure.compareAndSet("", e.toString());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  done.increment();
                }
              },
              "preload-" + t);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    long lastCount = 0;
    long lastNanos = t0;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        thread.join(10_000);
        long now = System.nanoTime();
        if (now - lastNanos >= 10 * NANOS_PER_SECOND) {
          long count = done.sum();
          log.progress(
              "preload: %,d / %,d stored, %.0f/s over the last %.0f s, %.0f/s overall;"
                  + " heap used %,d MiB",
              count,
              stored.size(),
              (count - lastCount) / ((now - lastNanos) / NANOS_PER_SECOND),
              (now - lastNanos) / NANOS_PER_SECOND,
              count / ((now - t0) / NANOS_PER_SECOND),
              Machine.usedHeapMiB());
          lastCount = count;
          lastNanos = now;
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
    if (failed.sum() > 0) {
      log.note(
          "preload: %,d of %,d posts failed; first: %s",
          failed.sum(), stored.size(), firstFailure.get());
    }
    log.progress(
        "preload: %,d movements in %.1f s (%.0f/s)",
        stored.size(), seconds, stored.size() / seconds);
    return seconds;
  }

  // ---------------------------------------------------------------- sustained load

  /** A request body ready to post, and the party whose officer posts it. */
  @SuppressWarnings("ArrayRecordComponent") // never compared; built once, posted once
  private record Body(String party, byte[] json) {}

  /** The movements as request bodies, so that the clients only send. */
  private List<Body> bodies(List<Movement> fresh) {
    log.progress("serialising %,d fresh movements", fresh.size());
    List<Body> bodies = new ArrayList<>(fresh.size());
    for (Movement m : fresh) {
      bodies.add(new Body(m.party(), feature(m.id(), m, 0)));
    }
    return bodies;
  }

  private Result sustain(
      SqliteJournal journal,
      AlertStream stream,
      List<Body> fresh,
      List<Movement> probeTargets,
      long recordsAfterPreload,
      long heapAfterPreload,
      double preloadSeconds,
      Delivery idle)
      throws InterruptedException {
    log.progress(
        "sustained load: %d clients for %d s, with the delivery probe alongside",
        options.clients, options.seconds);
    AtomicInteger next = new AtomicInteger();
    LongAdder accepted = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicReference<String> firstError = new AtomicReference<>("");
    AtomicLong probesInWindow = new AtomicLong();
    long[][] samples = new long[options.clients][];
    int[] sampleCounts = new int[options.clients];
    CpuUse.Snapshot cpu0 = CpuUse.Snapshot.take();
    long seq0 = journal.lastSeq();
    long events0 = stream.events();
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (options.seconds * NANOS_PER_SECOND);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < options.clients; t++) {
      int client = t;
      samples[t] = new long[1024];
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
                  int i = next.getAndIncrement();
                  if (i >= fresh.size()) {
                    return;
                  }
                  Body body = fresh.get(i);
                  long start = System.nanoTime();
                  Officers.Answer answer;
                  try {
                    answer = officers.postAs(body.party(), movements, body.json());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  int status = answer.status();
                  String detail = answer.body();
                  long end = System.nanoTime();
                  if (end > deadline) {
                    return;
                  }
                  if (status != 201) {
                    errors.increment();
                    firstError.compareAndSet("", status + " " + detail);
                    continue;
                  }
                  accepted.increment();
                  if (sampleCounts[client] == samples[client].length) {
                    samples[client] = Arrays.copyOf(samples[client], 2 * samples[client].length);
                  }
                  samples[client][sampleCounts[client]++] = end - start;
                }
              },
              "load-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
    AtomicReference<Delivery> loaded = new AtomicReference<>();
    Thread prober =
        new Thread(
            () ->
                loaded.set(
                    probe(
                        stream,
                        "load",
                        probeTargets,
                        () -> System.nanoTime() < deadline,
                        probesInWindow)),
            "probe-load");
    prober.setDaemon(true);
    threads.forEach(Thread::start);
    prober.start();
    long lastAccepted = 0;
    long lastNanos = t0;
    long now;
    while ((now = System.nanoTime()) < deadline) {
      long sleepMillis = Math.min(5_000, Math.max(1, (deadline - now) / 1_000_000));
      Thread.sleep(sleepMillis);
      now = System.nanoTime();
      if (now < deadline && now - lastNanos >= 4.9 * NANOS_PER_SECOND) {
        long count = accepted.sum();
        log.progress(
            "load: %,d accepted, %.0f/s over the last %.1f s; journal at %,d",
            count,
            (count - lastAccepted) / ((now - lastNanos) / NANOS_PER_SECOND),
            (now - lastNanos) / NANOS_PER_SECOND,
            journal.lastSeq());
        lastAccepted = count;
        lastNanos = now;
      }
    }
    CpuUse cpu = CpuUse.Snapshot.take().since(cpu0, CPU_GROUPS);
    long seq1 = journal.lastSeq();
    long events1 = stream.events();
    long t1 = System.nanoTime();
    double window = (t1 - t0) / NANOS_PER_SECOND;
    if (next.get() >= fresh.size()) {
      log.note(
          "the %,d fresh movements ran out before the window ended; raise --fresh", fresh.size());
    }
    for (Thread thread : threads) {
      thread.join();
    }
    prober.join();
    long total = 0;
    for (int count : sampleCounts) {
      total += count;
    }
    long[] all = new long[(int) total];
    int at = 0;
    for (int t = 0; t < samples.length; t++) {
      System.arraycopy(samples[t], 0, all, at, sampleCounts[t]);
      at += sampleCounts[t];
    }
    long ok = accepted.sum();
    if (errors.sum() > 0) {
      log.note(
          "load: %,d requests failed or were refused; first: %s", errors.sum(), firstError.get());
    }
    Delivery loadedDelivery = loaded.get();
    if (loadedDelivery == null) {
      throw new IllegalStateException("the load-phase probe ended without a result");
    }
    double seconds = (deadline - t0) / NANOS_PER_SECOND;
    log.progress("load: %,d accepted in %.1f s (%.0f/s)", ok, seconds, ok / seconds);
    return new Result(
        options.n,
        preloadSeconds,
        recordsAfterPreload,
        heapAfterPreload,
        ok,
        ok / seconds,
        all.length == 0 ? new Latency(0, 0, 0, 0, 0) : Latency.of(all),
        errors.sum(),
        (seq1 - seq0) / window,
        (double) (seq1 - seq0) / Math.max(1, ok + probesInWindow.get()),
        (events1 - events0) / window,
        idle,
        loadedDelivery,
        stream.reconnects(),
        cpu);
  }

  // ---------------------------------------------------------------- delivery probe

  /** A probe's expected alert, completed with the nanoTime it arrived. */
  private record Expected(String ownItem, CompletableFuture<Long> arrived) {}

  private final Map<String, Expected> expected = new ConcurrentHashMap<>();

  private Delivery probe(
      AlertStream stream,
      String phase,
      List<Movement> targets,
      BooleanSupplier keepGoing,
      AtomicLong posted) {
    log.progress("delivery (%s): up to %d probes", phase, targets.size());
    List<Long> delays = new ArrayList<>();
    List<Long> requests = new ArrayList<>();
    int sent = 0;
    String bravo = officers.token("bravo");
    for (int i = 0; i < targets.size() && keepGoing.getAsBoolean(); i++) {
      Movement target = targets.get(i);
      String id = String.format(Locale.ROOT, "%s%s-%05d", PROBE_PREFIX, phase, i);
      Expected e = new Expected(target.id(), new CompletableFuture<>());
      expected.put(id, e);
      byte[] body = feature(id, target, PROBE_OFFSET_METERS / METERS_PER_DEGREE_LATITUDE);
      long start = System.nanoTime();
      HttpResponse<String> r;
      try {
        r = officers.post(movements, bravo, body);
      } catch (IOException ex) {
        log.note("delivery (" + phase + "): probe " + id + " failed: " + ex);
        expected.remove(id);
        continue;
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      }
      long replied = System.nanoTime();
      sent++;
      posted.incrementAndGet();
      if (r.statusCode() != 201) {
        log.note(
            "delivery (" + phase + "): probe " + id + " refused: " + r.statusCode() + r.body());
        expected.remove(id);
        continue;
      }
      requests.add(replied - start);
      try {
        long arrived = e.arrived().get(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        delays.add(arrived - replied);
      } catch (TimeoutException ex) {
        // counted as missing
      } catch (ExecutionException ex) {
        throw new IllegalStateException(ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        expected.remove(id);
      }
    }
    int negative = (int) delays.stream().filter(d -> d < 0).count();
    long min = delays.stream().mapToLong(Long::longValue).min().orElse(0);
    Delivery d =
        new Delivery(
            sent, delays.size(), Figures.latency(delays), min, negative, Figures.latency(requests));
    log.progress(
        "delivery (%s): %d of %d alerts arrived; p50 %s ms, p99 %s ms, %d before the 2xx;"
            + " stream reconnects so far %d",
        phase,
        d.received(),
        d.probes(),
        ms(d.delay(), d.delay().p50Nanos()),
        ms(d.delay(), d.delay().p99Nanos()),
        negative,
        stream.reconnects());
    return d;
  }

  /**
   * Alpha's officer's event stream, read by the shared client: notes when each probe's alert
   * arrives; reopened at once from the last id seen if the server ends it.
   */
  private final class AlertStream implements AutoCloseable {
    private final SseClient client;

    AlertStream(URI uri) throws InterruptedException {
      this.client =
          officers.stream(uri, "alpha")
              .onEvent(this::event)
              .onError(e -> log.println("alpha's event stream: " + e))
              .open();
    }

    long events() {
      return client.events();
    }

    int reconnects() {
      return client.reconnects();
    }

    private void event(SseEvent e) {
      if (e.data().contains(PROBE_MARK)) {
        match(e.data(), e.arrivedNanos());
      }
    }

    private void match(String data, long now) {
      JsonNode event;
      try {
        event = Json.MAPPER.readTree(data);
      } catch (IOException e) {
        return;
      }
      if (!event.path("type").asText().equals("alert.raised")) {
        return;
      }
      JsonNode body = event.path("body");
      Expected e = expected.get(body.path("other").path("item").asText());
      if (e != null && body.path("own").path("item").asText().equals(e.ownItem())) {
        e.arrived().complete(now);
      }
    }

    /** Stops reading and closes the connection. */
    @Override
    public void close() {
      client.close();
    }
  }

  // ---------------------------------------------------------------- HTTP and GeoJSON

  /**
   * A movement as the GeoJSON Feature the API takes: coordinates {@code [lon, lat]} with {@code
   * latShiftDegrees} added to each latitude, one ISO instant per coordinate in {@code
   * properties.times}, and the movement's separation.
   */
  static byte[] feature(String id, Movement m, double latShiftDegrees) {
    List<Waypoint> w = m.waypoints();
    StringBuilder b = new StringBuilder(64 + 90 * w.size());
    b.append("{\"type\":\"Feature\",\"id\":\"").append(id);
    b.append("\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
    for (int k = 0; k < w.size(); k++) {
      GeoPoint p = w.get(k).point();
      b.append(k == 0 ? "[" : ",[").append(p.lon()).append(',');
      b.append(p.lat() + latShiftDegrees).append(']');
    }
    b.append("]},\"properties\":{\"times\":[");
    for (int k = 0; k < w.size(); k++) {
      b.append(k == 0 ? "\"" : ",\"").append(w.get(k).time()).append('"');
    }
    b.append("],\"separationMeters\":").append(m.separationMeters()).append("}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- output

  private void printEnvironment() {
    Runtime rt = Runtime.getRuntime();
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.add(gc.getName());
    }
    out.printf(
        Locale.ROOT,
        "# deconflict service benchmark%n%n"
            + "- java: %s %s (%s)%n- processors: %d, max heap: %d MiB, GC: %s%n"
            + "- arguments: %s%n- options: %s%n- load average at start: %s%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        rt.availableProcessors(),
        rt.maxMemory() >> 20,
        String.join(", ", gcs),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
        options,
        Machine.loadAverage());
  }

  private void printTables(Result r, int days, long journalBytes) {
    out.printf(
        Locale.ROOT,
        "## Setup%n%n"
            + "| stored movements | days | parties | agreements | preload clients"
            + " | preload s | preload notifications/s | journal records after preload"
            + " | server heap after preload MiB | journal MiB at the end |%n"
            + "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|%n"
            + "| %s | %d | %d | one per pair, sharing positions | %d | %.1f | %.0f | %s | %,d"
            + " | %.0f |%n%n",
        count(r.stored()),
        days,
        ScenarioGenerator.PARTIES.size(),
        options.preloadClients,
        r.preloadSeconds(),
        r.stored() / r.preloadSeconds(),
        count(r.recordsAfterPreload()),
        r.heapAfterPreloadBytes() >> 20,
        journalBytes / (1024.0 * 1024.0));
    out.printf(
        Locale.ROOT,
        "## Sustained notifications, %s movements stored, durable commits%n%n"
            + "| clients | seconds | accepted | notifications/s | request p50 ms | request p99 ms"
            + " | request max ms | errors | journal records/s | records per notification"
            + " | alpha stream events/s |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %d | %d | %s | **%.0f** | %s | %s | %s | %s | %.0f | %.1f | %.0f |%n%n",
        count(r.stored()),
        options.clients,
        options.seconds,
        count(r.accepted()),
        r.notificationsPerSecond(),
        ms(r.request().p50Nanos()),
        ms(r.request().p99Nanos()),
        ms(r.request().maxNanos()),
        count(r.errors()),
        r.journalRecordsPerSecond(),
        r.recordsPerNotification(),
        r.alphaEventsPerSecond());
    printCpu(r);
    out.println("## Alert delivery: bravo's 2xx to alpha's alert.raised on /api/v1/events, ms\n");
    out.println(
        "| phase | probes | alerts received | p50 | p99 | max | min | event before 2xx"
            + " | probe request p50 | probe request p99 |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    deliveryRow("idle", r.idle());
    deliveryRow("under load", r.loaded());
    out.println();
    out.printf(Locale.ROOT, "Alpha's stream was reopened %d times.%n%n", r.reconnects());
    List<String> notes = log.notes();
    if (!notes.isEmpty()) {
      out.println("## Notes\n");
      notes.forEach(n -> out.println("- " + n));
      out.println();
    }
    out.printf(
        Locale.ROOT,
        "Load average at the end: %s. Total run time: %.0f s%n",
        Machine.loadAverage(),
        log.elapsedSeconds());
  }

  private void printCpu(Result r) {
    CpuUse c = r.cpu();
    out.printf(
        Locale.ROOT,
        "## Processor time during the window, in cores (%d available)%n%n"
            + "| where | cores | CPU ms per accepted notification"
            + " | KiB allocated per accepted notification |%n|---|---:|---:|---:|%n",
        Runtime.getRuntime().availableProcessors());
    double perNotification = r.accepted() == 0 ? 0 : 1e-6 / r.accepted();
    long allocated = 0;
    for (Map.Entry<String, Long> e : c.byGroup().entrySet()) {
      Long bytes = c.allocatedByGroup().get(e.getKey());
      allocated += bytes == null ? 0 : bytes;
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %s |%n",
          e.getKey(),
          c.cores(e.getKey()),
          e.getValue() * perNotification,
          kib(bytes, r.accepted()));
    }
    if (c.processNanos() >= 0) {
      out.printf(
          Locale.ROOT,
          "| rest of the JVM (garbage collector, JIT compilers) | %.2f | %.2f | — |%n"
              + "| **whole JVM** | **%.2f** | %.2f | %s |%n",
          c.restOfJvmNanos() / (double) c.windowNanos(),
          c.restOfJvmNanos() * perNotification,
          c.processNanos() / (double) c.windowNanos(),
          c.processNanos() * perNotification,
          kib(allocated, r.accepted()));
    }
    out.printf(Locale.ROOT, "%n%s%n%n", c.collections());
  }

  private static String kib(@Nullable Long bytes, long accepted) {
    return bytes == null || accepted == 0
        ? "—"
        : String.format(Locale.ROOT, "%.0f", bytes / 1024.0 / accepted);
  }

  private void deliveryRow(String phase, Delivery d) {
    out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %s | %s | %s | %s | %d | %s | %s |%n",
        phase,
        d.probes(),
        d.received(),
        ms(d.delay(), d.delay().p50Nanos()),
        ms(d.delay(), d.delay().p99Nanos()),
        ms(d.delay(), d.delay().maxNanos()),
        ms(d.delay(), d.minNanos()),
        d.negative(),
        ms(d.probeRequest(), d.probeRequest().p50Nanos()),
        ms(d.probeRequest(), d.probeRequest().p99Nanos()));
  }

  private static long sizeOf(Path dir) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
    }
    return total;
  }

  // ---------------------------------------------------------------- options

  /** Parsed command-line options. */
  @Command(
      sortOptions = false,
      name = "ServiceBench",
      customSynopsis =
          "java -Xms8g -Xmx8g -cp benchmarks.jar io.deconflict.bench.ServiceBench [options]",
      footer = {
        "The scenario spreads the N movements over N / 10,000 days (at least 1).",
        "Numbers may use _ as a thousands separator: 100_000."
      })
  static final class Options implements BenchOptions.Checked {

    @Option(
        names = "--n",
        paramLabel = "N",
        converter = PositiveInt.class,
        description = "movements stored through the API before measuring (default 100000)")
    int n = 100_000;

    @Option(
        names = "--seconds",
        paramLabel = "S",
        converter = PositiveInt.class,
        description = "length of the sustained-load window (default 30)")
    int seconds = 30;

    @Option(
        names = "--clients",
        paramLabel = "C",
        converter = PositiveInt.class,
        description = "concurrent clients posting during the window (default 64)")
    int clients = 64;

    @Option(
        names = "--preload-clients",
        paramLabel = "P",
        converter = PositiveInt.class,
        description = "concurrent clients during the preload (default 64)")
    int preloadClients = 64;

    @Option(
        names = "--probes",
        paramLabel = "M",
        converter = PositiveInt.class,
        description = "alert-delivery probes, idle and again under load (default 500)")
    int probes = 500;

    @Option(
        names = "--fresh",
        paramLabel = "F",
        converter = PositiveInt.class,
        description = {
          "fresh movements generated for the window",
          "(default 4000 per second of --seconds)"
        })
    int fresh;

    @Option(
        names = "--seed",
        paramLabel = "S",
        converter = WholeNumber.class,
        description = "scenario seed (default 20221008)")
    long seed = 20221008L;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "this text")
    boolean help;

    static Options parse(String[] args) {
      return BenchOptions.parse(new Options(), args);
    }

    @Override
    public void check() {
      if (fresh == 0) { // not given
        fresh = (int) Math.min(Integer.MAX_VALUE / 2, 4_000L * seconds);
      }
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "--n %d --seconds %d --clients %d --preload-clients %d --probes %d --fresh %d --seed %d",
          n,
          seconds,
          clients,
          preloadClients,
          probes,
          fresh,
          seed);
    }
  }
}
