package io.deconflict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.Encounter;
import io.deconflict.engine.live.LiveEvent;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.LiveTracker;
import io.deconflict.engine.live.PositionReport;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveDouble;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import io.deconflict.testkit.options.BenchOptions.WholeNumber;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures live tracking: position reports through the engine's {@link LiveTracker} alone, the same
 * kind of reports through the whole service over HTTP, and the time from a report that creates an
 * encounter to the alert on the other party's event stream.
 *
 * <p><b>Fleet.</b> {@code N} units of the five {@link ScenarioGenerator#PARTIES}, each reporting
 * once per round of 5 s of simulated time (at a phase of its own within the round), with course and
 * speed. {@link ScenarioGenerator#ON_ROAD_FRACTION} of them drive along the generator's road
 * network (the same 60 towns and roads as {@code ScenarioGenerator} for the same seed) at 5–25 m/s,
 * each on a 100 km walk of the roads that it drives back and forth, so both directions of every
 * road carry traffic; the rest go straight across the region at 5–25 m/s with a 300 m sideways
 * wiggle every 10 minutes, turning back at its edges. Every position is a pure function of seed,
 * unit and time.
 *
 * <p><b>Engine.</b> One thread feeds a fresh {@link LiveTracker} ({@link LiveSettings#DEFAULT}, the
 * service's settings) every unit's first report (timed apart), then rounds of reports in batches of
 * {@code --batch} for a warm-up and for {@code --seconds}. Only the time inside {@code report} is
 * timed; generating the reports is not. At {@code N} ≤ 10,000 the same reports also go through an
 * all-pairs loop written here: every report evaluated against every fresh unit of another party by
 * the same linear closest-point-of-approach formula in a flat local frame, thresholds without
 * hysteresis. The tracker's brute-force mode is package-private, so it is not measured.
 *
 * <p><b>End to end.</b> A real {@link ApiServer} on 127.0.0.1 over a fresh data directory (durable
 * SQLite journal), one officer per party, an agreement per pair of parties sharing positions, and a
 * {@link SimClock} driven by the load: the server's clock is the start of the newest round posted,
 * so reports are never too far ahead of it and alert deadlines (set to 24 h) never pass. {@code
 * --clients} threads post JSON batches of {@code --batch} reports of one party each (with that
 * party's token), taken in round order from one shared sequence so that all parties move in step (a
 * batch waits for its own units' previous round to be answered, so no report arrives after a newer
 * one); a round lasts at least {@code 5 s / --speedup} of wall time, its batches due evenly over it
 * ({@code --speedup 1} is real time: N / 5 reports per second). First every unit's first report is
 * loaded and the wait lasts until bravo's stream has delivered their events; then reports flow for
 * {@code --seconds}; reports accepted (the replies' {@code accepted}) per second and request
 * latency are measured over that window. Bravo's officer holds {@code GET /api/v1/events} open
 * throughout.
 *
 * <p><b>Alert latency.</b> A probe is a pair of new units, alpha's A and bravo's B, placed 20 km
 * apart far south of the fleet (each probe at a place of its own): A heading north, B west toward
 * A's start, closest approach 14 km, no encounter. Then alpha posts A's next report, one second
 * later, heading east: head-on, separation lost in about 8 min, a new encounter. The latency is
 * from just before that request is sent to the arrival of the {@code alert.raised} for B ({@code
 * kind} {@code unit-unit}) on bravo's stream. Idle: one probe at a time after the load. Under load:
 * {@value #PROBE_THREADS} probe threads on a steady schedule during the window; the load goes on
 * until their last alert is in.
 *
 * <p>Clients and server share the JVM and the machine's cores. Tables go to standard output,
 * progress to standard error. Not thread-safe; one run per instance.
 */
public final class LiveBench {

  /** Simulated time of the fleet's first round: 06:00 UTC on the scenario's day. */
  static final Instant T0 = ScenarioGenerator.DAY.plus(Duration.ofHours(6));

  /** Each unit reports once per round of simulated time. */
  static final long ROUND_MILLIS = 5_000;

  /** Largest fleet the all-pairs baseline runs on. */
  static final int ALL_PAIRS_MAX_UNITS = 10_000;

  /** The tracker's thresholds: the service's (default separation 1 km). */
  static final LiveSettings SETTINGS = LiveSettings.DEFAULT;

  /** Length of the road walk an on-road unit drives back and forth, metres. */
  static final double ROUTE_METERS = 100_000;

  private static final String PROBE_PREFIX = "pb-";
  private static final String SYNC_PREFIX = "sync-";
  private static final double PROBE_GAP_METERS = 20_000;
  private static final double PROBE_SPEED_MPS = 20;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final long PROBE_WAIT_MILLIS = 10_000;
  private static final int PROBE_THREADS = 16;
  private static final double NANOS_PER_MILLI = 1e6;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double METERS_PER_DEGREE = 111_195;
  private static final Latency NO_SAMPLES = new Latency(0, 0, 0, 0, 0);

  private final Options options;
  private final PrintStream out;
  private final PrintStream log;
  private final long startNanos = System.nanoTime();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final Map<String, String> tokenByParty = new LinkedHashMap<>();
  private final String operatorToken = Tokens.newToken();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final AtomicInteger probeSlots = new AtomicInteger();

  LiveBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = log;
    for (String party : ScenarioGenerator.PARTIES) {
      tokenByParty.put(party, Tokens.newToken());
    }
  }

  /** Runs the benchmark the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Optional<Options> parsed = BenchOptions.parseOrExit("live bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    Options options = parsed.get();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new LiveBench(options, out, System.err).run();
    System.exit(0); // the HTTP client's selector threads would keep the JVM a while
  }

  // ---------------------------------------------------------------- results

  /**
   * One engine measurement.
   *
   * @param path what processed the reports
   * @param units fleet size
   * @param firstSeconds time to take every unit's first report
   * @param firstEvents events those first reports produced
   * @param reports reports in the measured rounds
   * @param rounds measured rounds, whole or partial
   * @param reportsPerSecond {@code reports} per second spent inside the report calls
   * @param batch latency of one call of {@code batchSize} reports, nanoseconds
   * @param raised encounters that appeared in the measured rounds
   * @param changed level changes of existing encounters
   * @param ended encounters that ended
   * @param eventsPerSecond all events per second spent inside the report calls
   * @param openAtEnd encounters open after the last round
   * @param retainedBytes heap held by the tracker after the run (after full collections), or -1
   */
  record EngineRow(
      String path,
      int units,
      double firstSeconds,
      long firstEvents,
      long reports,
      int rounds,
      double reportsPerSecond,
      Latency batch,
      long raised,
      long changed,
      long ended,
      double eventsPerSecond,
      long openAtEnd,
      long retainedBytes) {}

  /**
   * Alert latency of one phase.
   *
   * @param probes triggers posted
   * @param received their alerts that arrived on bravo's stream within 10 s
   * @param delay send of the trigger to the alert's arrival, nanoseconds
   * @param reply send of the trigger to its 2xx, nanoseconds
   * @param beforeReply alerts that arrived before the trigger's 2xx
   */
  record Probes(int probes, int received, Latency delay, Latency reply, int beforeReply) {
    static final Probes NONE = new Probes(0, 0, NO_SAMPLES, NO_SAMPLES, 0);
  }

  /**
   * The end-to-end measurement.
   *
   * @param units fleet size
   * @param loadSeconds time to post every unit's first report
   * @param loadAccepted first reports accepted
   * @param loadRecords journal records after the first reports
   * @param heapAfterLoadBytes heap used after full collections once loaded, less the heap used
   *     before the server started (the server's state, mostly)
   * @param rounds rounds started in the window (the last one partly)
   * @param accepted reports accepted by requests that completed within the window
   * @param ignored reports the replies counted as ignored
   * @param reportsPerSecond {@code accepted} per second of the window
   * @param request latency of the requests that completed within the window, nanoseconds
   * @param errors requests that failed or were refused
   * @param journalRecordsPerSecond journal records appended per second of the window
   * @param streamEventsPerSecond events bravo's stream delivered per second of the window
   * @param streamMegabytesPerSecond bytes of bravo's stream per second of the window, in MB
   * @param paced seconds the clients waited for the pace ({@code --speedup}) in the window
   * @param idle alert latency without load
   * @param loaded alert latency during the window
   * @param reconnects times bravo's stream ended and was reopened
   * @param streamByType events bravo's stream delivered over the whole run, by type
   * @param cpu where the processor time went during the window
   */
  record Http(
      int units,
      double loadSeconds,
      long loadAccepted,
      long loadRecords,
      long heapAfterLoadBytes,
      long rounds,
      long accepted,
      long ignored,
      double reportsPerSecond,
      Latency request,
      long errors,
      double journalRecordsPerSecond,
      double streamEventsPerSecond,
      double streamMegabytesPerSecond,
      double paced,
      Probes idle,
      Probes loaded,
      int reconnects,
      Map<String, Long> streamByType,
      CpuUse cpu) {}

  /**
   * Everything one run measured.
   *
   * @param engine engine rows, in the order measured
   * @param http the end-to-end measurement, if it ran
   */
  record Result(List<EngineRow> engine, Optional<Http> http) {}

  // ---------------------------------------------------------------- the run

  Result run() throws IOException, InterruptedException {
    printEnvironment();
    progress("building the fleet of %,d units (seed %d)", options.units, options.seed);
    Fleet fleet = new Fleet(options.seed, options.units);
    printSetup(fleet);
    List<EngineRow> engine = new ArrayList<>();
    if (options.only.contains(Phase.ENGINE)) {
      for (int n : engineSizes()) {
        Fleet f = n == fleet.size() ? fleet : new Fleet(options.seed, n);
        if (n <= ALL_PAIRS_MAX_UNITS) {
          engine.add(measureAllPairs(f));
        }
        engine.add(measureTracker(f));
      }
      printEngine(engine);
    }
    Optional<Http> http = Optional.empty();
    if (options.only.contains(Phase.HTTP) || options.only.contains(Phase.LATENCY)) {
      http = Optional.of(endToEnd(fleet));
      printHttp(http.get());
    }
    printTargets(engine, http);
    if (!notes.isEmpty()) {
      out.println("## Notes\n");
      notes.forEach(n -> out.println("- " + n));
      out.println();
    }
    out.printf(
        Locale.ROOT,
        "Load average at the end: %s. Total run time: %.0f s%n",
        loadAverage(),
        elapsedSeconds());
    return new Result(engine, http);
  }

  /** 1,000 and 10,000 units (for the side-by-side baseline) below the fleet's size, and it. */
  private List<Integer> engineSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (int n : new int[] {1_000, ALL_PAIRS_MAX_UNITS}) {
      if (n < options.units) {
        sizes.add(n);
      }
    }
    sizes.add(options.units);
    return sizes;
  }

  // ---------------------------------------------------------------- engine alone

  /** Something that takes batches of reports and tells the events, counted by kind. */
  private interface Sink {
    /** Applies a batch; returns {new, level changed, ended} counts in {@code counts}. */
    void report(List<PositionReport> batch, long[] counts);

    long open();
  }

  private EngineRow measureTracker(Fleet fleet) {
    long heapBefore = collectedHeap();
    LiveTracker tracker = new LiveTracker(SETTINGS);
    LongSet open = new LongSet();
    Sink sink =
        new Sink() {
          @Override
          public void report(List<PositionReport> batch, long[] counts) {
            for (LiveEvent e : tracker.report(batch)) {
              if (e instanceof LiveEvent.EncounterChanged c) {
                Encounter enc = c.encounter();
                if (open.add(pairKey(enc.unitA(), enc.unitB()))) {
                  counts[0]++;
                } else {
                  counts[1]++;
                }
              } else if (e instanceof LiveEvent.EncounterEnded x) {
                open.remove(pairKey(x.unitA(), x.unitB()));
                counts[2]++;
              }
            }
          }

          @Override
          public long open() {
            return open.size();
          }
        };
    EngineRow row = measure("LiveTracker (indexed)", fleet, sink);
    long retained = collectedHeap() - heapBefore;
    if (tracker.units() != fleet.size()) {
      notes.add("the tracker holds " + tracker.units() + " units, not " + fleet.size());
    }
    return new EngineRow(
        row.path(),
        row.units(),
        row.firstSeconds(),
        row.firstEvents(),
        row.reports(),
        row.rounds(),
        row.reportsPerSecond(),
        row.batch(),
        row.raised(),
        row.changed(),
        row.ended(),
        row.eventsPerSecond(),
        row.openAtEnd(),
        retained);
  }

  private EngineRow measureAllPairs(Fleet fleet) {
    AllPairs all = new AllPairs(fleet.size(), SETTINGS);
    Sink sink =
        new Sink() {
          @Override
          public void report(List<PositionReport> batch, long[] counts) {
            all.report(batch, counts);
          }

          @Override
          public long open() {
            return all.open();
          }
        };
    return measure("all-pairs CPA loop (baseline)", fleet, sink);
  }

  /** First reports, a warm-up, then {@code --seconds} of rounds, timing each call. */
  private EngineRow measure(String path, Fleet fleet, Sink sink) {
    int n = fleet.size();
    int batch = options.engineBatch();
    progress("engine, %s, %,d units: first reports", path, n);
    long[] counts = new long[3];
    long firstNanos = 0;
    for (int from = 0; from < n; from += batch) {
      List<PositionReport> reports = fleet.reports(0, from, Math.min(n, from + batch));
      long t0 = System.nanoTime();
      sink.report(reports, counts);
      firstNanos += System.nanoTime() - t0;
    }
    long firstEvents = counts[0] + counts[1] + counts[2];
    progress(
        "engine, %s: first reports in %.2f s, %,d encounters open",
        path, firstNanos / NANOS_PER_SECOND, sink.open());
    int round = 1;
    double warmUp = Math.min(10, options.seconds / 3.0);
    long warmDeadline = System.nanoTime() + (long) (warmUp * NANOS_PER_SECOND);
    do {
      for (int from = 0; from < n; from += batch) {
        sink.report(fleet.reports(round, from, Math.min(n, from + batch)), counts);
      }
      round++;
    } while (System.nanoTime() < warmDeadline);
    progress(
        "engine, %s: warmed up over %d rounds, measuring %d s", path, round - 1, options.seconds);
    Arrays.fill(counts, 0);
    long[] samples = new long[1024];
    int count = 0;
    long reports = 0;
    long inside = 0;
    int rounds = 0;
    long deadline = System.nanoTime() + (long) (options.seconds * NANOS_PER_SECOND);
    long lastLog = System.nanoTime();
    measuring:
    while (true) {
      rounds++;
      for (int from = 0; from < n; from += batch) {
        List<PositionReport> reps = fleet.reports(round, from, Math.min(n, from + batch));
        long t0 = System.nanoTime();
        sink.report(reps, counts);
        long t1 = System.nanoTime();
        if (count == samples.length) {
          samples = Arrays.copyOf(samples, 2 * count);
        }
        samples[count++] = t1 - t0;
        inside += t1 - t0;
        reports += reps.size();
        if (t1 >= deadline) {
          break measuring;
        }
        if (t1 - lastLog > 10 * NANOS_PER_SECOND) {
          progress(
              "engine, %s: %,d reports, %.0f/s inside report()",
              path, reports, reports / (inside / NANOS_PER_SECOND));
          lastLog = t1;
        }
      }
      round++;
    }
    double seconds = inside / NANOS_PER_SECOND;
    long events = counts[0] + counts[1] + counts[2];
    EngineRow row =
        new EngineRow(
            path,
            n,
            firstNanos / NANOS_PER_SECOND,
            firstEvents,
            reports,
            rounds,
            reports / seconds,
            Latency.of(Arrays.copyOf(samples, count)),
            counts[0],
            counts[1],
            counts[2],
            events / seconds,
            sink.open(),
            -1);
    progress(
        "engine, %s, %,d units: %,.0f reports/s, batch p50 %s ms p99 %s ms, %,.0f events/s,"
            + " %,d encounters open",
        path,
        n,
        row.reportsPerSecond(),
        ms(row.batch().p50Nanos()),
        ms(row.batch().p99Nanos()),
        row.eventsPerSecond(),
        row.openAtEnd());
    return row;
  }

  /** The key of a pair of fleet units {@code u0000012} and {@code u0000345}. */
  static long pairKey(String unitA, String unitB) {
    long a = Fleet.indexOf(unitA);
    long b = Fleet.indexOf(unitB);
    return a < b ? a << 32 | b : b << 32 | a;
  }

  // ---------------------------------------------------------------- end to end

  private Http endToEnd(Fleet fleet) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("deconflict-livebench");
    try {
      Configuration config = Configuration.parse(configJson(data), Map.of());
      SimClock clock = new SimClock(T0.toEpochMilli());
      long heapBefore = collectedHeap();
      progress("starting the server over %s", data);
      ServiceRuntime runtime =
          ServiceRuntime.open(
              config.dataDirectory(),
              config.directory(),
              config.defaults(),
              clock,
              ServiceRuntime.DEFAULT_TICK_MILLIS);
      ApiServer server = ApiServer.start(runtime.application(), config, clock);
      try {
        recordAgreements(server.uri());
        try (SqliteJournal journal = SqliteJournal.open(ServiceRuntime.journalFile(data));
            EventStream stream =
                new EventStream(server.uri().resolve(ApiServer.BASE + "/events"), "bravo")) {
          URI positions = server.uri().resolve(ApiServer.BASE + "/positions");
          Load load = new Load(fleet, positions, clock, journal::lastSeq);
          progress(
              "load: every unit's first report, %d clients, %,d reports per request",
              options.clients, options.httpBatch());
          Drive first = load.drive(0, 1, Long.MAX_VALUE, new AtomicBoolean());
          long loadRecords = journal.lastSeq();
          progress(
              "load: %,d accepted in %.1f s (%.0f/s); %,d journal records",
              first.accepted(), first.seconds(), first.accepted() / first.seconds(), loadRecords);
          long heapAfter = collectedHeap() - heapBefore;
          progress("heap used after full collections: %,d MiB more than before", heapAfter >> 20);
          progress("waiting for bravo's stream to deliver the load's events");
          long waited = System.nanoTime();
          if (!catchUp(positions, stream, clock)) {
            notes.add("bravo's stream had not caught up 10 min after the load; went on");
          }
          double catchUpSeconds = (System.nanoTime() - waited) / NANOS_PER_SECOND;
          progress(
              "bravo's stream caught up after %.1f s, reopened %d times so far",
              catchUpSeconds, stream.reconnects());
          notes.add(
              String.format(
                  Locale.ROOT,
                  "after the first reports bravo's stream took %.1f s to deliver their events"
                      + " (reopened %d times by then); idle probes and the window waited for it",
                  catchUpSeconds,
                  stream.reconnects()));
          Probes idle = Probes.NONE;
          if (options.only.contains(Phase.LATENCY)) {
            idle = idleProbes(server.uri(), stream, clock);
          }
          return window(
              journal, stream, load, server.uri(), clock, first, loadRecords, heapAfter, idle);
        }
      } finally {
        server.close();
        runtime.close();
      }
    } finally {
      deleteTree(data);
    }
  }

  private Http window(
      SqliteJournal journal,
      EventStream stream,
      Load load,
      URI api,
      SimClock clock,
      Drive first,
      long loadRecords,
      long heapAfter,
      Probes idle)
      throws InterruptedException {
    boolean probing = options.only.contains(Phase.LATENCY);
    progress(
        "window: %d clients for %d s%s",
        options.clients, options.seconds, probing ? ", alert-latency probes alongside" : "");
    AtomicBoolean stop = new AtomicBoolean();
    CpuSnapshot cpu0 = CpuSnapshot.take();
    long seq0 = journal.lastSeq();
    long events0 = stream.events();
    long bytes0 = stream.bytes();
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (options.seconds * NANOS_PER_SECOND);
    AtomicReference<Probes> loaded = new AtomicReference<>(Probes.NONE);
    Thread prober = null;
    if (probing) {
      prober =
          new Thread(
              () -> loaded.set(loadedProbes(api, stream, clock, deadline)), "probe-schedule");
      prober.setDaemon(true);
    }
    AtomicReference<CpuUse> cpu = new AtomicReference<>();
    AtomicLong seq1 = new AtomicLong();
    AtomicLong events1 = new AtomicLong();
    AtomicLong bytes1 = new AtomicLong();
    Thread watcher =
        new Thread(
            () -> {
              try {
                long now;
                while ((now = System.nanoTime()) < deadline) {
                  Thread.sleep(Math.max(1, Math.min(5_000, (deadline - now) / 1_000_000)));
                  now = System.nanoTime();
                  if (now < deadline) {
                    progress(
                        "window: %,d accepted so far, journal at %,d, bravo's stream %,d events",
                        load.acceptedSoFar(), journal.lastSeq(), stream.events());
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cpu.set(CpuSnapshot.take().since(cpu0));
              seq1.set(journal.lastSeq());
              events1.set(stream.events());
              bytes1.set(stream.bytes());
            },
            "window-watch");
    watcher.setDaemon(true);
    watcher.start();
    if (prober != null) {
      prober.start();
    }
    Thread finalProber = prober;
    Thread stopper =
        new Thread(
            () -> {
              try {
                watcher.join();
                if (finalProber != null) {
                  finalProber.join();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stop.set(true);
            },
            "window-stop");
    stopper.setDaemon(true);
    stopper.start();
    Drive w = load.drive(1, Integer.MAX_VALUE, deadline, stop);
    stopper.join();
    double window = (deadline - t0) / NANOS_PER_SECOND;
    CpuUse use = cpu.get();
    if (use == null) {
      throw new IllegalStateException("the window's processor time was not taken");
    }
    Probes underLoad = loaded.get();
    progress(
        "window: %,d accepted in %.1f s (%.0f/s), %,d rounds",
        w.accepted(), window, w.accepted() / window, w.rounds());
    return new Http(
        load.fleet.size(),
        first.seconds(),
        first.accepted(),
        loadRecords,
        heapAfter,
        w.rounds(),
        w.accepted(),
        w.ignored(),
        w.accepted() / window,
        w.request(),
        w.errors(),
        (seq1.get() - seq0) / window,
        (events1.get() - events0) / window,
        (bytes1.get() - bytes0) / window / 1e6,
        w.pacedSeconds(),
        idle,
        underLoad == null ? Probes.NONE : underLoad,
        stream.reconnects(),
        stream.byType(),
        use);
  }

  /**
   * What one drive of the clients measured.
   *
   * @param seconds wall time from start to the last client's end
   * @param rounds rounds started before the deadline
   * @param accepted reports accepted by requests that completed before the deadline
   * @param ignored reports those replies counted as ignored
   * @param request latency of those requests
   * @param errors requests failed or refused
   * @param pacedSeconds time clients slept waiting for the pace, summed over clients
   */
  record Drive(
      double seconds,
      long rounds,
      long accepted,
      long ignored,
      Latency request,
      long errors,
      double pacedSeconds) {}

  /** The clients posting the fleet's reports, batch by batch, in round order. */
  private final class Load {
    final Fleet fleet;
    private final URI positions;
    private final SimClock clock;
    private final int[][] batches;
    private final LongSupplier journalSeq;
    private final LongAdder acceptedSoFar = new LongAdder();

    Load(Fleet fleet, URI positions, SimClock clock, LongSupplier journalSeq) {
      this.fleet = fleet;
      this.positions = positions;
      this.clock = clock;
      this.journalSeq = journalSeq;
      this.batches = fleet.partyBatches(options.httpBatch());
    }

    long acceptedSoFar() {
      return acceptedSoFar.sum();
    }

    /**
     * Posts rounds {@code fromRound} until {@code toRound} (exclusive) or until {@code stop};
     * counts requests that complete before {@code deadline}.
     */
    Drive drive(int fromRound, int toRound, long deadline, AtomicBoolean stop)
        throws InterruptedException {
      AtomicLong next = new AtomicLong();
      AtomicLong maxRound = new AtomicLong(fromRound - 1L);
      AtomicLongArray done = new AtomicLongArray(batches.length);
      for (int k = 0; k < batches.length; k++) {
        done.set(k, fromRound - 1L);
      }
      LongAdder accepted = new LongAdder();
      LongAdder ignored = new LongAdder();
      LongAdder errors = new LongAdder();
      LongAdder pacedNanos = new LongAdder();
      AtomicReference<String> firstError = new AtomicReference<>("");
      long[][] samples = new long[options.clients][];
      int[] sampleCounts = new int[options.clients];
      long t0 = System.nanoTime();
      double roundWallNanos = ROUND_MILLIS * NANOS_PER_MILLI / options.speedup;
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < options.clients; c++) {
        int client = c;
        samples[c] = new long[256];
        Thread thread =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    long b = next.getAndIncrement();
                    long round = fromRound + b / batches.length;
                    if (round >= toRound) {
                      return;
                    }
                    int k = (int) (b % batches.length);
                    int[] batch = batches[k];
                    // the same units' previous round first, or it would arrive late and be ignored
                    while (done.get(k) < round - 1 && !stop.get()) {
                      Thread.onSpinWait();
                      LockSupport.parkNanos(100_000);
                    }
                    // spread over the round, as units report at phases of their own
                    double at = round - fromRound + k / (double) batches.length;
                    long due = t0 + (long) (at * roundWallNanos);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      pacedNanos.add(wait);
                      try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                    if (System.nanoTime() < deadline) {
                      maxRound.accumulateAndGet(round, Math::max);
                    }
                    clock.advanceTo(T0.toEpochMilli() + round * ROUND_MILLIS);
                    String party = ScenarioGenerator.PARTIES.get(batch[2]);
                    byte[] body = fleet.json((int) round, batch[0], batch[1]);
                    long start = System.nanoTime();
                    int status;
                    String reply;
                    try {
                      HttpResponse<String> r = post(positions, token(party), body);
                      status = r.statusCode();
                      reply = r.body();
                    } catch (IOException e) {
                      status = -1;
                      reply = e.toString();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    long end = System.nanoTime();
                    done.set(k, round);
                    if (status != 200) {
                      errors.increment();
                      firstError.compareAndSet("", status + " " + reply);
                      continue;
                    }
                    JsonNode json;
                    try {
                      json = Json.MAPPER.readTree(reply);
                    } catch (IOException e) {
                      errors.increment();
                      firstError.compareAndSet("", "unreadable reply " + reply);
                      continue;
                    }
                    long ok = json.path("accepted").asLong();
                    acceptedSoFar.add(ok);
                    if (end > deadline) {
                      continue;
                    }
                    accepted.add(ok);
                    ignored.add(json.path("ignored").asLong());
                    if (sampleCounts[client] == samples[client].length) {
                      samples[client] = Arrays.copyOf(samples[client], 2 * sampleCounts[client]);
                    }
                    samples[client][sampleCounts[client]++] = end - start;
                  }
                },
                "load-" + c);
        thread.setDaemon(true);
        threads.add(thread);
      }
      threads.forEach(Thread::start);
      long lastLog = t0;
      for (Thread t : threads) {
        while (t.isAlive()) {
          t.join(1_000);
          long now = System.nanoTime();
          if (deadline == Long.MAX_VALUE && now - lastLog > 10 * NANOS_PER_SECOND) {
            progress(
                "load: %,d accepted, round %d, journal at %,d, heap used %,d MiB",
                acceptedSoFar.sum(),
                maxRound.get(),
                journalSeq.getAsLong(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
            lastLog = now;
          }
        }
      }
      double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
      if (errors.sum() > 0) {
        notes.add(
            String.format(
                Locale.ROOT,
                "load (rounds from %d): %,d requests failed or were refused; first: %s",
                fromRound,
                errors.sum(),
                firstError.get()));
      }
      int total = 0;
      for (int c : sampleCounts) {
        total += c;
      }
      long[] all = new long[total];
      int at = 0;
      for (int c = 0; c < samples.length; c++) {
        System.arraycopy(samples[c], 0, all, at, sampleCounts[c]);
        at += sampleCounts[c];
      }
      return new Drive(
          seconds,
          maxRound.get() - fromRound + 1,
          accepted.sum(),
          ignored.sum(),
          all.length == 0 ? NO_SAMPLES : Latency.of(all),
          errors.sum(),
          pacedNanos.sum() / NANOS_PER_SECOND);
    }
  }

  private ObjectNode configJson(Path data) {
    ObjectNode root = Json.object();
    root.put("host", "127.0.0.1").put("port", 0).put("data", data.toString());
    // room for --batch up to the API's 20,000 reports (about 2.5 MB of JSON)
    root.putObject("limits").put("maxBodyBytes", 8L << 20);
    ObjectNode defaults = root.putObject("defaults");
    defaults.put("acknowledgeWithin", "PT24H");
    defaults.putArray("escalation").add("PT24H").add("PT24H");
    ArrayNode parties = root.putArray("parties");
    ArrayNode members = root.putArray("members");
    for (Map.Entry<String, String> e : tokenByParty.entrySet()) {
      parties.addObject().put("id", e.getKey()).put("name", e.getKey()).put("language", "en");
      members
          .addObject()
          .put("id", e.getKey() + "-officer")
          .put("party", e.getKey())
          .put("role", "officer")
          .put("tokenSha256", Tokens.sha256(e.getValue()));
    }
    members
        .addObject()
        .put("id", "operator")
        .put("party", Party.MECHANISM)
        .put("role", "operator")
        .put("tokenSha256", Tokens.sha256(operatorToken));
    return root;
  }

  /** One agreement per pair of parties, both sharing positions, defaults otherwise. */
  private void recordAgreements(URI api) throws IOException, InterruptedException {
    List<String> parties = ScenarioGenerator.PARTIES;
    for (int i = 0; i < parties.size(); i++) {
      for (int j = i + 1; j < parties.size(); j++) {
        ObjectNode body = Json.object();
        body.putArray("parties").add(parties.get(i)).add(parties.get(j));
        body.putObject("sharing").put(parties.get(i), "positions").put(parties.get(j), "positions");
        HttpResponse<String> r =
            post(
                api.resolve(ApiServer.BASE + "/agreements"),
                operatorToken,
                Json.MAPPER.writeValueAsBytes(body));
        if (r.statusCode() != 201) {
          throw new IllegalStateException(
              "recording an agreement failed: " + r.statusCode() + " " + r.body());
        }
      }
    }
  }

  // ---------------------------------------------------------------- alert latency

  /** One probe: its units' ids and where they start. */
  private record Probe(String unitA, String unitB, double lonA, double lonB, double lat) {}

  /**
   * A new probe at a place of its own: rows of 1° of longitude by 0.5° of latitude from 34° N
   * southwards, between 30° E and 50° E, well south of the fleet (35.0–38.6° N).
   */
  private Probe newProbe(String phase) {
    int slot = probeSlots.getAndIncrement();
    double lat = 34 - 0.5 * (slot / 20);
    double lonA = 30 + (slot % 20);
    double lonB = lonA + PROBE_GAP_METERS / (METERS_PER_DEGREE * Math.cos(Math.toRadians(lat)));
    String id = String.format(Locale.ROOT, "%s%s-%05d", PROBE_PREFIX, phase, slot);
    return new Probe(id + "-a", id + "-b", lonA, lonB, lat);
  }

  /** Posts both units' first reports: A heading north, B west; no encounter. */
  private void setUp(URI positions, Probe p, long millis) throws IOException, InterruptedException {
    String time = Instant.ofEpochMilli(millis).toString();
    CompletableFuture<HttpResponse<String>> a =
        postAsync(positions, token("alpha"), probeReport(p.unitA(), time, p.lonA(), p.lat(), 0));
    CompletableFuture<HttpResponse<String>> b =
        postAsync(positions, token("bravo"), probeReport(p.unitB(), time, p.lonB(), p.lat(), 270));
    for (CompletableFuture<HttpResponse<String>> f : List.of(a, b)) {
      HttpResponse<String> r;
      try {
        r = f.get();
      } catch (ExecutionException e) {
        throw new IOException("probe set-up failed: " + e.getCause(), e);
      }
      if (r.statusCode() != 200 || Json.MAPPER.readTree(r.body()).path("accepted").asInt() != 1) {
        throw new IOException("probe set-up refused: " + r.statusCode() + " " + r.body());
      }
    }
  }

  /** A's next report, one second on, 20 m further north, heading east at B: the trigger. */
  private static byte[] trigger(Probe p, long setUpMillis) {
    return probeReport(
        p.unitA(),
        Instant.ofEpochMilli(setUpMillis + 1_000).toString(),
        p.lonA(),
        p.lat() + PROBE_SPEED_MPS / METERS_PER_DEGREE,
        90);
  }

  private static byte[] probeReport(
      String unit, String time, double lon, double lat, double course) {
    return String.format(
            Locale.ROOT,
            "[{\"unit\":\"%s\",\"time\":\"%s\",\"lon\":%.7f,\"lat\":%.7f,\"course\":%.1f,"
                + "\"speed\":%.1f}]",
            unit,
            time,
            lon,
            lat,
            course,
            PROBE_SPEED_MPS)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Posts a report of a unit of bravo's far from everything and waits, up to 10 min, for it to come
   * back on bravo's stream: events come in journal order, so every earlier one has been delivered.
   */
  private boolean catchUp(URI positions, EventStream stream, SimClock clock)
      throws InterruptedException {
    String unit = SYNC_PREFIX + probeSlots.get();
    CompletableFuture<Long> back = stream.expect(unit);
    try {
      HttpResponse<String> r =
          post(positions, token("bravo"), probeReport(unit, clock.instant().toString(), 0, -60, 0));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("the catch-up marker was refused: " + r.body());
      }
      back.get(10, TimeUnit.MINUTES);
      return true;
    } catch (IOException | ExecutionException | TimeoutException e) {
      return false;
    } finally {
      stream.forget(unit);
    }
  }

  /** One probe at a time: set up, trigger, wait for the alert. */
  private Probes idleProbes(URI api, EventStream stream, SimClock clock)
      throws InterruptedException {
    progress("alert latency, idle: %d probes, one at a time", options.probes);
    URI positions = api.resolve(ApiServer.BASE + "/positions");
    List<Long> delays = new ArrayList<>();
    List<Long> replies = new ArrayList<>();
    int sent = 0;
    int before = 0;
    for (int i = 0; i < options.probes; i++) {
      Probe p = newProbe("idle");
      long setUp = clock.millis();
      try {
        setUp(positions, p, setUp);
        CompletableFuture<Long> arrived = stream.expect(p.unitB());
        long start = System.nanoTime();
        HttpResponse<String> r = post(positions, token("alpha"), trigger(p, setUp));
        long replied = System.nanoTime();
        sent++;
        if (r.statusCode() != 200) {
          notes.add("idle probe " + p.unitA() + " refused: " + r.statusCode() + " " + r.body());
          continue;
        }
        replies.add(replied - start);
        long at = arrived.get(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        delays.add(at - start);
        if (at < replied) {
          before++;
        }
      } catch (IOException | ExecutionException e) {
        notes.add("idle probe " + p.unitA() + " failed: " + e);
      } catch (TimeoutException e) {
        // counted as missing
      } finally {
        stream.forget(p.unitB());
      }
    }
    Probes result = new Probes(sent, delays.size(), latency(delays), latency(replies), before);
    logProbes("idle", result);
    return result;
  }

  /**
   * Probes during the window: {@value #PROBE_THREADS} threads, one probe each per slot of a steady
   * schedule ({@code --probes} over {@code --seconds}, a tenth faster), until the window ends; then
   * up to 10 s for the last alerts.
   */
  private Probes loadedProbes(URI api, EventStream stream, SimClock clock, long deadline) {
    URI positions = api.resolve(ApiServer.BASE + "/positions");
    long interval = (long) (options.seconds * NANOS_PER_SECOND / (options.probes * 1.1));
    long t0 = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    List<Long> delays = new CopyOnWriteArrayList<>();
    List<Long> replies = new CopyOnWriteArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger before = new AtomicInteger();
    List<CompletableFuture<Boolean>> waits = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < PROBE_THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                while (true) {
                  int j = next.getAndIncrement();
                  long due = t0 + j * interval;
                  if (j >= options.probes || due >= deadline) {
                    return;
                  }
                  try {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (System.nanoTime() >= deadline) {
                      return;
                    }
                    Probe p = newProbe("load");
                    long setUp = clock.millis();
                    setUp(positions, p, setUp);
                    CompletableFuture<Long> arrived = stream.expect(p.unitB());
                    long start = System.nanoTime();
                    HttpResponse<String> r = post(positions, token("alpha"), trigger(p, setUp));
                    long replied = System.nanoTime();
                    sent.incrementAndGet();
                    if (r.statusCode() != 200) {
                      notes.add(
                          "loaded probe " + p.unitA() + " refused: " + r.statusCode() + r.body());
                      stream.forget(p.unitB());
                      continue;
                    }
                    replies.add(replied - start);
                    waits.add(
                        arrived
                            .orTimeout(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                            .handle(
                                (at, failure) -> {
                                  stream.forget(p.unitB());
                                  if (at != null) {
                                    delays.add(at - start);
                                    if (at < replied) {
                                      before.incrementAndGet();
                                    }
                                  }
                                  return at != null;
                                }));
                  } catch (IOException e) {
                    notes.add("loaded probe failed: " + e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              "probe-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
    progress(
        "alert latency, under load: up to %d probes, %d threads", options.probes, PROBE_THREADS);
    threads.forEach(Thread::start);
    try {
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0]))
          .get(PROBE_WAIT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      notes.add("loaded probes: waiting for the last alerts failed: " + e);
    }
    if (sent.get() < options.probes) {
      notes.add(
          String.format(
              Locale.ROOT,
              "under load only %d of %d probes were triggered within the %d s window",
              sent.get(),
              options.probes,
              options.seconds));
    }
    Probes result =
        new Probes(
            sent.get(),
            delays.size(),
            latency(new ArrayList<>(delays)),
            latency(new ArrayList<>(replies)),
            before.get());
    logProbes("under load", result);
    return result;
  }

  private void logProbes(String phase, Probes p) {
    progress(
        "alert latency, %s: %d of %d alerts arrived; p50 %s ms, p99 %s ms",
        phase,
        p.received(),
        p.probes(),
        ms(p.delay(), p.delay().p50Nanos()),
        ms(p.delay(), p.delay().p99Nanos()));
  }

  private static Latency latency(List<Long> values) {
    if (values.isEmpty()) {
      return NO_SAMPLES;
    }
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return Latency.of(a);
  }

  /**
   * A party officer's event stream, read on its own thread: completes the probes' expected alerts
   * and reopens the stream from the last id seen if the server ends it.
   */
  private final class EventStream implements AutoCloseable {
    private final URI uri;
    private final String party;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Map<String, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private long lastId;

    EventStream(URI uri, String party) throws InterruptedException {
      this.uri = uri;
      this.party = party;
      Thread reader = new Thread(this::readUntilClosed, "sse-" + party);
      reader.setDaemon(true);
      reader.start();
      if (!connected.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(party + "'s event stream did not open within 30 s");
      }
    }

    long events() {
      return events.get();
    }

    long bytes() {
      return bytes.get();
    }

    int reconnects() {
      return reconnects.get();
    }

    /** Events received so far by type, sorted by type. */
    Map<String, Long> byType() {
      Map<String, Long> out = new TreeMap<>();
      byType.forEach((type, count) -> out.put(type, count.sum()));
      return out;
    }

    /** The arrival (nanoTime) of the alert.raised whose own unit is {@code unit}. */
    CompletableFuture<Long> expect(String unit) {
      return expected.computeIfAbsent(unit, k -> new CompletableFuture<>());
    }

    void forget(String unit) {
      expected.remove(unit);
    }

    private void readUntilClosed() {
      while (!closing) {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token(party))
                .header("Accept", "text/event-stream");
        if (lastId > 0) {
          b.header("Last-Event-ID", Long.toString(lastId));
        }
        try {
          HttpResponse<Stream<String>> r =
              http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
          if (r.statusCode() != 200) {
            throw new IllegalStateException(party + "'s event stream answered " + r.statusCode());
          }
          try (Stream<String> body = r.body()) {
            body.forEachOrdered(this::line);
          }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
          if (!closing) {
            log.println(party + "'s event stream: " + e);
          }
        } catch (InterruptedException e) {
          return;
        }
        if (!closing) {
          reconnects.incrementAndGet();
        }
      }
    }

    private void line(String line) {
      long now = System.nanoTime();
      bytes.addAndGet(line.length() + 1L);
      if (line.startsWith("id: ")) {
        lastId = Long.parseLong(line.substring(4).trim());
      } else if (line.startsWith("event: ")) {
        byType.computeIfAbsent(line.substring(7).trim(), k -> new LongAdder()).increment();
      } else if (line.startsWith("data: ")) {
        events.incrementAndGet();
        if (line.contains("\"item\":\"" + PROBE_PREFIX)) {
          match(line.substring(6), now);
        } else if (line.contains("\"unit\":\"" + SYNC_PREFIX)) {
          int at = line.indexOf("\"unit\":\"" + SYNC_PREFIX) + 8;
          CompletableFuture<Long> e = expected.get(line.substring(at, line.indexOf('"', at)));
          if (e != null) {
            e.complete(now);
          }
        }
      } else if (line.startsWith(": connected")) {
        connected.countDown();
      }
    }

    private void match(String data, long now) {
      JsonNode event;
      try {
        event = Json.MAPPER.readTree(data);
      } catch (IOException e) {
        return;
      }
      JsonNode body = event.path("body");
      if (!event.path("type").asText().equals("alert.raised")
          || !body.path("kind").asText().equals("unit-unit")) {
        return;
      }
      CompletableFuture<Long> e = expected.get(body.path("own").path("item").asText());
      if (e != null) {
        e.complete(now);
      }
    }

    /** Stops reopening the stream; it ends when the server closes. */
    @Override
    public void close() {
      closing = true;
    }
  }

  // ---------------------------------------------------------------- HTTP

  private String token(String party) {
    String token = tokenByParty.get(party);
    if (token == null) {
      throw new IllegalArgumentException("no officer for party " + party);
    }
    return token;
  }

  private HttpRequest request(URI uri, String token, byte[] json) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
  }

  private HttpResponse<String> post(URI uri, String token, byte[] json)
      throws IOException, InterruptedException {
    return http.send(
        request(uri, token, json), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private CompletableFuture<HttpResponse<String>> postAsync(URI uri, String token, byte[] json) {
    return http.sendAsync(
        request(uri, token, json), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- the fleet

  /**
   * The simulated units: identity, party, and position, course and speed at any time, each a pure
   * function of the seed and the unit's index. Immutable after construction and thread-safe.
   */
  static final class Fleet {

    /** Amplitude of an off-road unit's sideways wiggle, metres. */
    static final double WIGGLE_METERS = 300;

    /** Period of the wiggle, seconds. */
    static final double WIGGLE_SECONDS = 600;

    private final int size;
    private final String[] ids;
    private final byte[] party;
    private final int[] route;
    private final List<Polyline> routes = new ArrayList<>();
    private final double[] speed;
    private final double[] x0;
    private final double[] y0;
    private final double[] heading;
    private final double[] wigglePhase;
    private final int[] phaseMillis;
    private final LocalFrame frame =
        new LocalFrame(ScenarioGenerator.CENTER_LON, ScenarioGenerator.CENTER_LAT);
    private final double roadMeters;

    /** Unit indices sorted by party, then index. */
    private final int[] order;

    Fleet(long seed, int size) {
      this.size = size;
      ids = new String[size];
      party = new byte[size];
      route = new int[size];
      speed = new double[size];
      x0 = new double[size];
      y0 = new double[size];
      heading = new double[size];
      wigglePhase = new double[size];
      phaseMillis = new int[size];
      RoadNetwork roads = roads(seed);
      double total = 0;
      for (int town = 0; town < roads.towns(); town++) {
        for (RoadNetwork.Road r : roads.roadsFrom(town)) {
          total += r.line().length();
        }
      }
      roadMeters = total / 2; // each road is listed from both of its towns
      double limit = ScenarioGenerator.HALF_SIDE_METERS * 0.95;
      for (int i = 0; i < size; i++) {
        SplittableRandom random = random(seed, 11, i);
        ids[i] = String.format(Locale.ROOT, "u%07d", i);
        party[i] = (byte) random.nextInt(ScenarioGenerator.PARTIES.size());
        speed[i] =
            random.nextDouble(ScenarioGenerator.MIN_SPEED_MPS, ScenarioGenerator.MAX_SPEED_MPS);
        phaseMillis[i] = random.nextInt((int) ROUND_MILLIS);
        if (random.nextDouble() < ScenarioGenerator.ON_ROAD_FRACTION) {
          route[i] = routes.size();
          routes.add(roads.walk(random, ROUTE_METERS));
        } else {
          route[i] = -1;
          x0[i] = random.nextDouble(-limit, limit);
          y0[i] = random.nextDouble(-limit, limit);
          heading[i] = random.nextDouble(2 * Math.PI);
          wigglePhase[i] = random.nextDouble(2 * Math.PI);
        }
      }
      order = byParty();
    }

    /**
     * The generator's road network: {@code ScenarioGenerator(seed)} builds it from the same
     * SplitMix64 stream (5, index 0) with the same arguments.
     */
    static RoadNetwork roads(long seed) {
      return new RoadNetwork(
          random(seed, 5, 0), ScenarioGenerator.TOWNS, ScenarioGenerator.HALF_SIDE_METERS, 30_000);
    }

    /** SplitMix64 of seed, stream and index, as {@code ScenarioGenerator} derives its streams. */
    static SplittableRandom random(long seed, long stream, long index) {
      long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return new SplittableRandom(z ^ (z >>> 31));
    }

    int size() {
      return size;
    }

    int onRoad() {
      return routes.size();
    }

    double roadMeters() {
      return roadMeters;
    }

    int party(int unit) {
      return party[unit];
    }

    /** The index of unit {@code u0000123}. */
    static int indexOf(String unit) {
      return Integer.parseInt(unit, 1, unit.length(), 10);
    }

    /** Milliseconds after {@link #T0} of the unit's report in {@code round}. */
    long offsetMillis(int unit, int round) {
      return round * ROUND_MILLIS + phaseMillis[unit];
    }

    /** Writes lon, lat, course (degrees) and speed (m/s) at {@code t} seconds after T0. */
    void state(int unit, double t, double[] out) {
      double x;
      double y;
      double vx;
      double vy;
      int r = route[unit];
      if (r >= 0) {
        Polyline line = routes.get(r);
        double length = line.length();
        double m = (speed[unit] * t) % (2 * length);
        double s = m <= length ? m : 2 * length - m;
        double dir = m <= length ? 1 : -1;
        double[] p = line.pointAt(s);
        double[] a = line.pointAt(Math.max(0, s - 1));
        double[] b = line.pointAt(Math.min(length, s + 1));
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double d = Math.hypot(dx, dy);
        x = p[0];
        y = p[1];
        vx = d > 0 ? dir * speed[unit] * dx / d : 0;
        vy = d > 0 ? dir * speed[unit] * dy / d : 0;
      } else {
        double h = heading[unit];
        double omega = 2 * Math.PI / WIGGLE_SECONDS;
        double w = WIGGLE_METERS * Math.sin(omega * t + wigglePhase[unit]);
        double dw = WIGGLE_METERS * omega * Math.cos(omega * t + wigglePhase[unit]);
        double along = speed[unit] * t;
        // direction (sin h, cos h), sideways (cos h, -sin h)
        double ux = x0[unit] + along * Math.sin(h) + w * Math.cos(h);
        double uy = y0[unit] + along * Math.cos(h) - w * Math.sin(h);
        double half = ScenarioGenerator.HALF_SIDE_METERS;
        double[] fx = fold(ux, half);
        double[] fy = fold(uy, half);
        x = fx[0];
        y = fy[0];
        vx = fx[1] * (speed[unit] * Math.sin(h) + dw * Math.cos(h));
        vy = fy[1] * (speed[unit] * Math.cos(h) - dw * Math.sin(h));
      }
      double lat = frame.lat(y);
      out[0] = frame.lon(x, lat);
      out[1] = lat;
      double course = Math.toDegrees(Math.atan2(vx, vy));
      if (course < 0) {
        course += 360;
      }
      out[2] = course >= 360 ? 0 : course;
      out[3] = Math.min(PositionReport.MAX_SPEED_MPS, Math.hypot(vx, vy));
    }

    /** {@code u} reflected into [-half, half], and the sign its velocity takes there. */
    private static double[] fold(double u, double half) {
      double period = 4 * half;
      double m = ((u + half) % period + period) % period;
      return m <= 2 * half ? new double[] {m - half, 1} : new double[] {3 * half - m, -1};
    }

    /** The reports of units {@code from} to {@code to} (exclusive) in {@code round}. */
    List<PositionReport> reports(int round, int from, int to) {
      List<PositionReport> out = new ArrayList<>(to - from);
      double[] s = new double[4];
      long base = T0.toEpochMilli();
      for (int i = from; i < to; i++) {
        long offset = offsetMillis(i, round);
        state(i, offset / 1000.0, s);
        out.add(
            PositionReport.of(
                ids[i],
                ScenarioGenerator.PARTIES.get(party[i]),
                Instant.ofEpochMilli(base + offset),
                s[0],
                s[1],
                s[2],
                s[3]));
      }
      return out;
    }

    /**
     * Request batches: {from, to, party}, ranges of at most {@code batch} units of one party, as
     * indices into the order {@link #json} takes (sorted by party).
     */
    int[][] partyBatches(int batch) {
      List<int[]> out = new ArrayList<>();
      int from = 0;
      while (from < order.length) {
        int p = party[order[from]];
        int to = from;
        while (to < order.length && to - from < batch && party[order[to]] == p) {
          to++;
        }
        out.add(new int[] {from, to, p});
        from = to;
      }
      return out.toArray(new int[0][]);
    }

    private int[] byParty() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingInt((Integer i) -> party[i]).thenComparing(i -> i));
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[i] = order[i];
      }
      return out;
    }

    /** The JSON array of the reports of units {@code byParty()[from..to)} in {@code round}. */
    byte[] json(int round, int from, int to) {
      int[] o = order;
      StringBuilder b = new StringBuilder(140 * (to - from) + 2);
      double[] s = new double[4];
      long base = T0.toEpochMilli();
      b.append('[');
      for (int k = from; k < to; k++) {
        int i = o[k];
        long offset = offsetMillis(i, round);
        state(i, offset / 1000.0, s);
        if (k > from) {
          b.append(',');
        }
        b.append("{\"unit\":\"").append(ids[i]);
        b.append("\",\"time\":\"").append(Instant.ofEpochMilli(base + offset));
        b.append("\",\"lon\":").append(round7(s[0]));
        b.append(",\"lat\":").append(round7(s[1]));
        double course = Math.round(s[2] * 100) / 100.0;
        b.append(",\"course\":").append(course >= 360 ? 0.0 : course);
        b.append(",\"speed\":").append(Math.round(s[3] * 100) / 100.0);
        b.append('}');
      }
      b.append(']');
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double round7(double degrees) {
      return Math.round(degrees * 1e7) / 1e7;
    }
  }

  // ---------------------------------------------------------------- the all-pairs baseline

  /**
   * The obviously-correct reference: each report is evaluated against every fresh unit of another
   * party, in a flat east-north frame around the region's centre (spherical earth), by the linear
   * closest-point-of-approach formula (both tracks extrapolated to the later report time; loss of
   * separation at the smaller root of {@code |r + v t| = S}). Levels by the tracker's thresholds,
   * without hysteresis; every change of a pair's level counts as one event. O(N) per report. Not
   * thread-safe.
   */
  static final class AllPairs {
    private static final double EARTH_RADIUS = 6_371_008.8;

    private final long[] time;
    private final double[] x;
    private final double[] y;
    private final double[] vx;
    private final double[] vy;
    private final int[] party;
    private final List<Map<Integer, Integer>> partners;
    private final int[] scratch;
    private final double separation;
    private final long staleMillis;
    private final double warning;
    private final double caution;
    private final double advisory;
    private final double metersPerDegreeLon;
    private long open;
    private long nowMillis = Long.MIN_VALUE;

    AllPairs(int size, LiveSettings settings) {
      time = new long[size];
      Arrays.fill(time, Long.MIN_VALUE);
      x = new double[size];
      y = new double[size];
      vx = new double[size];
      vy = new double[size];
      party = new int[size];
      scratch = new int[size];
      partners = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        partners.add(new HashMap<>(4));
      }
      separation = settings.defaultSeparationMeters();
      staleMillis = settings.stale().toMillis();
      warning = settings.warning().toMillis() / 1000.0;
      caution = settings.caution().toMillis() / 1000.0;
      advisory = settings.advisory().toMillis() / 1000.0;
      metersPerDegreeLon =
          Math.toRadians(EARTH_RADIUS) * Math.cos(Math.toRadians(ScenarioGenerator.CENTER_LAT));
    }

    long open() {
      return open;
    }

    void report(List<PositionReport> batch, long[] counts) {
      PositionReport[] sorted = batch.toArray(new PositionReport[0]);
      Arrays.sort(
          sorted, Comparator.comparing(PositionReport::time).thenComparing(PositionReport::unit));
      for (PositionReport r : sorted) {
        apply(r, counts);
      }
    }

    private void apply(PositionReport r, long[] counts) {
      int u = Fleet.indexOf(r.unit());
      long t = r.time().toEpochMilli();
      nowMillis = Math.max(nowMillis, t);
      if (time[u] != Long.MIN_VALUE && t <= time[u]) {
        return;
      }
      time[u] = t;
      party[u] = ScenarioGenerator.PARTIES.indexOf(r.party());
      x[u] = (r.lon() - ScenarioGenerator.CENTER_LON) * metersPerDegreeLon;
      y[u] = (r.lat() - ScenarioGenerator.CENTER_LAT) * Math.toRadians(EARTH_RADIUS);
      double c = Math.toRadians(r.courseDegrees());
      vx[u] = r.speedMps() * Math.sin(c);
      vy[u] = r.speedMps() * Math.cos(c);
      Map<Integer, Integer> mine = partners.get(u);
      for (Map.Entry<Integer, Integer> e : mine.entrySet()) {
        scratch[e.getKey()] = e.getValue();
      }
      for (int o = 0; o < time.length; o++) {
        if (o == u || time[o] == Long.MIN_VALUE) {
          continue;
        }
        int before = scratch[o];
        int level = party[o] == party[u] || nowMillis - time[o] > staleMillis ? 0 : level(u, o);
        if (level != before) {
          if (before == 0) {
            counts[0]++;
            open++;
            mine.put(o, level);
            partners.get(o).put(u, level);
          } else if (level == 0) {
            counts[2]++;
            open--;
            mine.remove(o);
            partners.get(o).remove(u);
          } else {
            counts[1]++;
            mine.put(o, level);
            partners.get(o).put(u, level);
          }
        }
        scratch[o] = 0;
      }
    }

    /** 3 warning, 2 caution, 1 advisory, 0 none. */
    private int level(int u, int o) {
      long tc = Math.max(time[u], time[o]);
      double du = (tc - time[u]) / 1000.0;
      double dz = (tc - time[o]) / 1000.0;
      double rx = (x[o] + vx[o] * dz) - (x[u] + vx[u] * du);
      double ry = (y[o] + vy[o] * dz) - (y[u] + vy[u] * du);
      double wx = vx[o] - vx[u];
      double wy = vy[o] - vy[u];
      double rr = rx * rx + ry * ry;
      double c = rr - separation * separation;
      double loss;
      if (c < 0) {
        loss = 0;
      } else {
        double rv = rx * wx + ry * wy;
        double vv = wx * wx + wy * wy;
        if (rv >= 0 || vv < 1e-12) {
          return 0;
        }
        double disc = rv * rv - vv * c;
        if (disc <= 0) {
          return 0;
        }
        loss = c / (-rv + Math.sqrt(disc));
      }
      if (loss <= warning) {
        return 3;
      }
      if (loss <= caution) {
        return 2;
      }
      return loss <= advisory ? 1 : 0;
    }
  }

  // ---------------------------------------------------------------- small tools

  /**
   * A set of non-negative longs, open addressing with linear probing and backward-shift deletion.
   * Not thread-safe.
   */
  static final class LongSet {
    private long[] keys = new long[1 << 10];
    private int size;

    LongSet() {
      Arrays.fill(keys, -1);
    }

    int size() {
      return size;
    }

    /** Adds a key (at least 0); returns whether it was absent. */
    boolean add(long key) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (keys[i] >= 0) {
        if (keys[i] == key) {
          return false;
        }
        i = (i + 1) & mask;
      }
      keys[i] = key;
      size++;
      return true;
    }

    /** Removes a key; returns whether it was present. */
    boolean remove(long key) {
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (keys[i] != key) {
        if (keys[i] < 0) {
          return false;
        }
        i = (i + 1) & mask;
      }
      keys[i] = -1;
      size--;
      // shift back the entries that probed past the hole
      int j = i;
      while (true) {
        j = (j + 1) & mask;
        long k = keys[j];
        if (k < 0) {
          return true;
        }
        int home = slot(k, mask);
        boolean between = i <= j ? i < home && home <= j : i < home || home <= j;
        if (!between) {
          keys[i] = k;
          keys[j] = -1;
          i = j;
        }
      }
    }

    private void grow() {
      long[] old = keys;
      keys = new long[old.length * 2];
      Arrays.fill(keys, -1);
      size = 0;
      for (long k : old) {
        if (k >= 0) {
          add(k);
        }
      }
    }

    private static int slot(long key, int mask) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }
  }

  /** A clock the benchmark sets: the start of the newest round posted, never going back. */
  static final class SimClock extends Clock {
    private final AtomicLong millis;

    SimClock(long startMillis) {
      this.millis = new AtomicLong(startMillis);
    }

    void advanceTo(long epochMillis) {
      millis.accumulateAndGet(epochMillis, Math::max);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the benchmark's clock is UTC only");
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  /**
   * Processor time spent during the window, by thread group, in nanoseconds.
   *
   * @param windowNanos the window's wall time
   * @param processNanos the whole JVM, or -1 if the JVM does not report it
   * @param byGroup processor time of each group of Java threads, by label
   * @param gcCount garbage collections during the window
   * @param gcMillis time the collectors report for them
   */
  record CpuUse(
      long windowNanos, long processNanos, Map<String, Long> byGroup, long gcCount, long gcMillis) {

    private static final String CLIENTS =
        "load clients, probes and bravo's stream reader (incl. HttpClient threads)";

    /** Thread name prefixes, and the label of each group. */
    static final Map<String, String> GROUPS =
        Map.of(
            "deconflict-writer", "service writer (deconflict-writer: executes commands)",
            "journal-writer", "journal writer (SQLite insert, commit, fsync)",
            "deconflict-http", "HTTP server threads (Jetty, JSON parsing, SSE)",
            "load-", CLIENTS,
            "HttpClient-", CLIENTS,
            "sse-", CLIENTS,
            "probe-", CLIENTS);

    double cores(String label) {
      return byGroup.getOrDefault(label, 0L) / (double) windowNanos;
    }
  }

  private record CpuSnapshot(
      long nanoTime,
      Map<Long, Long> threadNanos,
      Map<Long, String> threadNames,
      long process,
      long gcCount,
      long gcMillis) {

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    static CpuSnapshot take() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Long> cpu = new HashMap<>();
      Map<Long, String> names = new HashMap<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        long nanos = threads.getThreadCpuTime(t.getId());
        if (nanos >= 0) {
          cpu.put(t.getId(), nanos);
          names.put(t.getId(), t.getName());
        }
      }
      long gcCount = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcCount += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      long process = -1;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        process = os.getProcessCpuTime();
      }
      return new CpuSnapshot(System.nanoTime(), cpu, names, process, gcCount, gcMillis);
    }

    CpuUse since(CpuSnapshot start) {
      Map<String, Long> byGroup = new TreeMap<>();
      for (Map.Entry<Long, Long> e : threadNanos.entrySet()) {
        String name = threadNames.getOrDefault(e.getKey(), "");
        String label = "other Java threads";
        for (Map.Entry<String, String> g : CpuUse.GROUPS.entrySet()) {
          if (name.startsWith(g.getKey())) {
            label = g.getValue();
            break;
          }
        }
        long spent = e.getValue() - start.threadNanos().getOrDefault(e.getKey(), 0L);
        byGroup.merge(label, spent, Long::sum);
      }
      return new CpuUse(
          nanoTime - start.nanoTime(),
          process < 0 || start.process() < 0 ? -1 : process - start.process(),
          byGroup,
          gcCount - start.gcCount(),
          gcMillis - start.gcMillis());
    }
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
        "# deconflict live-tracking benchmark%n%n"
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
        loadAverage());
  }

  private void printSetup(Fleet fleet) {
    double roadKm = fleet.roadMeters() / 1000;
    out.printf(
        Locale.ROOT,
        "## Fleet%n%n"
            + "| units | on the roads | off-road | parties | road network | on-road units per km"
            + " of road | report interval | look-ahead | separation |%n"
            + "|---:|---:|---:|---:|---|---:|---|---|---:|%n"
            + "| %s | %s | %s | %d | %d towns, %,.0f km | %.1f | %d s | %d min | %.0f m |%n%n",
        fmtInt(fleet.size()),
        fmtInt(fleet.onRoad()),
        fmtInt(fleet.size() - fleet.onRoad()),
        ScenarioGenerator.PARTIES.size(),
        ScenarioGenerator.TOWNS,
        roadKm,
        fleet.onRoad() / roadKm,
        ROUND_MILLIS / 1000,
        SETTINGS.lookAhead().toMinutes(),
        SETTINGS.defaultSeparationMeters());
  }

  private void printEngine(List<EngineRow> rows) {
    out.printf(
        Locale.ROOT,
        "## Engine alone: report(List) of %,d reports per call, one thread, after a warm-up%n%n"
            + "Reports/s and events/s count only the time inside the call (generating the reports"
            + " is not timed).%n%n"
            + "| path | units | first reports s | measured reports | rounds | **reports/s** |"
            + " batch p50 ms | batch p99 ms | batch max ms | events/s | new encounters/s |"
            + " level changes/s | ended/s | open encounters at the end | tracker heap MiB |%n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        options.engineBatch());
    for (EngineRow r : rows) {
      double seconds = r.reports() / r.reportsPerSecond();
      out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f | %s | %d | **%,.0f** | %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f"
              + " | %s | %s |%n",
          r.path(),
          fmtInt(r.units()),
          r.firstSeconds(),
          fmtInt(r.reports()),
          r.rounds(),
          r.reportsPerSecond(),
          ms(r.batch().p50Nanos()),
          ms(r.batch().p99Nanos()),
          ms(r.batch().maxNanos()),
          r.eventsPerSecond(),
          r.raised() / seconds,
          r.changed() / seconds,
          r.ended() / seconds,
          fmtInt(r.openAtEnd()),
          r.retainedBytes() < 0 ? "—" : fmtInt(r.retainedBytes() >> 20));
    }
    out.println();
  }

  private void printHttp(Http h) {
    out.printf(
        Locale.ROOT,
        "## End to end: POST /api/v1/positions, JSON, %,d reports per request, durable journal%n%n"
            + "| units | first reports s | first reports/s | journal records after |"
            + " server heap after MiB |%n|---:|---:|---:|---:|---:|%n"
            + "| %s | %.1f | %,.0f | %s | %s |%n%n",
        options.httpBatch(),
        fmtInt(h.units()),
        h.loadSeconds(),
        h.loadAccepted() / h.loadSeconds(),
        fmtInt(h.loadRecords()),
        fmtInt(h.heapAfterLoadBytes() >> 20));
    out.printf(
        Locale.ROOT,
        "| clients | seconds | rounds | accepted | **reports/s** | ignored | request p50 ms |"
            + " request p99 ms | request max ms | errors | journal records/s |"
            + " bravo's stream events/s | bravo's stream MB/s | clients paced s |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %d | %d | %d | %s | **%,.0f** | %s | %s | %s | %s | %s | %,.0f | %,.0f | %.2f"
            + " | %.1f |%n%n",
        options.clients,
        options.seconds,
        h.rounds(),
        fmtInt(h.accepted()),
        h.reportsPerSecond(),
        fmtInt(h.ignored()),
        ms(h.request(), h.request().p50Nanos()),
        ms(h.request(), h.request().p99Nanos()),
        ms(h.request(), h.request().maxNanos()),
        fmtInt(h.errors()),
        h.journalRecordsPerSecond(),
        h.streamEventsPerSecond(),
        h.streamMegabytesPerSecond(),
        h.paced());
    List<String> types = new ArrayList<>();
    h.streamByType().forEach((type, count) -> types.add(type + " " + fmtInt(count)));
    out.printf(
        Locale.ROOT,
        "Bravo's stream over the whole run, events by type: %s.%n%n",
        types.isEmpty() ? "none" : String.join(", ", types));
    printCpu(h);
    if (options.only.contains(Phase.LATENCY)) {
      out.println(
          "## Alert latency: send of the report that creates an encounter to the alert.raised on"
              + " the other party's stream, ms\n");
      out.println(
          "| phase | probes | alerts received | p50 | p99 | max | trigger 2xx p50 |"
              + " trigger 2xx p99 | alert before 2xx |");
      out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      probeRow("idle", h.idle());
      probeRow("under load", h.loaded());
      out.println();
      out.printf(Locale.ROOT, "Bravo's stream was reopened %d times.%n%n", h.reconnects());
    }
  }

  private void probeRow(String phase, Probes p) {
    out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %s | %s | %s | %s | %s | %d |%n",
        phase,
        p.probes(),
        p.received(),
        ms(p.delay(), p.delay().p50Nanos()),
        ms(p.delay(), p.delay().p99Nanos()),
        ms(p.delay(), p.delay().maxNanos()),
        ms(p.reply(), p.reply().p50Nanos()),
        ms(p.reply(), p.reply().p99Nanos()),
        p.beforeReply());
  }

  private void printCpu(Http h) {
    CpuUse c = h.cpu();
    out.printf(
        Locale.ROOT,
        "### Processor time during the window, in cores (%d available, shared with other work)%n%n"
            + "| where | cores | µs per accepted report |%n|---|---:|---:|%n",
        Runtime.getRuntime().availableProcessors());
    double perReport = h.accepted() == 0 ? 0 : 1e-3 / h.accepted();
    long javaThreads = 0;
    for (Map.Entry<String, Long> e : c.byGroup().entrySet()) {
      javaThreads += e.getValue();
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f |%n",
          e.getKey(),
          c.cores(e.getKey()),
          e.getValue() * perReport);
    }
    if (c.processNanos() >= 0) {
      long rest = c.processNanos() - javaThreads;
      out.printf(
          Locale.ROOT,
          "| rest of the JVM (garbage collector, JIT compilers) | %.2f | %.2f |%n",
          rest / (double) c.windowNanos(),
          rest * perReport);
      out.printf(
          Locale.ROOT,
          "| **whole JVM** | **%.2f** | %.2f |%n",
          c.processNanos() / (double) c.windowNanos(),
          c.processNanos() * perReport);
    }
    out.printf(
        Locale.ROOT,
        "%nGarbage collections during the window: %d, %,d ms reported by the collectors.%n%n",
        c.gcCount(),
        c.gcMillis());
  }

  private void printTargets(List<EngineRow> engine, Optional<Http> http) {
    out.println("## Targets\n");
    out.println("| target | measured | met? |");
    out.println("|---|---|---|");
    for (EngineRow r : engine) {
      if (r.path().startsWith("LiveTracker") && r.units() == options.units) {
        out.printf(
            Locale.ROOT,
            "| engine ≥ 1,000,000 reports/s at 100,000 units | %,.0f reports/s at %s units |"
                + " %s |%n",
            r.reportsPerSecond(),
            fmtInt(r.units()),
            met(r.reportsPerSecond() >= 1_000_000, r.units()));
      }
    }
    if (http.isPresent()) {
      Http h = http.get();
      if (options.only.contains(Phase.HTTP)) {
        out.printf(
            Locale.ROOT,
            "| end to end ≥ 100,000 reports/s | %,.0f reports/s at %s units | %s |%n",
            h.reportsPerSecond(),
            fmtInt(h.units()),
            met(h.reportsPerSecond() >= 100_000, h.units()));
      }
      if (options.only.contains(Phase.LATENCY)) {
        Map<String, Probes> phases = new LinkedHashMap<>();
        phases.put("idle", h.idle());
        phases.put("under load", h.loaded());
        for (Map.Entry<String, Probes> e : phases.entrySet()) {
          Probes p = e.getValue();
          boolean all = p.probes() > 0 && p.received() == p.probes();
          out.printf(
              Locale.ROOT,
              "| alert latency p99 < 100 ms, %s | %s ms over %d of %d probes | %s |%n",
              e.getKey(),
              ms(p.delay(), p.delay().p99Nanos()),
              p.received(),
              p.probes(),
              all ? met(p.delay().p99Nanos() < 100 * NANOS_PER_MILLI, h.units()) : "**no**");
        }
      }
    }
    out.println();
  }

  private String met(boolean ok, int units) {
    String verdict = ok ? "yes" : "**no**";
    return units == 100_000 ? verdict : verdict + " (at " + fmtInt(units) + " units)";
  }

  private static String ms(Latency of, long nanos) {
    return of.count() == 0 ? "—" : ms(nanos);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / NANOS_PER_MILLI);
  }

  private static String fmtInt(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", -1);
      return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Heap used after full collections, until it stops shrinking. */
  @SuppressWarnings("SystemGc") // measuring retained heap needs full collections
  private static long collectedHeap() {
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < 10; i++) {
      System.gc();
      used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (i >= 2 && used >= previous - (1 << 20)) {
        break;
      }
      previous = used;
    }
    return used;
  }

  private void progress(String format, Object... args) {
    log.printf(
        Locale.ROOT, "[%7.1f s] %s%n", elapsedSeconds(), String.format(Locale.ROOT, format, args));
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>();
      files.forEach(all::add);
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---------------------------------------------------------------- options

  /** What a run measures. */
  enum Phase {
    ENGINE,
    HTTP,
    LATENCY
  }

  /** Parsed command-line options. */
  @Command(
      sortOptions = false,
      name = "LiveBench",
      customSynopsis =
          "java -Xms16g -Xmx16g -cp benchmarks.jar io.deconflict.bench.LiveBench [options]",
      footer = {
        "The engine runs at 1,000 and 10,000 units below N too, with the all-pairs",
        "baseline at N <= 10,000. Numbers may use _ as a thousands separator: 100_000."
      })
  static final class Options implements BenchOptions.Checked {

    @Option(
        names = "--units",
        paramLabel = "N",
        converter = PositiveInt.class,
        description = "live units (default 100000)")
    int units = 100_000;

    @Option(
        names = "--seconds",
        paramLabel = "S",
        converter = PositiveInt.class,
        description = "length of each measured window (default 30)")
    int seconds = 30;

    @Option(
        names = "--batch",
        paramLabel = "B",
        converter = PositiveInt.class,
        description = {
          "reports per LiveTracker.report call and per HTTP request",
          "(default 1000 for the engine, 2000 over HTTP)"
        })
    int batch;

    @Option(
        names = "--clients",
        paramLabel = "C",
        converter = PositiveInt.class,
        description = "concurrent HTTP clients posting reports (default 10)")
    int clients = 10;

    @Option(
        names = "--probes",
        paramLabel = "M",
        converter = PositiveInt.class,
        description = {
          "alert-latency probes, idle and again under load (default 200)",
          "(latency alone still runs the end-to-end load, without its target)"
        })
    int probes = 200;

    @Option(
        names = "--speedup",
        paramLabel = "X",
        converter = PositiveDouble.class,
        description = {
          "a round of 5 s lasts at least 5 / X s of wall time, its batches",
          "spread over it; 1 is real time (default 25)"
        })
    double speedup = 25;

    @Option(
        names = "--seed",
        paramLabel = "S",
        converter = WholeNumber.class,
        description = "fleet seed, also the road network's (default 20221008)")
    long seed = 20221008L;

    @Option(
        names = "--only",
        paramLabel = "P",
        split = ",",
        description = "engine, http and/or latency (default all three)")
    Set<Phase> only = EnumSet.allOf(Phase.class);

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "this text")
    boolean help;

    int engineBatch() {
      return batch > 0 ? batch : 1_000;
    }

    int httpBatch() {
      return batch > 0 ? batch : 2_000;
    }

    static Options parse(String[] args) {
      return BenchOptions.parse(new Options(), args);
    }

    @Override
    public void check() {
      if (batch > 20_000) {
        throw new IllegalArgumentException(
            "--batch must be at most 20000 (the API's limit), got " + batch);
      }
      only = only.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(only);
    }

    @Override
    public String toString() {
      List<String> phases = new ArrayList<>();
      only.forEach(p -> phases.add(p.name().toLowerCase(Locale.ROOT)));
      return String.format(
          Locale.ROOT,
          "--units %d --seconds %d --batch %s --clients %d --probes %d --speedup %s --seed %d"
              + " --only %s",
          units,
          seconds,
          batch > 0 ? Integer.toString(batch) : "default",
          clients,
          probes,
          speedup,
          seed,
          String.join(",", phases));
    }
  }
}
