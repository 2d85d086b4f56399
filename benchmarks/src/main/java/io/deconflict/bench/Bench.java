package io.deconflict.bench;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.detect.Prepared;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.DaysOrScale;
import io.deconflict.testkit.options.BenchOptions.NonNegativeInt;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import io.deconflict.testkit.options.BenchOptions.WholeNumber;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the engine on generated scenarios and prints the results as Markdown tables.
 *
 * <p>Three measurements, each against the indexed detector and, where it finishes in reasonable
 * time, the brute-force reference:
 *
 * <ul>
 *   <li><b>check</b>: latency of {@link Detector#check} of one fresh movement against {@code N}
 *       stored movements (plus their sites and zones), timed with {@link System#nanoTime} per call
 *       after a warm-up;
 *   <li><b>batch</b>: a fresh detector's {@link Detector#putAll} of the whole scenario followed by
 *       {@link Detector#conflicts};
 *   <li><b>heap</b>: heap retained by a detector holding the scenario, after full collections and
 *       after the harness dropped its own references to the items, per stored waypoint.
 * </ul>
 *
 * <p>Tables go to standard output, progress to standard error. Run with {@code --help} for the
 * options. Single-threaded; meant to run alone on a quiet machine.
 */
public final class Bench {

  private static final double NANOS_PER_MICRO = 1e3;
  private static final double NANOS_PER_SECOND = 1e9;

  private final Options options;
  private final PrintStream out;
  private final PrintStream log;
  private final long startNanos = System.nanoTime();

  private final List<String> checkRows = new ArrayList<>();
  private final List<String> batchRows = new ArrayList<>();
  private final List<String> heapRows = new ArrayList<>();
  private final List<String> generatorRows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** Largest N at which the brute-force detector was built, and how long that took. */
  private int bruteBuiltAt;

  /** Seconds of every brute-force putAll measured, by N. */
  private final Map<Integer, Double> bruteBuilds = new HashMap<>();

  private double bruteBuildSeconds;

  private Bench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = log;
  }

  /** Runs the measurements the arguments select; {@code --help} lists them. */
  public static void main(String[] args) {
    Optional<Options> parsed = BenchOptions.parseOrExit("bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    Options options = parsed.get();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new Bench(options, out, System.err).run();
  }

  private void run() {
    printEnvironment();
    if (options.only.contains(Phase.GEN)) {
      for (int n : options.checkSizes) {
        generatorStats(n);
      }
    }
    if (!options.only.equals(EnumSet.of(Phase.GEN))) {
      warmUpJvm();
    }
    if (options.only.contains(Phase.HEAP)
        && !(options.only.contains(Phase.CHECK)
            && contains(options.checkSizes, options.heapSize))) {
      measureHeapOnly(options.heapSize);
    }
    if (options.only.contains(Phase.CHECK)) {
      for (int n : options.checkSizes) {
        measureCheck(n);
      }
    }
    if (options.only.contains(Phase.BATCH)) {
      measureBatch();
    }
    if (options.only.contains(Phase.PROCESS)) {
      for (int n : options.processSizes) {
        measureProcess(n);
        gc();
      }
    }
    printTables();
  }

  // ---------------------------------------------------------------- environment and generator

  /** The generator for scenarios of {@code n} movements: fixed days, or one day per 10,000. */
  private ScenarioGenerator generator(int n) {
    return new ScenarioGenerator(options.seed, days(n));
  }

  private int days(int n) {
    return options.days > 0 ? options.days : Math.max(1, n / 10_000);
  }

  private void printEnvironment() {
    Runtime rt = Runtime.getRuntime();
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.add(gc.getName());
    }
    out.printf(
        Locale.ROOT,
        "# deconflict engine benchmark%n%n"
            + "- java: %s %s (%s)%n- processors: %d, max heap: %d MiB, GC: %s%n"
            + "- arguments: %s%n- seed: %d%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        rt.availableProcessors(),
        rt.maxMemory() >> 20,
        String.join(", ", gcs),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
        options.seed);
  }

  private void generatorStats(int n) {
    progress("generating %,d movements for statistics", n);
    long t0 = System.nanoTime();
    ScenarioGenerator generator = generator(n);
    Scenario scenario = generator.scenario(n);
    double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
    int onRoad = 0;
    double speedMin = Double.MAX_VALUE;
    double speedMax = 0;
    double speedSum = 0;
    double hoursMin = Double.MAX_VALUE;
    double hoursMax = 0;
    double hoursSum = 0;
    for (int i = 0; i < n; i++) {
      Movement m = scenario.movements().get(i);
      if (generator.onRoad(i)) {
        onRoad++;
      }
      double meters = 0;
      for (int k = 1; k < m.waypoints().size(); k++) {
        var a = m.waypoints().get(k - 1).point();
        var b = m.waypoints().get(k).point();
        meters += LocalFrame.distanceMeters(a.lon(), a.lat(), b.lon(), b.lat());
      }
      double hours = (m.end().toEpochMilli() - m.start().toEpochMilli()) / 3_600_000.0;
      double speed = meters / (hours * 3600);
      speedMin = Math.min(speedMin, speed);
      speedMax = Math.max(speedMax, speed);
      speedSum += speed;
      hoursMin = Math.min(hoursMin, hours);
      hoursMax = Math.max(hoursMax, hours);
      hoursSum += hours;
    }
    long holes =
        scenario.zones().stream().filter(z -> z.polygon().getNumInteriorRing() > 0).count();
    long timedSites = scenario.sites().stream().filter(s -> !s.validity().isAlways()).count();
    long timedZones = scenario.zones().stream().filter(z -> !z.validity().isAlways()).count();
    generatorRows.add(
        row(
            fmtInt(n),
            Integer.toString(generator.days()),
            fmtInt(scenario.waypointCount()),
            String.format(Locale.ROOT, "%.1f%%", 100.0 * onRoad / Math.max(1, n)),
            String.format(Locale.ROOT, "%.2f / %.2f / %.2f", speedMin, speedSum / n, speedMax),
            String.format(Locale.ROOT, "%.2f / %.2f / %.2f", hoursMin, hoursSum / n, hoursMax),
            fmtInt(scenario.sites().size()) + " (" + timedSites + " timed)",
            fmtInt(scenario.zones().size())
                + " ("
                + holes
                + " with hole, "
                + timedZones
                + " timed)",
            String.format(Locale.ROOT, "%.2f", seconds)));
  }

  // ---------------------------------------------------------------- check latency

  /**
   * Runs every code path once on a small scenario of its own seed, so the JIT has compiled them
   * before the first measurement.
   */
  private void warmUpJvm() {
    ScenarioGenerator warm = new ScenarioGenerator(options.seed + 1);
    List<Item> items = warm.scenario(3_000).items();
    List<Movement> candidates = warm.candidates(5_000);
    progress("warm-up: indexed putAll, conflicts() and %,d checks on 3,000 movements", 5_000);
    for (int round = 0; round < 3; round++) {
      Detector d = Detectors.indexed();
      d.putAll(items);
      blackhole += d.conflicts().size();
    }
    Detector d = Detectors.indexed();
    d.putAll(items);
    for (Movement c : candidates) {
      blackhole += d.check(c).size();
    }
    if (!options.skipBrute) {
      progress("warm-up: brute force putAll and 500 checks on 3,000 movements");
      Detector b = Detectors.bruteForce();
      b.putAll(items);
      for (Movement c : candidates.subList(0, 500)) {
        blackhole += b.check(c).size();
      }
    }
    gc();
  }

  private void measureCheck(int n) {
    List<Movement> candidates = generator(n).candidates(options.warmup + options.checks);
    boolean heap = options.only.contains(Phase.HEAP) && n == options.heapSize;
    boolean runBrute = bruteWanted(n, options.bruteCheckMaxSize, "check");
    int bruteChecks = Math.min(options.bruteChecks, options.checks);
    CheckRun indexed =
        runChecks(
            n,
            Detectors::indexed,
            "indexed",
            heap,
            candidates,
            options.warmup,
            options.checks,
            runBrute ? bruteChecks : 0,
            List.of());
    gc();
    Latency bruteLatency = null;
    String bruteNote = "";
    String agreement = "not compared";
    if (runBrute) {
      CheckRun brute =
          runChecks(
              n,
              Detectors::bruteForce,
              "brute force",
              false,
              candidates,
              Math.min(options.warmup, 200),
              bruteChecks,
              0,
              indexed.kept());
      bruteLatency = brute.latency();
      agreement = brute.equal() + "/" + bruteChecks + " equal";
      lastBruteCheck = bruteLatency;
      lastBruteCheckSize = n;
      gc();
    } else if (!options.skipBrute && lastBruteCheck != null) {
      bruteLatency = lastBruteCheck.scaled((double) n / lastBruteCheckSize);
      bruteNote = " (linear extrapolation from N=" + fmtInt(lastBruteCheckSize) + ")";
    }
    Latency il = indexed.latency();
    checkRows.add(
        row(
            fmtInt(n),
            Integer.toString(days(n)),
            fmtInt(indexed.stored()),
            String.format(Locale.ROOT, "%.2f", indexed.conflictsPerCheck()),
            us(il.p50Nanos()),
            us(il.p99Nanos()),
            us(il.meanNanos()),
            us(il.maxNanos()),
            bruteLatency == null ? "—" : us(bruteLatency.p50Nanos()) + bruteNote,
            bruteLatency == null ? "—" : us(bruteLatency.p99Nanos()) + bruteNote,
            bruteLatency == null ? "—" : us(bruteLatency.meanNanos()) + bruteNote,
            bruteLatency == null ? "—" : ratio((double) il.p99Nanos() / bruteLatency.p99Nanos()),
            bruteLatency == null ? "—" : ratio(il.meanNanos() / bruteLatency.meanNanos()),
            options.checks + (runBrute ? " / " + bruteChecks : ""),
            agreement,
            String.format(Locale.ROOT, "%.1f", indexed.buildSeconds())));
  }

  /**
   * The outcome of one detector's checks.
   *
   * @param latency per-check latency
   * @param conflictsPerCheck mean number of conflicts a check found
   * @param buildSeconds time of the putAll that loaded the detector
   * @param stored items the detector held
   * @param kept the first results, for comparison with another detector
   * @param equal how many results equalled the expected ones
   */
  private record CheckRun(
      Latency latency,
      double conflictsPerCheck,
      double buildSeconds,
      int stored,
      List<List<Conflict>> kept,
      int equal) {}

  private CheckRun runChecks(
      int n,
      Supplier<Detector> factory,
      String name,
      boolean measureHeap,
      List<Movement> candidates,
      int warmup,
      int checks,
      int keep,
      List<List<Conflict>> expected) {
    Built built = build(n, factory, name, measureHeap);
    Detector detector = built.detector();
    progress("%s: warming up with %,d checks at N=%,d", name, warmup, n);
    for (int i = 0; i < warmup; i++) {
      blackhole += detector.check(candidates.get(i)).size();
    }
    progress("%s: measuring %,d checks at N=%,d", name, checks, n);
    long[] samples = new long[checks];
    long[] processor = new long[checks];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long found = 0;
    List<List<Conflict>> kept = new ArrayList<>(keep);
    int equal = 0;
    for (int i = 0; i < checks; i++) {
      Movement candidate = candidates.get(options.warmup + i);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<Conflict> conflicts = detector.check(candidate);
      samples[i] = System.nanoTime() - t0;
      processor[i] = threads.getCurrentThreadCpuTime() - c0;
      found += conflicts.size();
      if (i < keep) {
        kept.add(conflicts);
      }
      if (i < expected.size()) {
        if (conflicts.equals(expected.get(i))) {
          equal++;
        } else if (equal == i) {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "check at N=%,d, seed %d: indexed and brute force disagree on candidate %s"
                      + " (indexed %d conflicts, brute force %d); first disagreement only",
                  n,
                  options.seed,
                  candidate.id(),
                  expected.get(i).size(),
                  conflicts.size()));
        }
      }
    }
    Latency latency = Latency.of(samples);
    Latency busy = Latency.of(processor);
    progress(
        "%s: p50 %s µs, p99 %s µs, mean %s µs, %.2f conflicts per check; processor time of the"
            + " checking thread (less disturbed by neighbours): p50 %s µs, p99 %s µs, mean %s µs",
        name,
        us(latency.p50Nanos()),
        us(latency.p99Nanos()),
        us(latency.meanNanos()),
        (double) found / checks,
        us(busy.p50Nanos()),
        us(busy.p99Nanos()),
        us(busy.meanNanos()));
    return new CheckRun(
        latency, (double) found / checks, built.seconds(), detector.size(), kept, equal);
  }

  private @Nullable Latency lastBruteCheck;
  private int lastBruteCheckSize;

  /** Keeps check results observable so the JIT cannot drop the calls. */
  private long blackhole;

  // ---------------------------------------------------------------- batch all-pairs

  private void measureBatch() {
    warmUpBatch();
    for (int n : options.batchSizes) {
      measureBatch(n);
      gc();
      progress("batch: processor time by phase, one thread, N=%,d", n);
      phaseRows.add(AllPairsPhases.measure(generator(n).scenario(n).items()).row(fmtInt(n)));
      gc();
    }
  }

  private void warmUpBatch() {
    int n = Math.min(2_000, options.batchSizes[0]);
    List<Item> items = generator(n).scenario(n).items();
    progress("batch: warming up on %,d items", items.size());
    for (int i = 0; i < 3; i++) {
      blackhole += allPairs(items, 1).size() + allPairs(items, options.threads).size();
    }
  }

  /** A fresh indexed detector, {@code load(items)}, then its search on {@code threads} threads. */
  private List<Conflict> allPairs(List<Item> items, int threads) {
    Detector d = Detectors.indexed();
    if (threads == 1) {
      d.load(items);
    } else {
      Detectors.load(d, prepare(items, threads));
    }
    return search(d.search(threads), threads);
  }

  /**
   * The items prepared ({@link Prepared#of}: their tracks built) on {@code threads} threads, in
   * their order: the caller's side of a load, as {@link #search} is of the search.
   */
  static List<Prepared> prepare(List<Item> items, int threads) {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      int n = items.size();
      int tasks = 4 * threads;
      List<Callable<List<Prepared>>> shares = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        int from = (int) ((long) n * t / tasks);
        int to = (int) ((long) n * (t + 1) / tasks);
        shares.add(
            () -> {
              List<Prepared> out = new ArrayList<>(to - from);
              for (int i = from; i < to; i++) {
                out.add(Prepared.of(items.get(i)));
              }
              return out;
            });
      }
      List<Prepared> all = new ArrayList<>(n);
      for (Future<List<Prepared>> f : executor.invokeAll(shares)) {
        all.addAll(f.get());
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  /** Runs a conflict search's parts and groups on {@code threads} threads (the caller's side). */
  static List<Conflict> search(ConflictSearch search, int threads) {
    if (threads == 1) {
      return search.run();
    }
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Object>> parts = new ArrayList<>();
      for (int p = 0; p < search.parts(); p++) {
        int part = p;
        parts.add(Executors.callable(() -> search.search(part)));
      }
      for (Future<Object> f : executor.invokeAll(parts)) {
        f.get();
      }
      List<Callable<Object>> groups = new ArrayList<>();
      for (int g = 0; g < search.groups(); g++) {
        int group = g;
        groups.add(Executors.callable(() -> search.prepare(group)));
      }
      for (Future<Object> f : executor.invokeAll(groups)) {
        f.get();
      }
      List<Callable<List<Conflict>>> chunks = new ArrayList<>();
      for (int c = 0, n = search.chunks(); c < n; c++) {
        int chunk = c;
        chunks.add(() -> search.chunk(chunk));
      }
      List<Conflict> all = new ArrayList<>();
      for (Future<List<Conflict>> f : executor.invokeAll(chunks)) {
        all.addAll(f.get());
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  /** Median seconds of {@code --batch-reps} runs of all pairs on {@code threads} threads. */
  private double timeAllPairs(List<Item> items, int threads, List<List<Conflict>> last) {
    double[] totals = new double[options.batchReps];
    int runs = 0;
    for (int rep = 0; rep < options.batchReps && (rep == 0 || totals[rep - 1] <= 60); rep++) {
      last.clear();
      gc();
      progress("batch: engine on %d thread(s), run %d", threads, rep + 1);
      long t0 = System.nanoTime();
      List<Conflict> found = allPairs(items, threads);
      totals[rep] = (System.nanoTime() - t0) / NANOS_PER_SECOND;
      last.add(found);
      runs++;
      progress("batch: %.3f s, %,d conflicts", totals[rep], found.size());
    }
    return median(Arrays.copyOf(totals, runs));
  }

  private void measureBatch(int n) {
    Scenario scenario = generator(n).scenario(n);
    List<Item> items = scenario.items();
    List<List<Conflict>> last = new ArrayList<>();
    double oneThread = timeAllPairs(items, 1, last);
    List<Conflict> indexedConflicts = last.get(0);
    double manyThreads = timeAllPairs(items, options.threads, last);
    boolean threadsAgree = last.get(0).equals(indexedConflicts);
    if (!threadsAgree) {
      notes.add(
          String.format(
              Locale.ROOT,
              "batch at N=%,d: %d threads found %,d conflicts, 1 thread %,d (must be equal)",
              n,
              options.threads,
              last.get(0).size(),
              indexedConflicts.size()));
    }
    last.clear();
    int found = indexedConflicts.size();
    String peerQuery = "—";
    String peerSetup = "—";
    String peerRatio = "—";
    String peerAgreement = "not run";
    if (options.peer) {
      gc();
      progress("batch: PostGIS peer at N=%,d (movements only)", n);
      PostgisPeer.Result peer =
          new PostgisPeer(options.peerScript)
              .run(scenario.movements(), options.peerWork.resolve("batch-" + n));
      progress("batch: PostGIS query %.3f s, %,d pairs", peer.querySeconds(), peer.pairs().size());
      Set<String> engine = PostgisPeer.enginePairs(indexedConflicts);
      Map<String, Movement> byId = new HashMap<>();
      scenario.movements().forEach(m -> byId.put(m.id(), m));
      List<String> diff = PostgisPeer.compare(engine, peer.pairs(), byId, 10);
      peerQuery = String.format(Locale.ROOT, "%.2f", peer.querySeconds());
      peerSetup =
          String.format(Locale.ROOT, "%.1f + %.1f", peer.loadSeconds(), peer.indexSeconds());
      peerRatio = String.format(Locale.ROOT, "%.1f×", peer.querySeconds() / manyThreads);
      peerAgreement = diff.get(0);
      peerNotes.add(String.format(Locale.ROOT, "N=%,d (PostGIS %s):", n, peer.version()));
      diff.forEach(line -> peerNotes.add("  " + line));
      peerNotes.add("  plan: " + peer.plan());
    }
    String bruteCell = "—";
    String ratioCell = "—";
    String agreement = "not compared";
    if (bruteWanted(n, options.bruteBatchMaxSize, "batch")) {
      gc();
      progress("batch: brute force putAll + conflicts at N=%,d", n);
      Detector d = Detectors.bruteForce();
      long t0 = System.nanoTime();
      d.putAll(items);
      List<Conflict> bruteConflicts = d.conflicts();
      double bruteSeconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
      progress("batch: brute force %.3f s, %,d conflicts", bruteSeconds, bruteConflicts.size());
      boolean same = bruteConflicts.equals(indexedConflicts);
      agreement = same ? "equal" : "DIFFER (" + found + " vs " + bruteConflicts.size() + ")";
      if (!same) {
        notes.add(
            String.format(
                Locale.ROOT,
                "batch at N=%,d, seed %d: indexed found %,d conflicts, brute force %,d",
                n,
                options.seed,
                found,
                bruteConflicts.size()));
      }
      bruteCell = String.format(Locale.ROOT, "%.2f", bruteSeconds);
      ratioCell = ratio(oneThread / bruteSeconds);
      lastBruteBatchSeconds = bruteSeconds;
      lastBruteBatchSize = n;
      rememberBruteBuild(n, bruteSeconds);
    } else if (!options.skipBrute && lastBruteBatchSize > 0) {
      double scale = (double) n / lastBruteBatchSize;
      double estimate = lastBruteBatchSeconds * scale * scale;
      bruteCell =
          String.format(
              Locale.ROOT,
              "≈ %.0f (extrapolated quadratically from N=%s)",
              estimate,
              fmtInt(lastBruteBatchSize));
      ratioCell = "≈ " + ratio(oneThread / estimate);
    }
    batchRows.add(
        row(
            fmtInt(n),
            Integer.toString(days(n)),
            fmtInt(items.size()),
            fmtInt(found),
            String.format(Locale.ROOT, "%.3f", oneThread),
            String.format(Locale.ROOT, "%.3f", manyThreads),
            String.format(Locale.ROOT, "%.2f×", oneThread / manyThreads),
            threadsAgree ? "equal" : "DIFFER",
            peerQuery,
            peerSetup,
            peerRatio,
            peerAgreement,
            bruteCell,
            ratioCell,
            agreement));
  }

  private final List<String> phaseRows = new ArrayList<>();

  // ---------------------------------------------------------------- whole check process

  /**
   * Writes a scenario as GeoJSON, times the whole {@code deconflict check} process on it (a new JVM
   * with its default heap, wall clock from start to exit, output to a file) and, with {@code
   * --peer}, the PostGIS query on its movements.
   */
  private void measureProcess(int n) {
    int days = options.processDays > 0 ? options.processDays : Math.max(1, n / 10_000);
    Scenario scenario = new ScenarioGenerator(options.seed, days).scenario(n);
    List<Item> items =
        options.processStatics ? scenario.items() : new ArrayList<>(scenario.movements());
    Path work = options.peerWork.resolve("process-" + n + "-" + days);
    try {
      Files.createDirectories(work);
      Path input = work.resolve("scenario.geojson");
      try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
        GeoJsonWriter.write(items, w);
      }
      long bytes = Files.size(input);
      Path output = work.resolve("conflicts.json");
      List<String> command =
          new ArrayList<>(List.of(javaBinary(), "-jar", options.jar.toString(), "check"));
      if (!options.noThreadsFlag) {
        command.addAll(List.of("--threads", Integer.toString(options.threads)));
      }
      command.add(input.toString());
      progress("process: %s", String.join(" ", command));
      long t0 = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      // The process's processor time, sampled until it exits (the last 50 ms may be missed): on a
      // shared machine it says more than the wall clock.
      java.time.Duration cpu = java.time.Duration.ZERO;
      long peakKib = -1;
      while (!process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        cpu = process.toHandle().info().totalCpuDuration().orElse(cpu);
        peakKib = Math.max(peakKib, peakResidentKib(process.pid()));
      }
      int exit = process.exitValue();
      double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
      long conflicts;
      try (var lines = Files.lines(output, StandardCharsets.UTF_8)) {
        conflicts = lines.filter(l -> l.contains("\"kind\"")).count();
      }
      progress(
          "process: %.2f s, %.2f s of processor time, exit %d, %,d conflicts, peak resident %,d MiB",
          seconds, cpu.toMillis() / 1000.0, exit, conflicts, peakKib >> 10);
      String peerQuery = "—";
      String peerRatio = "—";
      String peerPairs = "—";
      if (options.peer) {
        PostgisPeer.Result peer =
            new PostgisPeer(options.peerScript).run(scenario.movements(), work);
        progress("process: PostGIS query %.2f s", peer.querySeconds());
        peerQuery = String.format(Locale.ROOT, "%.2f", peer.querySeconds());
        peerRatio = String.format(Locale.ROOT, "%.2f×", peer.querySeconds() / seconds);
        peerPairs = fmtInt(peer.pairs().size());
      }
      processRows.add(
          row(
              fmtInt(n),
              Integer.toString(days),
              fmtInt(items.size()),
              String.format(Locale.ROOT, "%.0f", bytes / 1048576.0),
              String.format(Locale.ROOT, "%.2f", seconds),
              String.format(Locale.ROOT, "%.1f", cpu.toMillis() / 1000.0),
              peakKib < 0 ? "—" : fmtInt(peakKib >> 10),
              Integer.toString(exit),
              fmtInt(conflicts),
              peerQuery,
              peerPairs,
              peerRatio));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The most memory a process has held resident so far ({@code VmHWM} of Linux's {@code
   * /proc/PID/status}), KiB, or -1 where that is not available.
   */
  private static long peakResidentKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process has just exited, or this is not Linux
    }
    return -1;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private final List<String> processRows = new ArrayList<>();
  private final List<String> peerNotes = new ArrayList<>();

  private double lastBruteBatchSeconds;
  private int lastBruteBatchSize;

  // ---------------------------------------------------------------- heap

  private void measureHeapOnly(int n) {
    build(n, Detectors::indexed, "indexed", true);
  }

  /**
   * A detector holding the scenario of {@code n} movements, loaded with one putAll.
   *
   * @param detector the detector
   * @param seconds how long the putAll took
   */
  private record Built(Detector detector, double seconds) {}

  private Built build(int n, Supplier<Detector> factory, String name, boolean measureHeap) {
    long before = 0;
    if (measureHeap) {
      gc();
      before = usedHeap();
    }
    Detector detector = factory.get();
    long[] counts = new long[2];
    double seconds = fill(detector, n, name, counts);
    if (name.startsWith("brute")) {
      rememberBruteBuild(n, seconds);
    }
    if (measureHeap) {
      gc();
      long after = usedHeap();
      long waypoints = counts[0];
      String stored = fmtInt(detector.size());
      // A check builds the grid that put, check and remove use (load and putAll into an empty
      // detector defer it): the heap of a detector ready for incremental use.
      blackhole += detector.check(generator(n).candidates(1).get(0)).size();
      gc();
      long ready = usedHeap();
      int conflicts = detector.conflicts().size();
      heapRows.add(
          row(
              fmtInt(n),
              Integer.toString(days(n)),
              stored,
              fmtInt(waypoints),
              fmtInt(before >> 20),
              fmtInt(after >> 20),
              fmtInt((after - before) >> 20),
              String.format(Locale.ROOT, "%.1f", (double) (after - before) / waypoints),
              fmtInt((ready - before) >> 20),
              String.format(Locale.ROOT, "%.1f", (double) (ready - before) / waypoints),
              fmtInt(conflicts),
              String.format(Locale.ROOT, "%.1f", seconds)));
      progress(
          "heap: %,d MiB retained for %,d waypoints: %.1f bytes per waypoint (%.1f with the grid)",
          (after - before) >> 20,
          waypoints,
          (double) (after - before) / waypoints,
          (double) (ready - before) / waypoints);
    }
    return new Built(detector, seconds);
  }

  /**
   * Generates the scenario and stores it; the scenario is unreachable once this returns, so only
   * the detector's own state remains. counts[0] receives the waypoint count.
   */
  private double fill(Detector detector, int n, String name, long[] counts) {
    progress("%s: generating %,d movements", name, n);
    Scenario scenario = generator(n).scenario(n);
    counts[0] = scenario.waypointCount();
    List<Item> items = scenario.items();
    progress("%s: putAll of %,d items", name, items.size());
    long t0 = System.nanoTime();
    detector.putAll(items);
    double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
    progress("%s: stored %,d items in %.2f s", name, detector.size(), seconds);
    return seconds;
  }

  // ---------------------------------------------------------------- brute-force budget

  private void rememberBruteBuild(int n, double seconds) {
    bruteBuilds.put(n, seconds);
    if (n >= bruteBuiltAt) {
      bruteBuiltAt = n;
      bruteBuildSeconds = seconds;
    }
  }

  /**
   * Whether to run brute force at {@code n}: not skipped, within the size limit, and loading it
   * (quadratic) is not expected to take longer than the budget.
   */
  private boolean bruteWanted(int n, int maxSize, String what) {
    if (options.skipBrute) {
      return false;
    }
    if (n > maxSize) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%s: brute force not run at N=%,d (limit %,d, raise with --brute-%s-max-n)",
              what,
              n,
              maxSize,
              what));
      return false;
    }
    if (bruteBuiltAt > 0 && n > bruteBuiltAt) {
      double scale = (double) n / bruteBuiltAt;
      // Pairs that overlap in time grow with N squared over the days the traffic is spread over.
      double estimate = bruteBuildSeconds * scale * scale * days(bruteBuiltAt) / days(n);
      if (estimate > options.bruteBudgetSeconds) {
        notes.add(
            String.format(
                Locale.ROOT,
                "%s: brute force not run at N=%,d: loading it would take about %.0f s"
                    + " (%.1f s at N=%,d; N squared over days), over the --brute-budget-s of %d s",
                what,
                n,
                estimate,
                bruteBuildSeconds,
                bruteBuiltAt,
                options.bruteBudgetSeconds));
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- output

  private void printTables() {
    if (!generatorRows.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "## Generated scenarios%n%nRoad network: %d towns, %d roads.%n%n",
          ScenarioGenerator.TOWNS,
          new ScenarioGenerator(options.seed).roadCount());
      out.println(
          "| movements | days | waypoints | on road | speed m/s min / mean / max"
              + " | duration h min / mean / max | sites | zones | generation s |");
      out.println("|---:|---:|---:|---:|---|---|---|---|---:|");
      generatorRows.forEach(out::println);
      out.println();
    }
    if (!checkRows.isEmpty()) {
      out.println("## check(candidate) latency, µs\n");
      out.println(
          "| N movements | days | items stored | conflicts per check | indexed p50 | indexed p99"
              + " | indexed mean | indexed max | brute p50 | brute p99 | brute mean"
              + " | p99 indexed/brute | mean indexed/brute | checks (indexed / brute)"
              + " | results | indexed putAll s |");
      out.println(
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
      checkRows.forEach(out::println);
      out.println();
    }
    if (!batchRows.isEmpty()) {
      out.println(
          "## All pairs: a fresh detector, load(all) then its conflict search, seconds (median of"
              + " runs)\n");
      out.println(
          "| N movements | days | items | conflicts | engine 1 thread | engine "
              + options.threads
              + " threads | speed-up | threads agree | PostGIS query | PostGIS load + index"
              + " | PostGIS query / engine | pairs vs PostGIS | brute force s | engine/brute"
              + " | results |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---|---|---:|---|");
      batchRows.forEach(out::println);
      out.println();
      out.println("All pairs by phase: processor seconds of one run on one thread\n");
      out.println(AllPairsPhases.HEADER);
      phaseRows.forEach(out::println);
      out.println();
      if (!peerNotes.isEmpty()) {
        out.println("PostGIS peer (movement pairs; differences with the engine's distance):\n");
        out.println("```");
        peerNotes.forEach(out::println);
        out.println("```");
        out.println();
      }
    }
    if (!processRows.isEmpty()) {
      out.println(
          "## Whole `deconflict check` process (new JVM, default heap, wall clock), seconds\n");
      out.println(
          "| N movements | days | items | input MiB | check process s | its processor s"
              + " | peak resident MiB | exit"
              + " | conflicts | PostGIS query s | PostGIS pairs | PostGIS query / process |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      processRows.forEach(out::println);
      out.println();
    }
    if (!heapRows.isEmpty()) {
      out.println("## Heap held by the indexed detector\n");
      out.println(
          "| N movements | days | items stored | waypoints | used before MiB | used after MiB"
              + " | retained MiB | bytes per waypoint | retained with the grid MiB"
              + " | bytes per waypoint with the grid | conflicts among them | putAll s |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      heapRows.forEach(out::println);
      out.println();
    }
    if (!notes.isEmpty()) {
      out.println("## Notes\n");
      notes.forEach(n -> out.println("- " + n));
      out.println();
    }
    out.printf(Locale.ROOT, "Total run time: %.0f s%n", elapsedSeconds());
    progress("done (checksum %d)", blackhole);
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  private static String fmtInt(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String us(long nanos) {
    return us((double) nanos);
  }

  private static String us(double nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / NANOS_PER_MICRO);
  }

  private static String ratio(double r) {
    return r >= 0.01
        ? String.format(Locale.ROOT, "%.2f", r)
        : String.format(Locale.ROOT, "1/%.0f", 1 / r);
  }

  private void progress(String format, Object... args) {
    log.printf(
        Locale.ROOT, "[%7.1f s] %s%n", elapsedSeconds(), String.format(Locale.ROOT, format, args));
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
  }

  // ---------------------------------------------------------------- helpers

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** Full collections until used heap stops shrinking. */
  @SuppressWarnings("SystemGc") // measuring retained heap needs full collections
  private static void gc() {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = usedHeap();
      if (i >= 2 && used >= previous - (1 << 20)) {
        return;
      }
      previous = used;
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  // ---------------------------------------------------------------- options

  /** Which measurements to run. */
  enum Phase {
    GEN,
    HEAP,
    CHECK,
    BATCH,
    PROCESS
  }

  /** Parsed command-line options. */
  @Command(
      sortOptions = false,
      name = "Bench",
      customSynopsis = "java -Xmx12g -cp benchmarks.jar io.deconflict.bench.Bench [options]",
      footer = "Numbers may use _ as a thousands separator inside a list item: 10_000.")
  static final class Options implements BenchOptions.Checked {

    @Option(
        names = "--n",
        paramLabel = "N",
        split = ",",
        converter = PositiveInt.class,
        description = "movement counts for the check latency (default 10000,100000,1000000)")
    int[] checkSizes = {10_000, 100_000, 1_000_000};

    @Option(
        names = "--batch-n",
        paramLabel = "N",
        split = ",",
        converter = PositiveInt.class,
        description = "movement counts for all pairs (default 10000,100000)")
    int[] batchSizes = {10_000, 100_000};

    @Option(
        names = "--heap-n",
        paramLabel = "N",
        converter = PositiveInt.class,
        description = "movement count for the heap measurement (default 1000000)")
    int heapSize = 1_000_000;

    @Option(
        names = "--checks",
        paramLabel = "K",
        converter = PositiveInt.class,
        description = "measured checks per N (default 2000)")
    int checks = 2_000;

    @Option(
        names = "--warmup",
        paramLabel = "W",
        converter = NonNegativeInt.class,
        description = "warm-up checks per N (default 2000)")
    int warmup = 2_000;

    @Option(
        names = "--seed",
        paramLabel = "S",
        converter = WholeNumber.class,
        description = "scenario seed (default 20221008)")
    long seed = 20221008L;

    @Option(
        names = "--only",
        paramLabel = "PHASE",
        split = ",",
        description = "any of gen,heap,check,batch,process (default heap,check,batch)")
    Set<Phase> only = EnumSet.of(Phase.HEAP, Phase.CHECK, Phase.BATCH);

    @Option(names = "--skip-brute", description = "do not run the brute-force reference")
    boolean skipBrute;

    @Option(
        names = "--brute-checks",
        paramLabel = "K",
        converter = PositiveInt.class,
        description = "measured brute-force checks per N (default 2000, at most --checks)")
    int bruteChecks = 2_000;

    @Option(
        names = "--brute-check-max-n",
        paramLabel = "N",
        converter = NonNegativeInt.class,
        description = "largest N for brute-force checks (default 100000)")
    int bruteCheckMaxSize = 100_000;

    @Option(
        names = "--brute-batch-max-n",
        paramLabel = "N",
        converter = NonNegativeInt.class,
        description = "largest N for brute-force all pairs (default 10000)")
    int bruteBatchMaxSize = 10_000;

    @Option(
        names = "--brute-budget-s",
        paramLabel = "S",
        converter = PositiveInt.class,
        description = {
          "skip brute force where loading it is expected to take longer",
          "(quadratic extrapolation; default 1800)"
        })
    int bruteBudgetSeconds = 1_800;

    @Option(
        names = "--batch-reps",
        paramLabel = "R",
        converter = PositiveInt.class,
        description = {
          "indexed all-pairs runs per N, median reported; no more runs",
          "once one took over 60 s (default 3)"
        })
    int batchReps = 3;

    @Option(
        names = "--days",
        paramLabel = "D|scale",
        converter = DaysOrScale.class,
        description = {
          "spread each scenario's movements over D days from 2022-10-08",
          "(default 1); scale: one day per 10,000 movements, which keeps",
          "the traffic density, so the conflicts per check, constant"
        })
    int days = 1; // 0: one day per 10,000 movements

    @Option(
        names = "--threads",
        paramLabel = "T",
        converter = PositiveInt.class,
        description = {
          "threads for the engine's parallel all-pairs run and for the",
          "check process (default: every core)"
        })
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
        names = "--peer",
        description = {
          "also run the PostGIS peer (benchmarks/postgis/peer.sh) on the",
          "same movements, side by side"
        })
    boolean peer;

    @Option(
        names = "--peer-script",
        paramLabel = "PATH",
        description = "the peer script (default benchmarks/postgis/peer.sh)")
    Path peerScript = Path.of("benchmarks/postgis/peer.sh");

    @Option(
        names = "--peer-work",
        paramLabel = "DIR",
        description = "where scenario files go (default $TMPDIR/deconflict-bench)")
    Path peerWork = Path.of(System.getProperty("java.io.tmpdir"), "deconflict-bench");

    @Option(
        names = "--process-n",
        paramLabel = "N",
        split = ",",
        converter = PositiveInt.class,
        description = "movement counts for the whole check process (default 50000)")
    int[] processSizes = {50_000};

    @Option(
        names = "--process-days",
        paramLabel = "D|scale",
        converter = DaysOrScale.class,
        description = "days those movements span (default 30)")
    int processDays = 30;

    @Option(
        names = "--process-statics",
        description = "include the scenario's sites and zones in the process input")
    boolean processStatics;

    @Option(
        names = "--jar",
        paramLabel = "PATH",
        description = "the deconflict jar (default cli/target/deconflict.jar)")
    Path jar = Path.of("cli/target/deconflict.jar");

    @Option(
        names = "--no-threads-flag",
        description = "run check without --threads (for jars from before it existed)")
    boolean noThreadsFlag;

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
      only = only.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(only);
      if (batchSizes.length == 0 && only.contains(Phase.BATCH)) {
        throw new IllegalArgumentException("--batch-n needs at least one size");
      }
    }
  }
}
