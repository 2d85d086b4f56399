package io.deconflict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Movement;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Member;
import io.deconflict.service.review.IsoWeek;
import io.deconflict.testkit.clock.SettableClock;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Option;

/**
 * Measures what a weekly review (D42) costs on a long journal: {@code --n} movements of {@code
 * ScenarioGenerator(seed, days)} over {@code --days} days, five parties with an agreement per pair
 * (sharing positions), each movement notified through the {@link Application} two days before it
 * starts (the clock set to that hour, an hour's notifications by {@code --clients} threads), so the
 * journal's times span the days as a real one's do. Then the review of alpha–bravo's agreement for
 * the week in the middle is asked for as alpha, again (kept: the week is over), and as the
 * operators, each timed on its own.
 *
 * <p>Tables go to standard output, progress to standard error. One run per instance.
 */
public final class ReviewBench {

  private final Options options;
  private final PrintStream out;
  private final BenchLog log;

  ReviewBench(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = new BenchLog(log);
  }

  /** Runs the benchmark the arguments describe; {@code --help} lists the options. */
  public static void main(String[] args) throws Exception {
    Optional<Options> parsed = BenchOptions.parseOrExit("review bench", new Options(), args);
    if (parsed.isEmpty()) {
      return;
    }
    new ReviewBench(
            parsed.get(), new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err)
        .run();
  }

  void run() throws Exception {
    Path data = Files.createTempDirectory("deconflict-reviewbench");
    try {
      measure(data);
    } finally {
      Machine.deleteTree(data);
    }
  }

  private void measure(Path data) throws Exception {
    Officers officers = new Officers(Duration.ofMinutes(1));
    Configuration config = Configuration.parse(officers.configJson(data), Map.of());
    List<Movement> movements =
        new ArrayList<>(
            new ScenarioGenerator(options.seed, options.days).scenario(options.n).movements());
    movements.sort(Comparator.comparing(Movement::start));
    Instant first = movements.get(0).start().minus(Duration.ofDays(2));
    SettableClock clock = SettableClock.at(first.minus(Duration.ofHours(1)));
    Instant middle = first.plus(Duration.ofDays(options.days / 2 + 2));
    IsoWeek week = IsoWeek.of(middle);
    log.progress("notifying %,d movements over %d days", movements.size(), options.days);
    ExecutorService pool = Executors.newFixedThreadPool(options.clients);
    try (ServiceRuntime runtime =
        ServiceRuntime.open(
            config.dataDirectory(), config.directory(), config.defaults(), clock, 3_600_000)) {
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
      int i = 0;
      while (i < movements.size()) {
        Instant hour =
            movements
                .get(i)
                .start()
                .minus(Duration.ofDays(2))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        clock.advanceTo(hour);
        List<Future<JsonNode>> done = new ArrayList<>();
        while (i < movements.size()
            && movements
                .get(i)
                .start()
                .minus(Duration.ofDays(2))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .equals(hour)) {
          Movement m = movements.get(i++);
          Member officer = config.directory().member(m.party() + "-officer").orElseThrow();
          ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
          body.set("feature", Json.MAPPER.readTree(ServiceBench.feature(m.id(), m, 0)));
          done.add(pool.submit(() -> app.submit(officer, Deconfliction.ITEM_NOTIFY, body)));
        }
        for (Future<JsonNode> f : done) {
          f.get();
        }
      }
      clock.advanceTo(movements.get(movements.size() - 1).end().plus(Duration.ofDays(1)));
      app.submit(
          config.directory().member("alpha-officer").orElseThrow(),
          Deconfliction.HOTLINE_POST,
          Json.object().put("thread", "pair:alpha:bravo").put("text", "end of the run"));
      long records = app.lastSeq();
      long bytes = Files.size(ServiceRuntime.journalFile(data));
      log.progress("%,d records; reviewing %s", records, week);
      Member alpha = config.directory().member("alpha-officer").orElseThrow();
      System.gc();
      double firstSeconds = time(() -> app.review(alpha, "ag-1", week));
      JsonNode review = app.review(alpha, "ag-1", week);
      double keptSeconds = time(() -> app.review(alpha, "ag-1", week));
      double operatorSeconds = time(() -> app.review(operator, "ag-1", week));
      out.printf(
          Locale.ROOT,
          "# deconflict review benchmark%n%n- processors: %d, max heap: %d MiB, load average: %s"
              + "%n- %s%n%n| movements | days | journal records | journal MiB | week | its"
              + " position | alpha's conflicts | review as alpha s | again (kept) s | as the"
              + " operators s |%n|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|%n"
              + "| %,d | %d | %,d | %.0f | %s | %,d | %,d | %.2f | %.4f | %.2f |%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20,
          Machine.loadAverage(),
          options,
          movements.size(),
          options.days,
          records,
          bytes / 1048576.0,
          week,
          review.path("position").asLong(),
          review.path("conflicts").path("total").asInt(),
          firstSeconds,
          keptSeconds,
          operatorSeconds);
    } finally {
      pool.shutdownNow();
    }
  }

  private static double time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Parsed command-line options. */
  static final class Options implements BenchOptions.Checked {

    @Option(
        names = "--n",
        paramLabel = "N",
        converter = PositiveInt.class,
        description = "movements (default 50000)")
    int n = 50_000;

    @Option(
        names = "--days",
        paramLabel = "D",
        converter = PositiveInt.class,
        description = "days they are spread over (default 30)")
    int days = 30;

    @Option(
        names = "--clients",
        paramLabel = "C",
        converter = PositiveInt.class,
        description = "threads notifying (default 16)")
    int clients = 16;

    @Option(names = "--seed", paramLabel = "SEED", description = "scenario seed (default 1)")
    long seed = 1;

    @Override
    public void check() {}

    @Override
    public String toString() {
      return "--n " + n + " --days " + days + " --clients " + clients + " --seed " + seed;
    }
  }
}
