package io.deconflict.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Movement;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.snapshot.SnapshotPolicy;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * Measures how long the service takes to start on a journal of ServiceBench's load, with and
 * without the snapshot it took when it stopped: for each {@code --n}, the first {@code N} movements
 * of {@code ScenarioGenerator(seed, N / 10,000)} are notified through the {@link Application} (no
 * HTTP: the journal's content is what matters) by {@code --clients} threads after one agreement per
 * pair of parties sharing positions, and the service is closed (which snapshots the state). Then it
 * is opened twice, each time timing {@link ServiceRuntime#open} from the call to its return: once
 * as {@code serve} opens it (loads the snapshot, replays the tail: nothing), and once with the
 * snapshots hidden (replays every command).
 *
 * <p>Tables go to standard output, progress to standard error. One run per instance.
 */
public final class RestartBench {

  private final Options options;
  private final PrintStream out;
  private final BenchLog log;

  RestartBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = new BenchLog(log);
  }

  /** Runs the benchmark the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Optional<Options> parsed = BenchOptions.parseOrExit("restart bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    new RestartBench(
            parsed.get(), new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err)
        .run();
  }

  void run() throws IOException, InterruptedException {
    out.printf(
        Locale.ROOT,
        "# deconflict restart benchmark%n%n- processors: %d, max heap: %d MiB, load average at"
            + " start: %s%n%n| notifications | journal records | journal MiB | snapshot MiB"
            + " | start with snapshot s (CPU s) | start replaying everything s (CPU s)"
            + " | commands replayed"
            + " | alpha's first picture s | its next picture s |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        Machine.loadAverage());
    for (int n : options.sizes) {
      Path data = Files.createTempDirectory("deconflict-restartbench");
      try {
        measure(n, data);
      } finally {
        Machine.deleteTree(data);
      }
    }
  }

  private void measure(int n, Path data) throws InterruptedException, IOException {
    Officers officers = new Officers(Duration.ofMinutes(1));
    Configuration config = Configuration.parse(officers.configJson(data), Map.of());
    Clock clock = Clock.fixed(ServiceBench.CLOCK, ZoneOffset.UTC);
    int days = Math.max(1, n / 10_000);
    List<Movement> movements = new ScenarioGenerator(options.seed, days).scenario(n).movements();
    log.progress("n=%,d: notifying %,d movements", n, movements.size());
    try (ServiceRuntime runtime = open(config, clock, SnapshotPolicy.DEFAULT, false)) {
      Application app = runtime.application();
      Member operator = config.directory().member("operator").orElseThrow();
      List<String> parties = ScenarioGenerator.PARTIES;
      for (int i = 0; i < parties.size(); i++) {
        for (int j = i + 1; j < parties.size(); j++) {
          ObjectNode body = Json.object();
          body.putArray("parties").add(parties.get(i)).add(parties.get(j));
          body.putObject("sharing")
              .put(parties.get(i), "positions")
              .put(parties.get(j), "positions");
          app.submit(operator, Deconfliction.AGREEMENT_SET, body);
        }
      }
      AtomicInteger next = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < options.clients; t++) {
        Thread thread =
            new Thread(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < movements.size();
                      i = next.getAndIncrement()) {
                    Movement m = movements.get(i);
                    Member officer =
                        config.directory().member(m.party() + "-officer").orElseThrow();
                    ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
                    try {
                      body.set("feature", Json.MAPPER.readTree(ServiceBench.feature(m.id(), m, 0)));
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                    app.submit(officer, Deconfliction.ITEM_NOTIFY, body);
                  }
                },
                "load-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
      log.progress("n=%,d: %,d journal records; stopping (snapshot)", n, app.lastSeq());
    }
    long records;
    long snapshotBytes;
    try (SqliteJournal j = SqliteJournal.open(ServiceRuntime.journalFile(data))) {
      records = j.lastSeq();
      long seq = j.snapshots().orElseThrow().positions().get(0);
      snapshotBytes = j.snapshots().orElseThrow().load(seq).snapshot().orElseThrow().stateLength();
    }
    double withSnapshot = timeOpen(config, clock, false);
    double without = timeOpen(config, clock, true);
    long journalBytes;
    try (var files = Files.walk(data)) {
      journalBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    out.printf(
        Locale.ROOT,
        "| %,d | %,d | %.0f | %.1f | %.2f (%.2f) | %.2f (%.2f) | %,d | %.2f | %.3f |%n",
        n,
        records,
        journalBytes / 1048576.0,
        snapshotBytes / 1048576.0,
        withSnapshot,
        cpuWith,
        without,
        cpuWithout,
        replayed,
        firstPicture,
        nextPicture);
  }

  private long replayed;
  private double firstPicture;
  private double cpuWith;
  private double cpuWithout;
  private double nextPicture;

  /** Seconds to open the service: with its snapshots, or with them hidden. */
  private double timeOpen(Configuration config, Clock clock, boolean hideSnapshots) {
    System.gc();
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (ServiceRuntime runtime =
        open(config, clock, new SnapshotPolicy(0, Duration.ZERO, 2, false), hideSnapshots)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      if (hideSnapshots) {
        cpuWithout = cpu;
        replayed = runtime.application().replayedCommands();
      } else {
        cpuWith = cpu;
        // the sign-in picture of one party: the first asks fold the journal, later ones do not
        Member alpha = config.directory().member("alpha-officer").orElseThrow();
        long p0 = System.nanoTime();
        byte[] first = runtime.application().picture(alpha, Language.EN, Integer.MAX_VALUE);
        firstPicture = (System.nanoTime() - p0) / 1e9;
        int alerts = alertsIn(first);
        long p1 = System.nanoTime();
        int bytes = runtime.application().picture(alpha, Language.EN, Integer.MAX_VALUE).length;
        nextPicture = (System.nanoTime() - p1) / 1e9;
        log.progress(
            "alpha's picture (%,d alerts, %,d bytes): first %.2f s, then %.3f s with its JSON",
            alerts, bytes, firstPicture, nextPicture);
      }
      log.progress(
          "opened %s the snapshot in %.2f s, %.2f s of the opening thread's processor time"
              + " (%,d commands replayed)",
          hideSnapshots ? "without" : "with",
          seconds,
          cpu,
          runtime.application().replayedCommands());
      return seconds;
    }
  }

  /**
   * The service over the configuration's journal; with {@code hide}, over a journal whose snapshots
   * are not offered (so every command is replayed).
   */
  private static ServiceRuntime open(
      Configuration config, Clock clock, SnapshotPolicy policy, boolean hide) {
    if (!hide) {
      return ServiceRuntime.open(
          config.dataDirectory(), config.directory(), config.defaults(), clock, 3_600_000, policy);
    }
    try {
      Files.createDirectories(config.dataDirectory());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SqliteJournal journal = SqliteJournal.open(ServiceRuntime.journalFile(config.dataDirectory()));
    Journal withoutSnapshots =
        new Journal() {
          @Override
          public List<JournalRecord> append(List<Entry> entries) {
            return journal.append(entries);
          }

          @Override
          public List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries) {
            return journal.appendAfter(expectedLastSeq, entries);
          }

          @Override
          public void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
            journal.read(fromSeq, toSeq, sink);
          }

          @Override
          public long lastSeq() {
            return journal.lastSeq();
          }

          @Override
          public void close() {
            journal.close();
          }
        };
    return ServiceRuntime.open(
        withoutSnapshots,
        config.directory(),
        config.defaults(),
        clock,
        3_600_000,
        Application.DEFAULT_MAX_COMMIT_BYTES);
  }

  /** Parsed command-line options. */
  static final class Options implements BenchOptions.Checked {

    @Option(
        names = "--n",
        paramLabel = "N",
        split = ",",
        converter = PositiveInt.class,
        description = "journal sizes, in notifications (default 10000,100000)")
    List<Integer> sizes = List.of(10_000, 100_000);

    @Option(
        names = "--clients",
        paramLabel = "C",
        converter = PositiveInt.class,
        description = "threads notifying (default 32)")
    int clients = 32;

    @Option(names = "--seed", paramLabel = "SEED", description = "scenario seed (default 1)")
    long seed = 1;

    @Override
    public void check() {}

    @Override
    public String toString() {
      return "--n " + sizes + " --clients " + clients + " --seed " + seed;
    }
  }

  private static int alertsIn(byte[] picture) {
    try {
      return Json.MAPPER.readTree(picture).path("alerts").size();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
