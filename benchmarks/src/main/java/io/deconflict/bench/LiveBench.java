package io.deconflict.bench;

import static io.deconflict.bench.Figures.count;
import static io.deconflict.bench.Figures.ms;

import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.LiveTracker;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveDouble;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import io.deconflict.testkit.options.BenchOptions.WholeNumber;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures live tracking: position reports through the engine's {@link LiveTracker} alone ({@link
 * EngineThroughput}, with the {@link AllPairsBaseline} beside it at up to 10,000 units), the same
 * kind of reports through the whole service over HTTP ({@link EndToEnd}), and the time from a
 * report that creates an encounter to the alert on the other party's event stream ({@link
 * AlertProbes}, idle and under the end-to-end load). The reports come from a {@link LiveFleet}:
 * {@code N} units of the five {@link ScenarioGenerator#PARTIES}, each reporting once per round of 5
 * s of simulated time.
 *
 * <p>This class is the command: it reads the options, runs the parts {@code --only} asks for and
 * prints the environment, the fleet and the targets around their tables. Clients and server share
 * the JVM and the machine's cores. Tables go to standard output, progress to standard error. Not
 * thread-safe; one run per instance.
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

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final long LATENCY_TARGET_NANOS = 100_000_000;

  private final Options options;
  private final PrintStream out;
  private final BenchLog log;
  private final Officers officers = new Officers(REQUEST_TIMEOUT);

  LiveBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = new BenchLog(log);
  }

  /** Runs the benchmark the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Optional<Options> parsed = BenchOptions.parseOrExit("live bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new LiveBench(parsed.get(), out, System.err).run();
    System.exit(0); // the HTTP client's selector threads would keep the JVM a while
  }

  /**
   * Everything one run measured.
   *
   * @param engine engine rows, in the order measured
   * @param http the end-to-end measurement, if it ran
   */
  record Result(List<EngineThroughput.EngineRow> engine, Optional<EndToEnd.Http> http) {}

  Result run() throws IOException, InterruptedException {
    printEnvironment();
    log.progress("building the fleet of %,d units (seed %d)", options.units, options.seed);
    LiveFleet fleet = new LiveFleet(options.seed, options.units);
    printSetup(fleet);
    List<EngineThroughput.EngineRow> engine = new ArrayList<>();
    if (options.only.contains(Phase.ENGINE)) {
      EngineThroughput throughput = new EngineThroughput(options, log);
      engine = throughput.measure(fleet);
      throughput.print(out, engine);
    }
    Optional<EndToEnd.Http> http = Optional.empty();
    if (options.only.contains(Phase.HTTP) || options.only.contains(Phase.LATENCY)) {
      EndToEnd endToEnd = new EndToEnd(options, log, officers);
      http = Optional.of(endToEnd.measure(fleet));
      endToEnd.print(out, http.get());
    }
    printTargets(engine, http);
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
    return new Result(engine, http);
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
        Machine.loadAverage());
  }

  private void printSetup(LiveFleet fleet) {
    double roadKm = fleet.roadMeters() / 1000;
    out.printf(
        Locale.ROOT,
        "## Fleet%n%n"
            + "| units | on the roads | off-road | parties | road network | on-road units per km"
            + " of road | report interval | look-ahead | separation |%n"
            + "|---:|---:|---:|---:|---|---:|---|---|---:|%n"
            + "| %s | %s | %s | %d | %d towns, %,.0f km | %.1f | %d s | %d min | %.0f m |%n%n",
        count(fleet.size()),
        count(fleet.onRoad()),
        count(fleet.size() - fleet.onRoad()),
        ScenarioGenerator.PARTIES.size(),
        ScenarioGenerator.TOWNS,
        roadKm,
        fleet.onRoad() / roadKm,
        ROUND_MILLIS / 1000,
        SETTINGS.lookAhead().toMinutes(),
        SETTINGS.defaultSeparationMeters());
  }

  private void printTargets(List<EngineThroughput.EngineRow> engine, Optional<EndToEnd.Http> http) {
    out.println("## Targets\n");
    out.println("| target | measured | met? |");
    out.println("|---|---|---|");
    for (EngineThroughput.EngineRow r : engine) {
      if (r.path().startsWith("LiveTracker") && r.units() == options.units) {
        out.printf(
            Locale.ROOT,
            "| engine ≥ 1,000,000 reports/s at 100,000 units | %,.0f reports/s at %s units |"
                + " %s |%n",
            r.reportsPerSecond(),
            count(r.units()),
            met(r.reportsPerSecond() >= 1_000_000, r.units()));
      }
    }
    if (http.isPresent()) {
      EndToEnd.Http h = http.get();
      if (options.only.contains(Phase.HTTP)) {
        out.printf(
            Locale.ROOT,
            "| end to end ≥ 100,000 reports/s | %,.0f reports/s at %s units | %s |%n",
            h.reportsPerSecond(),
            count(h.units()),
            met(h.reportsPerSecond() >= 100_000, h.units()));
      }
      if (options.only.contains(Phase.LATENCY)) {
        Map<String, AlertProbes.Probes> phases = new LinkedHashMap<>();
        phases.put("idle", h.idle());
        phases.put("under load", h.loaded());
        for (Map.Entry<String, AlertProbes.Probes> e : phases.entrySet()) {
          AlertProbes.Probes p = e.getValue();
          boolean all = p.probes() > 0 && p.received() == p.probes();
          out.printf(
              Locale.ROOT,
              "| alert latency p99 < 100 ms, %s | %s ms over %d of %d probes | %s |%n",
              e.getKey(),
              ms(p.delay(), p.delay().p99Nanos()),
              p.received(),
              p.probes(),
              all ? met(p.delay().p99Nanos() < LATENCY_TARGET_NANOS, h.units()) : "**no**");
        }
      }
    }
    out.println();
  }

  private String met(boolean ok, int units) {
    String verdict = ok ? "yes" : "**no**";
    return units == 100_000 ? verdict : verdict + " (at " + count(units) + " units)";
  }

  // ---------------------------------------------------------------- options

  /** What a run measures. */
  enum Phase {
    ENGINE,
    HTTP,
    LATENCY,
    /** The web map's sign-in in headless Chromium after the HTTP load (not in the default set). */
    BROWSER
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
        names = "--dead-reckoning",
        paramLabel = "on|off",
        description =
            "the engine run's dead reckoning, LiveSettings' default tolerances (default on)")
    String deadReckoning = "on";

    @Option(
        names = "--only",
        paramLabel = "P",
        split = ",",
        description =
            "engine, http, latency and/or browser (default the first three; browser signs in to"
                + " the web map after the HTTP load, from the repository's directory)")
    Set<Phase> only = EnumSet.of(Phase.ENGINE, Phase.HTTP, Phase.LATENCY);

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
      if (!deadReckoning.equals("on") && !deadReckoning.equals("off")) {
        throw new IllegalArgumentException(
            "--dead-reckoning must be on or off, got " + deadReckoning);
      }
    }

    /** The engine run's settings: {@link LiveBench#SETTINGS} with dead reckoning on or off. */
    LiveSettings engineSettings() {
      return deadReckoning.equals("on")
          ? SETTINGS
          : SETTINGS.withDeadReckoning(LiveSettings.DeadReckoning.OFF);
    }

    @Override
    public String toString() {
      List<String> phases = new ArrayList<>();
      only.forEach(p -> phases.add(p.name().toLowerCase(Locale.ROOT)));
      return String.format(
          Locale.ROOT,
          "--units %d --seconds %d --batch %s --clients %d --probes %d --speedup %s --seed %d"
              + " --dead-reckoning %s --only %s",
          units,
          seconds,
          batch > 0 ? Integer.toString(batch) : "default",
          clients,
          probes,
          speedup,
          seed,
          deadReckoning,
          String.join(",", phases));
    }
  }
}
