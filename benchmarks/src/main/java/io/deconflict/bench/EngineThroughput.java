package io.deconflict.bench;

import static io.deconflict.bench.Figures.count;
import static io.deconflict.bench.Figures.ms;

import io.deconflict.engine.live.Encounter;
import io.deconflict.engine.live.LiveEvent;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.LiveTracker;
import io.deconflict.engine.live.PositionReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the engine alone: one thread feeds a fresh {@link LiveTracker} ({@link
 * LiveSettings#DEFAULT}, the service's settings) every unit's first report (timed apart), then
 * rounds of reports in batches of {@code --batch} for a warm-up and for {@code --seconds}. Only the
 * time inside {@code report} is timed; generating the reports is not. At {@code N} ≤ 10,000 the
 * same reports also go through {@link AllPairsBaseline}, the all-pairs loop written here. The
 * tracker's brute-force mode is package-private, so it is not measured. Not thread-safe.
 */
final class EngineThroughput {

  private static final double NANOS_PER_SECOND = 1e9;

  private final LiveBench.Options options;
  private final BenchLog log;

  EngineThroughput(LiveBench.Options options, BenchLog log) {
    this.options = options;
    this.log = log;
  }

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
   * @param reevaluatedShare share of the measured reports that re-evaluated their unit's pairs (not
   *     absorbed by dead reckoning); 1 for the baseline
   * @param evaluationsPerReport pair evaluations per measured report (tracker), or NaN
   * @param cpuMicrosPerReport processor time of the measuring thread inside the calls per report
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
      long retainedBytes,
      double reevaluatedShare,
      double evaluationsPerReport,
      double cpuMicrosPerReport) {}

  /**
   * The engine at 1,000 and 10,000 units (with the all-pairs baseline at 10,000 and below) under
   * the fleet's size, and at the fleet's size.
   */
  List<EngineRow> measure(LiveFleet fleet) {
    List<EngineRow> rows = new ArrayList<>();
    for (int n : sizes()) {
      LiveFleet f = n == fleet.size() ? fleet : new LiveFleet(options.seed, n);
      if (n <= LiveBench.ALL_PAIRS_MAX_UNITS) {
        rows.add(measureAllPairs(f));
      }
      rows.add(measureTracker(f));
    }
    return rows;
  }

  /** 1,000 and 10,000 units (for the side-by-side baseline) below the fleet's size, and it. */
  private List<Integer> sizes() {
    List<Integer> sizes = new ArrayList<>();
    for (int n : new int[] {1_000, LiveBench.ALL_PAIRS_MAX_UNITS}) {
      if (n < options.units) {
        sizes.add(n);
      }
    }
    sizes.add(options.units);
    return sizes;
  }

  /** Something that takes batches of reports and tells the events, counted by kind. */
  private interface Sink {
    /**
     * Applies a batch; adds {new, level changed, ended} counts to {@code counts}, here or (for the
     * tracker, whose counting is not timed) at the next {@link #count}.
     */
    void report(List<PositionReport> batch, long[] counts);

    /** Counts the events of the last batch, if {@link #report} left them to count: not timed. */
    default void count(long[] counts) {}

    long open();

    /** {applied, absorbed, evaluations} so far; zeros when not a tracker. */
    default long[] counters() {
      return new long[3];
    }
  }

  private EngineRow measureTracker(LiveFleet fleet) {
    long heapBefore = Machine.collectedHeap();
    LiveTracker tracker = new LiveTracker(options.engineSettings());
    LongSet open = new LongSet();
    Sink sink =
        new Sink() {
          private List<LiveEvent> events = List.of();

          @Override
          public void report(List<PositionReport> batch, long[] counts) {
            events = tracker.report(batch);
          }

          @Override
          public void count(long[] counts) {
            for (LiveEvent e : events) {
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
            events = List.of();
          }

          @Override
          public long open() {
            return open.size();
          }

          @Override
          public long[] counters() {
            return new long[] {tracker.applied(), tracker.absorbed(), tracker.evaluations()};
          }
        };
    String path =
        options.engineSettings().deadReckoning().enabled()
            ? "LiveTracker (indexed, dead reckoning)"
            : "LiveTracker (indexed, dead reckoning off)";
    EngineRow row = measure(path, fleet, sink);
    long retained = Machine.collectedHeap() - heapBefore;
    if (tracker.units() != fleet.size()) {
      log.note("the tracker holds " + tracker.units() + " units, not " + fleet.size());
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
        retained,
        row.reevaluatedShare(),
        row.evaluationsPerReport(),
        row.cpuMicrosPerReport());
  }

  private EngineRow measureAllPairs(LiveFleet fleet) {
    AllPairsBaseline all = new AllPairsBaseline(fleet.size(), LiveBench.SETTINGS);
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
  private EngineRow measure(String path, LiveFleet fleet, Sink sink) {
    int n = fleet.size();
    int batch = options.engineBatch();
    log.progress("engine, %s, %,d units: first reports", path, n);
    long[] counts = new long[3];
    long firstNanos = 0;
    for (int from = 0; from < n; from += batch) {
      List<PositionReport> reports = fleet.reports(0, from, Math.min(n, from + batch));
      long t0 = System.nanoTime();
      sink.report(reports, counts);
      firstNanos += System.nanoTime() - t0;
      sink.count(counts);
    }
    long firstEvents = counts[0] + counts[1] + counts[2];
    log.progress(
        "engine, %s: first reports in %.2f s, %,d encounters open",
        path, firstNanos / NANOS_PER_SECOND, sink.open());
    int round = 1;
    double warmUp = Math.min(10, options.seconds / 3.0);
    long warmDeadline = System.nanoTime() + (long) (warmUp * NANOS_PER_SECOND);
    do {
      for (int from = 0; from < n; from += batch) {
        sink.report(fleet.reports(round, from, Math.min(n, from + batch)), counts);
        sink.count(counts);
      }
      round++;
    } while (System.nanoTime() < warmDeadline);
    log.progress(
        "engine, %s: warmed up over %d rounds, measuring %d s", path, round - 1, options.seconds);
    Arrays.fill(counts, 0);
    long[] before = sink.counters();
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = 0;
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
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        sink.report(reps, counts);
        long t1 = System.nanoTime();
        cpu += threads.getCurrentThreadCpuTime() - c0;
        sink.count(counts);
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
          log.progress(
              "engine, %s: %,d reports, %.0f/s inside report()",
              path, reports, reports / (inside / NANOS_PER_SECOND));
          lastLog = t1;
        }
      }
      round++;
    }
    double seconds = inside / NANOS_PER_SECOND;
    long events = counts[0] + counts[1] + counts[2];
    long[] after = sink.counters();
    long applied = after[0] - before[0];
    double share = applied == 0 ? 1 : 1 - (after[1] - before[1]) / (double) applied;
    double perReport = applied == 0 ? Double.NaN : (after[2] - before[2]) / (double) applied;
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
            -1,
            share,
            perReport,
            cpu / 1e3 / reports);
    log.progress(
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
    long a = LiveFleet.indexOf(unitA);
    long b = LiveFleet.indexOf(unitB);
    return a < b ? a << 32 | b : b << 32 | a;
  }

  /** The engine table. */
  void print(PrintStream out, List<EngineRow> rows) {
    out.printf(
        Locale.ROOT,
        "## Engine alone: report(List) of %,d reports per call, one thread, after a warm-up%n%n"
            + "Reports/s and events/s count only the time inside the call (generating the reports"
            + " is not timed).%n%n"
            + "| path | units | first reports s | measured reports | rounds | **reports/s** |"
            + " batch p50 ms | batch p99 ms | batch max ms | events/s | new encounters/s |"
            + " level changes/s | ended/s | open encounters at the end | tracker heap MiB |"
            + " re-evaluated share | evaluations per report | CPU µs per report |%n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
            + "|---:|%n",
        options.engineBatch());
    for (EngineRow r : rows) {
      double seconds = r.reports() / r.reportsPerSecond();
      out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f | %s | %d | **%,.0f** | %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f"
              + " | %s | %s | %.1f %% | %.2f | %.2f |%n",
          r.path(),
          count(r.units()),
          r.firstSeconds(),
          count(r.reports()),
          r.rounds(),
          r.reportsPerSecond(),
          ms(r.batch().p50Nanos()),
          ms(r.batch().p99Nanos()),
          ms(r.batch().maxNanos()),
          r.eventsPerSecond(),
          r.raised() / seconds,
          r.changed() / seconds,
          r.ended() / seconds,
          count(r.openAtEnd()),
          r.retainedBytes() < 0 ? "—" : count(r.retainedBytes() >> 20),
          100 * r.reevaluatedShare(),
          r.evaluationsPerReport(),
          r.cpuMicrosPerReport());
    }
    out.println();
  }
}
