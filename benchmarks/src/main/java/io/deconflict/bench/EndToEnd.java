package io.deconflict.bench;

import static io.deconflict.bench.Figures.count;
import static io.deconflict.bench.Figures.ms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.testkit.clock.SettableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Measures the whole service end to end over HTTP. A real {@link ApiServer} on 127.0.0.1 over a
 * fresh data directory (durable SQLite journal), one officer per party, an agreement per pair of
 * parties sharing positions, and a {@link SettableClock} driven by the load: the server's clock is
 * the start of the newest round posted, so reports are never too far ahead of it and alert
 * deadlines (set to 24 h) never pass. {@code --clients} threads post JSON batches of {@code
 * --batch} reports of one party each (with that party's token), taken in round order from one
 * shared sequence so that all parties move in step (a batch waits for its own units' previous round
 * to be answered, so no report arrives after a newer one); a round lasts at least {@code 5 s /
 * --speedup} of wall time, its batches due evenly over it ({@code --speedup 1} is real time: N / 5
 * reports per second). First every unit's first report is loaded and the wait lasts until bravo's
 * stream has delivered their events; then reports flow for {@code --seconds}; reports accepted (the
 * replies' {@code accepted}) per second and request latency are measured over that window. Bravo's
 * officer holds {@code GET /api/v1/events} open throughout; {@link AlertProbes} run alongside when
 * alert latency is asked for. Not thread-safe; one measurement per instance.
 */
final class EndToEnd {

  private static final double NANOS_PER_MILLI = 1e6;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final String CLIENTS =
      "load clients, probes and bravo's stream reader (incl. HttpClient threads)";

  /** Thread name prefixes, and the label of each group, for the processor time. */
  static final Map<String, String> CPU_GROUPS =
      Map.of(
          "deconflict-writer", "service writer (deconflict-writer: executes commands)",
          "journal-writer", "journal writer (SQLite insert, commit, fsync)",
          "deconflict-http", "HTTP server threads (Jetty, JSON parsing, SSE)",
          "load-", CLIENTS,
          "HttpClient-", CLIENTS,
          "sse-", CLIENTS,
          "probe-", CLIENTS);

  private final LiveBench.Options options;
  private final BenchLog log;
  private final Officers officers;

  EndToEnd(LiveBench.Options options, BenchLog log, Officers officers) {
    this.options = options;
    this.log = log;
    this.officers = officers;
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
   * @param browser bravo's sign-in to the web map after the window, if the browser phase ran
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
      AlertProbes.Probes idle,
      AlertProbes.Probes loaded,
      int reconnects,
      Map<String, Long> streamByType,
      CpuUse cpu,
      Optional<BrowserSignIn.Result> browser) {

    Http withBrowser(BrowserSignIn.Result r) {
      return new Http(
          units,
          loadSeconds,
          loadAccepted,
          loadRecords,
          heapAfterLoadBytes,
          rounds,
          accepted,
          ignored,
          reportsPerSecond,
          request,
          errors,
          journalRecordsPerSecond,
          streamEventsPerSecond,
          streamMegabytesPerSecond,
          paced,
          idle,
          loaded,
          reconnects,
          streamByType,
          cpu,
          Optional.of(r));
    }
  }

  /** Starts the server, loads every unit's first report, then measures the window. */
  Http measure(LiveFleet fleet) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("deconflict-livebench");
    try {
      Configuration config = Configuration.parse(configJson(data), Map.of());
      SettableClock clock = SettableClock.at(LiveBench.T0);
      long heapBefore = Machine.collectedHeap();
      log.progress("starting the server over %s", data);
      BenchServer server = BenchServer.start(config, clock);
      try {
        officers.recordAgreements(server.uri());
        try (SqliteJournal journal = SqliteJournal.open(ServiceRuntime.journalFile(data));
            PartyStream stream =
                new PartyStream(
                    officers, server.uri().resolve(ApiServer.BASE + "/events"), "bravo", log)) {
          URI positions = server.uri().resolve(ApiServer.BASE + "/positions");
          Load load = new Load(fleet, positions, clock, journal::lastSeq);
          log.progress(
              "load: every unit's first report, %d clients, %,d reports per request",
              options.clients, options.httpBatch());
          Drive first = load.drive(0, 1, Long.MAX_VALUE, new AtomicBoolean());
          long loadRecords = journal.lastSeq();
          log.progress(
              "load: %,d accepted in %.1f s (%.0f/s); %,d journal records",
              first.accepted(), first.seconds(), first.accepted() / first.seconds(), loadRecords);
          long heapAfter = Machine.collectedHeap() - heapBefore;
          log.progress(
              "heap used after full collections: %,d MiB more than before", heapAfter >> 20);
          log.progress("waiting for bravo's stream to deliver the load's events");
          long waited = System.nanoTime();
          AlertProbes probes = new AlertProbes(options, log, officers, stream, clock, server.uri());
          if (!probes.catchUp()) {
            log.note("bravo's stream had not caught up 10 min after the load; went on");
          }
          double catchUpSeconds = (System.nanoTime() - waited) / NANOS_PER_SECOND;
          log.progress(
              "bravo's stream caught up after %.1f s, reopened %d times so far",
              catchUpSeconds, stream.reconnects());
          log.note(
              "after the first reports bravo's stream took %.1f s to deliver their events"
                  + " (reopened %d times by then); idle probes and the window waited for it",
              catchUpSeconds, stream.reconnects());
          AlertProbes.Probes idle = AlertProbes.Probes.NONE;
          if (options.only.contains(LiveBench.Phase.LATENCY)) {
            idle = probes.idle();
          }
          Http result = window(journal, stream, load, probes, first, loadRecords, heapAfter, idle);
          signIn(server.uri());
          if (options.only.contains(LiveBench.Phase.BROWSER)) {
            log.progress("bravo signs in to the web map in headless Chromium");
            try {
              result =
                  result.withBrowser(
                      BrowserSignIn.run(server.uri(), officers.token("bravo"), officers.http));
            } catch (IOException e) {
              log.note("bravo's sign-in in the browser failed: %s", e.getMessage());
            }
          }
          return result;
        }
      } finally {
        server.close();
      }
    } finally {
      Machine.deleteTree(data);
    }
  }

  /**
   * Times bravo's sign-in picture ({@code GET /picture}) after the load, twice: the first request
   * folds bravo's facts from the journal, the second answers from memory. Noted, not tabled.
   */
  private void signIn(URI api) throws InterruptedException {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(api.resolve(ApiServer.BASE + "/picture"))
            .header("Authorization", "Bearer " + officers.token("bravo"))
            .timeout(java.time.Duration.ofMinutes(5))
            .GET()
            .build();
    for (String which : List.of("first", "second")) {
      long t0 = System.nanoTime();
      try {
        java.net.http.HttpResponse<byte[]> r =
            officers.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        log.note(
            "sign-in picture of bravo (%s request, %,d units): %d, %,d bytes in %.2f s",
            which,
            options.units,
            r.statusCode(),
            r.body().length,
            (System.nanoTime() - t0) / NANOS_PER_SECOND);
      } catch (IOException e) {
        log.note("sign-in picture of bravo (%s request): %s", which, e);
      }
    }
  }

  private Http window(
      SqliteJournal journal,
      PartyStream stream,
      Load load,
      AlertProbes probes,
      Drive first,
      long loadRecords,
      long heapAfter,
      AlertProbes.Probes idle)
      throws InterruptedException {
    boolean probing = options.only.contains(LiveBench.Phase.LATENCY);
    log.progress(
        "window: %d clients for %d s%s",
        options.clients, options.seconds, probing ? ", alert-latency probes alongside" : "");
    AtomicBoolean stop = new AtomicBoolean();
    CpuUse.Snapshot cpu0 = CpuUse.Snapshot.take();
    long seq0 = journal.lastSeq();
    long events0 = stream.events();
    long bytes0 = stream.bytes();
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (options.seconds * NANOS_PER_SECOND);
    AtomicReference<AlertProbes.Probes> loaded = new AtomicReference<>(AlertProbes.Probes.NONE);
    Thread prober = null;
    if (probing) {
      prober = new Thread(() -> loaded.set(probes.underLoad(deadline)), "probe-schedule");
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
                    log.progress(
                        "window: %,d accepted so far, journal at %,d, bravo's stream %,d events",
                        load.acceptedSoFar(), journal.lastSeq(), stream.events());
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cpu.set(CpuUse.Snapshot.take().since(cpu0, CPU_GROUPS));
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
    AlertProbes.Probes underLoad = loaded.get();
    log.progress(
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
        underLoad == null ? AlertProbes.Probes.NONE : underLoad,
        stream.reconnects(),
        stream.byType(),
        use,
        Optional.empty());
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
    final LiveFleet fleet;
    private final URI positions;
    private final SettableClock clock;
    private final int[][] batches;
    private final LongSupplier journalSeq;
    private final LongAdder acceptedSoFar = new LongAdder();

    Load(LiveFleet fleet, URI positions, SettableClock clock, LongSupplier journalSeq) {
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
      double roundWallNanos = LiveBench.ROUND_MILLIS * NANOS_PER_MILLI / options.speedup;
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
                    clock.advanceTo(LiveBench.T0.plusMillis(round * LiveBench.ROUND_MILLIS));
                    String party = ScenarioGenerator.PARTIES.get(batch[2]);
                    byte[] body = fleet.json((int) round, batch[0], batch[1]);
                    long start = System.nanoTime();
                    Officers.Answer answer;
                    try {
                      answer = officers.postAs(party, positions, body);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    int status = answer.status();
                    String reply = answer.body();
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
            log.progress(
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
        log.note(
            "load (rounds from %d): %,d requests failed or were refused; first: %s",
            fromRound, errors.sum(), firstError.get());
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
          all.length == 0 ? Figures.NO_SAMPLES : Latency.of(all),
          errors.sum(),
          pacedNanos.sum() / NANOS_PER_SECOND);
    }
  }

  private ObjectNode configJson(Path data) {
    ObjectNode root = officers.configJson(data);
    // room for --batch up to the API's 20,000 reports (about 2.5 MB of JSON)
    root.putObject("limits").put("maxBodyBytes", 8L << 20);
    ObjectNode defaults = root.putObject("defaults");
    defaults.put("acknowledgeWithin", "PT24H");
    defaults.putArray("escalation").add("PT24H").add("PT24H");
    return root;
  }

  /** The end-to-end tables, the alert latency table and the browser's sign-in if they ran. */
  void print(PrintStream out, Http h) {
    out.printf(
        Locale.ROOT,
        "## End to end: POST /api/v1/positions, JSON, %,d reports per request, durable journal%n%n"
            + "| units | first reports s | first reports/s | journal records after |"
            + " server heap after MiB |%n|---:|---:|---:|---:|---:|%n"
            + "| %s | %.1f | %,.0f | %s | %s |%n%n",
        options.httpBatch(),
        count(h.units()),
        h.loadSeconds(),
        h.loadAccepted() / h.loadSeconds(),
        count(h.loadRecords()),
        count(h.heapAfterLoadBytes() >> 20));
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
        count(h.accepted()),
        h.reportsPerSecond(),
        count(h.ignored()),
        ms(h.request(), h.request().p50Nanos()),
        ms(h.request(), h.request().p99Nanos()),
        ms(h.request(), h.request().maxNanos()),
        count(h.errors()),
        h.journalRecordsPerSecond(),
        h.streamEventsPerSecond(),
        h.streamMegabytesPerSecond(),
        h.paced());
    List<String> types = new ArrayList<>();
    h.streamByType().forEach((type, count) -> types.add(type + " " + count(count)));
    out.printf(
        Locale.ROOT,
        "Bravo's stream over the whole run, events by type: %s.%n%n",
        types.isEmpty() ? "none" : String.join(", ", types));
    printCpu(out, h);
    if (options.only.contains(LiveBench.Phase.LATENCY)) {
      out.println(
          "## Alert latency: send of the report that creates an encounter to the alert.raised on"
              + " the other party's stream, ms\n");
      out.println(
          "| phase | probes | alerts received | p50 | p99 | max | trigger 2xx p50 |"
              + " trigger 2xx p99 | alert before 2xx |");
      out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      AlertProbes.printRow(out, "idle", h.idle());
      AlertProbes.printRow(out, "under load", h.loaded());
      out.println();
      out.printf(Locale.ROOT, "Bravo's stream was reopened %d times.%n%n", h.reconnects());
    }
    h.browser().ifPresent(b -> printBrowser(out, b));
  }

  private static void printCpu(PrintStream out, Http h) {
    CpuUse c = h.cpu();
    out.printf(
        Locale.ROOT,
        "### Processor time during the window, in cores (%d available, shared with other work)%n%n"
            + "| where | cores | µs per accepted report |%n|---|---:|---:|%n",
        Runtime.getRuntime().availableProcessors());
    double perReport = h.accepted() == 0 ? 0 : 1e-3 / h.accepted();
    for (Map.Entry<String, Long> e : c.byGroup().entrySet()) {
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f |%n",
          e.getKey(),
          c.cores(e.getKey()),
          e.getValue() * perReport);
    }
    if (c.processNanos() >= 0) {
      out.printf(
          Locale.ROOT,
          "| rest of the JVM (garbage collector, JIT compilers) | %.2f | %.2f |%n"
              + "| **whole JVM** | **%.2f** | %.2f |%n",
          c.restOfJvmNanos() / (double) c.windowNanos(),
          c.restOfJvmNanos() * perReport,
          c.processNanos() / (double) c.windowNanos(),
          c.processNanos() * perReport);
    }
    out.printf(Locale.ROOT, "%n%s%n%n", c.collections());
  }

  private static void printBrowser(PrintStream out, BrowserSignIn.Result b) {
    out.printf(
        Locale.ROOT,
        "## Sign-in of the web map (bravo, headless Chromium, 1280x800)%n%n"
            + "| live units bravo sees | alerts drawn | **usable ms** | first draw ms |"
            + " redraws in 10 s | longest redraw ms | pan to next frame ms | longest task ms |"
            + " page errors |%n|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %s | %s | **%s** | %,d | %d | %,d | %,d | %,d | %d |%n%n",
        count(b.visibleUnits()),
        count(b.alerts()),
        b.usableMillis() < 0
            ? String.format(Locale.ROOT, "not within %,d", b.limitMillis())
            : String.format(Locale.ROOT, "%,d", b.usableMillis()),
        b.firstDrawMillis(),
        b.redraws(),
        b.redrawMaxMillis(),
        b.panMillis(),
        b.longestTaskMillis(),
        b.errors().size());
    b.network().forEach(n -> out.printf(Locale.ROOT, "- request: %s%n", n));
    b.errors().forEach(e -> out.printf(Locale.ROOT, "- page error: %s%n", e));
    out.println();
  }
}
