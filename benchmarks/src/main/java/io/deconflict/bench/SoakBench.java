package io.deconflict.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.Queries;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.snapshot.SnapshotPolicy;
import io.deconflict.testkit.clock.SettableClock;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Option;

/**
 * A soak of live tracks in simulated time (issue 16's soak target): {@code --units} units of {@link
 * LiveFleet} report once per {@code --every} of simulated time through the {@link Application} (no
 * HTTP: the state and the journal are what is measured), on a clock the bench moves forward, for
 * {@code --hours}. Units come and go: every {@code --lifetime} (at a phase of its own) a unit takes
 * a new id and the old one falls silent, so silent units, ended encounters and resolved alerts pile
 * up unless retention ({@code --keep}) lets them go. Every {@code --sample} of simulated time the
 * heap used after full collections is measured with the state's counts; at each of {@code
 * --restart-at} (hours) the service is stopped (it snapshots) and started again, the start timed as
 * {@code serve} does it (loads the snapshot, replays the records after it), and then until alpha's
 * officer gets a sign-in picture (1,000 alerts in full, as the web map asks), which waits for the
 * start's fold of the pictures.
 *
 * <p>Tables go to standard output, progress to standard error. One run per instance.
 */
public final class SoakBench {

  private final Options options;
  private final PrintStream out;
  private final BenchLog log;
  private final ExecutorService senders = Executors.newFixedThreadPool(8);

  SoakBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = new BenchLog(log);
  }

  /** Runs the soak the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws IOException {
    Optional<Options> parsed = BenchOptions.parseOrExit("soak bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    new SoakBench(
            parsed.get(), new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err)
        .run();
  }

  void run() throws IOException {
    Path data = Files.createTempDirectory("deconflict-soakbench");
    try {
      soak(data);
    } finally {
      senders.shutdownNow();
      Machine.deleteTree(data);
    }
  }

  private void soak(Path data) {
    Officers officers = new Officers(Duration.ofMinutes(1));
    Configuration config = Configuration.parse(officers.configJson(data), Map.of());
    Retention retention = new Retention(options.keep);
    SettableClock clock = SettableClock.at(LiveBench.T0);
    LiveFleet fleet = new LiveFleet(options.seed, options.units);
    out.printf(
        Locale.ROOT,
        "# deconflict soak benchmark%n%n- %s%n- processors: %d, max heap: %d MiB, load average at"
            + " start: %s%n%n| simulated h | reports | journal records | heap after GC MiB"
            + " | alerts in memory | units in memory | wall s since start | process CPU s |"
            + " restart s (CPU s) |%n|---:|---:|---:|---:|---:|---:|---:|---:|---|%n",
        options,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        Machine.loadAverage());
    ServiceRuntime runtime = open(config, clock, retention);
    agreements(runtime.application(), config);
    long everyMillis = options.every.toMillis();
    long rounds = options.hours * 3_600_000L / everyMillis;
    long sampleRounds = Math.max(1, options.sample.toMillis() / everyMillis);
    Set<Integer> restarts = new TreeSet<>(options.restartAt);
    long reports = 0;
    long started = System.nanoTime();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = processCpuNanos();
    int[][] batches = batches(fleet, options.batch);
    for (long round = 0; round <= rounds; round++) {
      long t = round * everyMillis;
      clock.set(LiveBench.T0.plusMillis(t + everyMillis));
      Application app = runtime.application();
      for (int[] b : batches) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("reports");
        for (int k = b[0]; k < b[1]; k++) {
          report(fleet, k, t + (k * 997L) % everyMillis, list);
        }
        Member officer =
            config.directory().member(fleet.partyName(b[0]) + "-officer").orElseThrow();
        app.submit(officer, ReportPositions.TYPE, body);
        reports += b[1] - b[0];
      }
      if (round > 0 && round % sampleRounds == 0) {
        int hour = (int) (t / 3_600_000L);
        String restart = "";
        if (restarts.contains(hour) && t % 3_600_000L < everyMillis * sampleRounds) {
          runtime.close();
          long c0 = threads.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          runtime = open(config, clock, retention);
          double opened = (System.nanoTime() - w0) / 1e9;
          double openedCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
          // a member signing in right after the start waits for its audience's picture
          Member alpha = config.directory().member("alpha-officer").orElseThrow();
          runtime.application().picture(alpha, Language.EN, 1000);
          restart =
              String.format(
                  Locale.ROOT,
                  "%.2f (%.2f), %,d commands replayed; alpha's first picture %.2f s after the"
                      + " start",
                  opened,
                  openedCpu,
                  runtime.application().replayedCommands(),
                  (System.nanoTime() - w0) / 1e9);
        }
        long heap = Machine.collectedHeap() >> 20;
        Application now = runtime.application();
        int alerts = now.read(Queries::alertsInMemory);
        int units = now.read(Queries::unitsInMemory);
        out.printf(
            Locale.ROOT,
            "| %.1f | %,d | %,d | %,d | %,d | %,d | %.0f | %.0f | %s |%n",
            t / 3_600_000.0,
            reports,
            now.lastSeq(),
            heap,
            alerts,
            units,
            (System.nanoTime() - started) / 1e9,
            (processCpuNanos() - cpu0) / 1e9,
            restart);
        log.progress(
            "simulated %.1f h: heap %,d MiB, %,d alerts and %,d units in memory, load %s",
            t / 3_600_000.0, heap, alerts, units, Machine.loadAverage());
      }
    }
    runtime.close();
  }

  /** The process's processor time, all threads (the garbage collector's included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One report of unit {@code k} at {@code millis} after T0, under its id of that generation. */
  private void report(LiveFleet fleet, int k, long millis, ArrayNode list) {
    double[] s = new double[4];
    fleet.state(k, millis / 1000.0, s);
    long lifetime = options.lifetime.toMillis();
    long generation = (millis + (k * 7_919_777L) % lifetime) / lifetime;
    list.addObject()
        .put("unit", fleet.id(k) + "g" + generation)
        .put("time", LiveBench.T0.plusMillis(millis).toString())
        .put("lon", s[0])
        .put("lat", s[1])
        .put("course", s[2])
        .put("speed", s[3]);
  }

  /** Ranges of at most {@code batch} consecutive units of one party: {from, to}. */
  private static int[][] batches(LiveFleet fleet, int batch) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (from < fleet.size()) {
      int to = from;
      while (to < fleet.size() && to - from < batch && fleet.party(to) == fleet.party(from)) {
        to++;
      }
      out.add(new int[] {from, to});
      from = to;
    }
    return out.toArray(new int[0][]);
  }

  private static void agreements(Application app, Configuration config) {
    Member operator = config.directory().member("operator").orElseThrow();
    List<String> parties = io.deconflict.bench.ScenarioGenerator.PARTIES;
    for (int i = 0; i < parties.size(); i++) {
      for (int j = i + 1; j < parties.size(); j++) {
        ObjectNode body = Json.object();
        body.putArray("parties").add(parties.get(i)).add(parties.get(j));
        body.putObject("sharing").put(parties.get(i), "positions").put(parties.get(j), "positions");
        app.submit(operator, Deconfliction.AGREEMENT_SET, body);
      }
    }
  }

  private ServiceRuntime open(Configuration config, SettableClock clock, Retention retention) {
    return ServiceRuntime.open(
        config.dataDirectory(),
        config.directory(),
        config.defaults(),
        clock,
        3_600_000,
        new SnapshotPolicy(1_000_000, Duration.ofHours(1), 2, true),
        retention);
  }

  /** Parsed command-line options. */
  static final class Options implements BenchOptions.Checked {

    @Option(names = "--units", paramLabel = "N", converter = PositiveInt.class)
    int units = 3_000;

    @Option(names = "--hours", paramLabel = "H", converter = PositiveInt.class)
    int hours = 24;

    @Option(names = "--every", paramLabel = "DURATION", description = "report interval")
    Duration every = Duration.ofMinutes(1);

    @Option(names = "--keep", paramLabel = "DURATION", description = "retention.keep")
    Duration keep = Duration.ofHours(2);

    @Option(names = "--lifetime", paramLabel = "DURATION", description = "a unit id's life")
    Duration lifetime = Duration.ofHours(4);

    @Option(names = "--sample", paramLabel = "DURATION", description = "heap sample interval")
    Duration sample = Duration.ofHours(1);

    @Option(
        names = "--restart-at",
        paramLabel = "HOURS",
        split = ",",
        description = "simulated hours at which to restart")
    List<Integer> restartAt = List.of(6, 12, 18, 24);

    @Option(names = "--batch", paramLabel = "B", converter = PositiveInt.class)
    int batch = 2_000;

    @Option(names = "--seed", paramLabel = "SEED")
    long seed = 1;

    @Override
    public void check() {
      if (every.isNegative() || every.isZero() || every.compareTo(Duration.ofMinutes(2)) >= 0) {
        throw new IllegalArgumentException("--every must be positive and under PT2M (stale)");
      }
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "--units %d --hours %d --every %s --keep %s --lifetime %s --sample %s --restart-at %s"
              + " --batch %d --seed %d",
          units,
          hours,
          every,
          keep,
          lifetime,
          sample,
          restartAt,
          batch,
          seed);
    }
  }
}
