package io.deconflict.bench;

import static io.deconflict.bench.Figures.ms;

import io.deconflict.server.ApiServer;
import io.deconflict.service.Json;
import io.deconflict.testkit.clock.SettableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures alert latency. A probe is a pair of new units, alpha's A and bravo's B, placed 20 km
 * apart far south of the fleet (each probe at a place of its own): A heading north, B west toward
 * A's start, closest approach 14 km, no encounter. Then alpha posts A's next report, one second
 * later, heading east: head-on, separation lost in about 8 min, a new encounter. The latency is
 * from just before that request is sent to the arrival of the {@code alert.raised} for B ({@code
 * kind} {@code unit-unit}) on bravo's stream. Idle: one probe at a time after the load. Under load:
 * {@value #PROBE_THREADS} probe threads on a steady schedule during the window.
 *
 * <p>Thread-safe: the probes under load run on threads of their own.
 */
final class AlertProbes {

  /** Units of probes are named {@code pb-<phase>-<slot>-a} and {@code -b}. */
  static final String PROBE_PREFIX = "pb-";

  /** The catch-up marker's unit is {@code sync-<slot>}. */
  static final String SYNC_PREFIX = "sync-";

  private static final double PROBE_GAP_METERS = 20_000;
  private static final double PROBE_SPEED_MPS = 20;
  private static final long PROBE_WAIT_MILLIS = 10_000;
  private static final int PROBE_THREADS = 16;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double METERS_PER_DEGREE = 111_195;

  private final LiveBench.Options options;
  private final BenchLog log;
  private final Officers officers;
  private final PartyStream stream;
  private final SettableClock clock;
  private final URI positions;
  private final AtomicInteger probeSlots = new AtomicInteger();

  /** Probes posted to the server at {@code api}, watched on bravo's {@code stream}. */
  AlertProbes(
      LiveBench.Options options,
      BenchLog log,
      Officers officers,
      PartyStream stream,
      SettableClock clock,
      URI api) {
    this.options = options;
    this.log = log;
    this.officers = officers;
    this.stream = stream;
    this.clock = clock;
    this.positions = api.resolve(ApiServer.BASE + "/positions");
  }

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
    static final Probes NONE = new Probes(0, 0, Figures.NO_SAMPLES, Figures.NO_SAMPLES, 0);
  }

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
  private void setUp(Probe p, long millis) throws IOException, InterruptedException {
    String time = Instant.ofEpochMilli(millis).toString();
    CompletableFuture<HttpResponse<String>> a =
        officers.postAsync(
            positions, officers.token("alpha"), probeReport(p.unitA(), time, p.lonA(), p.lat(), 0));
    CompletableFuture<HttpResponse<String>> b =
        officers.postAsync(
            positions,
            officers.token("bravo"),
            probeReport(p.unitB(), time, p.lonB(), p.lat(), 270));
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

  /**
   * A probe's trigger as sent.
   *
   * @param arrived completes with the arrival (nanoTime) of the probe's alert on bravo's stream
   * @param start just before the trigger was sent (nanoTime)
   * @param replied when its answer came (nanoTime)
   * @param reply the answer
   */
  private record Fired(
      CompletableFuture<Long> arrived, long start, long replied, HttpResponse<String> reply) {}

  /** Sets the probe up at the clock's time, then posts its trigger and waits for the answer. */
  private Fired fire(Probe p) throws IOException, InterruptedException {
    long setUp = clock.millis();
    setUp(p, setUp);
    CompletableFuture<Long> arrived = stream.expect(p.unitB());
    long start = System.nanoTime();
    HttpResponse<String> r = officers.post(positions, officers.token("alpha"), trigger(p, setUp));
    return new Fired(arrived, start, System.nanoTime(), r);
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
  boolean catchUp() throws InterruptedException {
    String unit = SYNC_PREFIX + probeSlots.get();
    CompletableFuture<Long> back = stream.expect(unit);
    try {
      HttpResponse<String> r =
          officers.post(
              positions,
              officers.token("bravo"),
              probeReport(unit, clock.instant().toString(), 0, -60, 0));
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
  Probes idle() throws InterruptedException {
    log.progress("alert latency, idle: %d probes, one at a time", options.probes);
    List<Long> delays = new ArrayList<>();
    List<Long> replies = new ArrayList<>();
    int sent = 0;
    int before = 0;
    for (int i = 0; i < options.probes; i++) {
      Probe p = newProbe("idle");
      try {
        Fired f = fire(p);
        CompletableFuture<Long> arrived = f.arrived();
        long start = f.start();
        long replied = f.replied();
        HttpResponse<String> r = f.reply();
        sent++;
        if (r.statusCode() != 200) {
          log.note("idle probe " + p.unitA() + " refused: " + r.statusCode() + " " + r.body());
          continue;
        }
        replies.add(replied - start);
        long at = arrived.get(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        delays.add(at - start);
        if (at < replied) {
          before++;
        }
      } catch (IOException | ExecutionException e) {
        log.note("idle probe " + p.unitA() + " failed: " + e);
      } catch (TimeoutException e) {
        // counted as missing
      } finally {
        stream.forget(p.unitB());
      }
    }
    Probes result =
        new Probes(sent, delays.size(), Figures.latency(delays), Figures.latency(replies), before);
    logProbes("idle", result);
    return result;
  }

  /**
   * Probes during the window: {@value #PROBE_THREADS} threads, one probe each per slot of a steady
   * schedule ({@code --probes} over {@code --seconds}, a tenth faster), until the window ends; then
   * up to 10 s for the last alerts.
   */
  Probes underLoad(long deadline) {
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
                    Fired f = fire(p);
                    CompletableFuture<Long> arrived = f.arrived();
                    long start = f.start();
                    long replied = f.replied();
                    HttpResponse<String> r = f.reply();
                    sent.incrementAndGet();
                    if (r.statusCode() != 200) {
                      log.note(
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
                    log.note("loaded probe failed: " + e);
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
    log.progress(
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
      log.note("loaded probes: waiting for the last alerts failed: " + e);
    }
    if (sent.get() < options.probes) {
      log.note(
          "under load only %d of %d probes were triggered within the %d s window",
          sent.get(), options.probes, options.seconds);
    }
    Probes result =
        new Probes(
            sent.get(),
            delays.size(),
            Figures.latency(new ArrayList<>(delays)),
            Figures.latency(new ArrayList<>(replies)),
            before.get());
    logProbes("under load", result);
    return result;
  }

  private void logProbes(String phase, Probes p) {
    log.progress(
        "alert latency, %s: %d of %d alerts arrived; p50 %s ms, p99 %s ms",
        phase,
        p.received(),
        p.probes(),
        ms(p.delay(), p.delay().p50Nanos()),
        ms(p.delay(), p.delay().p99Nanos()));
  }

  /** A row of the alert latency table. */
  static void printRow(PrintStream out, String phase, Probes p) {
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
}
