package io.deconflict.cli.check;

import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.Terminal;
import io.deconflict.cli.VersionProvider;
import io.deconflict.cli.report.Format;
import io.deconflict.cli.report.Inventory;
import io.deconflict.cli.report.JointParties;
import io.deconflict.cli.report.JsonReport;
import io.deconflict.cli.report.Lapses;
import io.deconflict.cli.report.TextReport;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.resolve.Resolver;
import io.deconflict.engine.resolve.Shifts;
import io.deconflict.geojson.FeatureCollectionReader;
import io.deconflict.geojson.InvalidInputException;
import io.deconflict.geojson.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict check FILE}: reads a GeoJSON FeatureCollection of movements, sites and zones,
 * validates all of it, and prints every conflict between items of different parties.
 *
 * <p>The input and output contracts and the exit codes are in {@code docs/formats.md}. Nothing is
 * written to standard output unless the whole input is valid.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks a GeoJSON FeatureCollection of movements, sites and zones and prints every"
          + " conflict between items of different parties.",
      "The input format is described in docs/formats.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no conflict",
      "1:conflicts found",
      "2:invalid input, unreadable file or bad option; nothing on standard output",
      "3:internal error"
    })
public final class CheckCommand implements Callable<Integer> {

  /** Most threads {@code --threads} accepts. */
  static final int MAX_THREADS = 256;

  /** Items handed to the detector per {@link Detector#load} call, between progress reports. */
  static final int BATCH_SIZE = 2_000;

  private static final String STDIN = "-";

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The GeoJSON file to check, or - for standard input.")
  private String file = STDIN;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json (default): one JSON document; text: a table for people.")
  private Format format = Format.JSON;

  @Option(
      names = "--separation",
      paramLabel = "METRES",
      defaultValue = "1000",
      description =
          "Separation in metres of movements that state no separationMeters"
              + " (default: ${DEFAULT-VALUE}).")
  private double separationMeters = ReadOptions.DEFAULT_SEPARATION_METERS;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads for detection; 0 (the default) uses every core. The output is the same for any"
              + " number.",
      defaultValue = "${sys:deconflict.check.threads:-0}")
  private int threads;

  @Option(
      names = "--reconfirm-every",
      paramLabel = "DURATION",
      description =
          "Sites and zones must have been reconfirmed within this ISO-8601 period (P7D) as of"
              + " --at; those whose properties.confirmedAt is older, or absent, lapsed: their"
              + " conflicts are marked lapsed.")
  private @Nullable String reconfirmEvery;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description =
          "The UTC instant (2026-03-08T06:00:00Z) at which --reconfirm-every judges lapses"
              + " (default: now).")
  private @Nullable String at;

  @Option(
      names = "--propose",
      description =
          "Adds to each conflict the smallest delay and advance of each movement's start, whole"
              + " seconds within 24 h either way, after which it conflicts with nothing in the"
              + " input (JSON: proposals; text: a list after the table). See docs/formats.md.")
  private boolean propose;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  private final Terminal terminal;

  /** A check command reading standard input from, and drawing progress on, {@code terminal}. */
  public CheckCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws IOException {
    long startNanos = terminal.nanoTime().getAsLong();
    if (!(separationMeters > 0) || separationMeters > Movement.MAX_SEPARATION_METERS) {
      throw new ParameterException(
          spec.commandLine(),
          "--separation must be more than 0 and at most "
              + (long) Movement.MAX_SEPARATION_METERS
              + " metres, got "
              + separationMeters);
    }
    if (threads == 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new ParameterException(
          spec.commandLine(),
          "--threads must be between 1 and " + MAX_THREADS + ", got " + threads);
    }
    Optional<Reconfirm> reconfirm = reconfirm();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, terminal.interactive(), terminal.nanoTime(), startNanos);
    Loader loader = new Loader(Detectors.indexed(), reconfirm.isPresent(), propose);
    try {
      read(progress, loader);
      loader.flush();
    } catch (InvalidInputException e) {
      progress.finish();
      err.println("error: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (UnreadableException e) {
      progress.finish();
      err.println("error: cannot read " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    PrintWriter out = spec.commandLine().getOut();
    Lapses lapses = reconfirm.map(loader::lapses).orElse(Lapses.NONE);
    long found = detect(loader, threads, progress, out, lapses, loader.joint());
    out.flush();
    return found == 0 ? ExitCodes.OK : ExitCodes.CONFLICTS;
  }

  /**
   * Takes the items as the reader validates them and loads them into the detector in batches, so
   * that the parsed items never pile up; counts them by kind for the text report.
   */
  private static final class Loader implements Consumer<Item> {
    final Detector detector;
    final List<Item> batch = new ArrayList<>(BATCH_SIZE);
    final boolean reconfirm;
    final Map<String, Instant> confirmedAt = new HashMap<>();
    final Map<String, Instant> validUntil = new HashMap<>();
    final Map<String, List<String>> joint = new HashMap<>();
    final Map<String, Item> items = new HashMap<>();
    final boolean keepItems;
    long movements;
    long sites;
    long zones;

    Loader(Detector detector, boolean reconfirm, boolean keepItems) {
      this.detector = detector;
      this.reconfirm = reconfirm;
      this.keepItems = keepItems;
    }

    /**
     * The proposals of a conflict (D41), each movement's computed once; call only once the search
     * is done (the index is the detector's).
     */
    List<Shifts> proposals(Conflict c, Map<String, Shifts> known) {
      List<Shifts> out = new ArrayList<>();
      for (String id : List.of(c.a(), c.b())) {
        Item item = items.get(id);
        if (item instanceof Movement m) {
          out.add(
              known.computeIfAbsent(
                  id,
                  k ->
                      Resolver.shifts(
                          m, detector, i -> Optional.ofNullable(items.get(i)), Resolver.HORIZON)));
        }
      }
      return out;
    }

    @Override
    public void accept(Item item) {
      if (item instanceof Movement m) {
        movements++;
        if (m.isJoint()) {
          joint.put(m.id(), m.participants().stream().map(Participant::party).toList());
        }
      } else if (item instanceof Site site) {
        sites++;
        if (reconfirm) {
          validUntil.put(site.id(), site.validity().until());
        }
      } else {
        zones++;
        if (reconfirm && item instanceof Zone zone) {
          validUntil.put(zone.id(), zone.validity().until());
        }
      }
      batch.add(item);
      if (keepItems) {
        items.put(item.id(), item);
      }
      if (batch.size() == BATCH_SIZE) {
        flush();
      }
    }

    void flush() {
      detector.load(batch);
      batch.clear();
    }

    JointParties joint() {
      return new JointParties(joint);
    }

    Inventory inventory() {
      return new Inventory(movements, sites, zones);
    }

    /**
     * The sites and zones lapsed at {@code r.at()}: confirmed longer than {@code r.every()} before,
     * or never said to be, unless their validity ended by then (as the service judges, D36).
     */
    Lapses lapses(Reconfirm r) {
      Map<String, Optional<Instant>> lapsed = new HashMap<>();
      validUntil.forEach(
          (id, until) -> {
            if (!r.at().isBefore(until)) {
              return;
            }
            Instant confirmed = confirmedAt.get(id);
            if (confirmed == null) {
              lapsed.put(id, Optional.empty());
            } else if (!r.at().isBefore(confirmed.plus(r.every()))) {
              lapsed.put(id, Optional.of(confirmed.plus(r.every())));
            }
          });
      return new Lapses(lapsed);
    }
  }

  /** The reconfirmation asked for: the period, and the instant lapses are judged at. */
  private record Reconfirm(Duration every, Instant at) {}

  private Optional<Reconfirm> reconfirm() {
    if (reconfirmEvery == null) {
      if (at != null) {
        throw new ParameterException(
            spec.commandLine(), "--at is the instant --reconfirm-every judges at; give both");
      }
      return Optional.empty();
    }
    Duration every;
    try {
      every = Duration.parse(reconfirmEvery);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--reconfirm-every must be an ISO-8601 duration such as P7D, got \""
              + reconfirmEvery
              + "\"");
    }
    if (every.isNegative() || every.isZero()) {
      throw new ParameterException(
          spec.commandLine(), "--reconfirm-every must be positive, got " + reconfirmEvery);
    }
    Instant when;
    try {
      when = at == null ? Instant.now() : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--at must be a UTC instant such as 2026-03-08T06:00:00Z, got \"" + at + "\"");
    }
    return Optional.of(new Reconfirm(every, when));
  }

  private void read(Progress progress, Loader loader) throws UnreadableException {
    ReadOptions options = ReadOptions.withSeparation(separationMeters);
    FeatureCollectionReader reader = new FeatureCollectionReader(options);
    if (file.equals(STDIN)) {
      try {
        reader.read(
            terminal.stdin(),
            bytes -> progress.update("reading", bytes, 0, "MiB"),
            loader,
            loader.confirmedAt::put);
        return;
      } catch (IOException e) {
        throw new UnreadableException("standard input: " + reason(e), e);
      }
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UnreadableException(file + ": not a valid path: " + e.getReason(), e);
    }
    if (Files.isDirectory(path)) {
      throw new UnreadableException(file + ": it is a directory", null);
    }
    try (InputStream in = Files.newInputStream(path)) {
      long size = Files.size(path);
      if (size > options.maxBytes()) {
        throw reader.tooLarge();
      }
      reader.read(
          in,
          bytes -> progress.update("reading", bytes, size, "MiB"),
          loader,
          loader.confirmedAt::put);
    } catch (NoSuchFileException e) {
      throw new UnreadableException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new UnreadableException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new UnreadableException(file + ": " + reason(e), e);
    }
  }

  /**
   * Runs the detector's conflict search on {@code threads} threads (the engine itself stays
   * single-threaded; the answer is the same for any number) and writes the report. JSON is written
   * a window of chunks at a time as the search hands them on in order, so memory never holds every
   * conflict; the text table needs its column widths, so it collects them all first. Returns the
   * number of conflicts.
   */
  private long detect(
      Loader loader,
      int threads,
      Progress progress,
      PrintWriter out,
      Lapses lapses,
      JointParties joint)
      throws IOException {
    ConflictSearch search = loader.detector.search(threads);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      int parts = search.parts();
      List<Callable<Object>> searches = new ArrayList<>();
      AtomicInteger done = new AtomicInteger();
      for (int p = 0; p < parts; p++) {
        int part = p;
        searches.add(
            () -> {
              search.search(part);
              synchronized (progress) {
                progress.update("checking", done.incrementAndGet(), parts, "parts");
              }
              return part;
            });
      }
      join(executor.invokeAll(searches));
      List<Callable<Object>> prepares = new ArrayList<>();
      for (int g = 0; g < search.groups(); g++) {
        int group = g;
        prepares.add(Executors.callable(() -> search.prepare(group)));
      }
      join(executor.invokeAll(prepares));
      int chunks = search.chunks();
      progress.finish();
      if (propose) {
        // The proposals read the detector's index: only once every search task is done.
        List<Callable<List<Conflict>>> all = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
          int chunk = c;
          all.add(() -> search.chunk(chunk));
        }
        List<Conflict> conflicts = new ArrayList<>();
        join(executor.invokeAll(all)).forEach(conflicts::addAll);
        executor.shutdownNow();
        Map<String, Shifts> known = new HashMap<>();
        if (format == Format.TEXT) {
          TextReport.write(conflicts, loader.inventory(), lapses, joint, out);
          TextReport.writeProposals(conflicts, c -> loader.proposals(c, known), out);
          return conflicts.size();
        }
        JsonReport.Stream json =
            JsonReport.open(out, lapses, joint, c -> loader.proposals(c, known));
        for (Conflict conflict : conflicts) {
          json.add(conflict);
        }
        json.finish();
        return json.written();
      }
      if (format == Format.TEXT) {
        List<Callable<List<Conflict>>> all = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
          int chunk = c;
          all.add(() -> search.chunk(chunk));
        }
        List<Conflict> conflicts = new ArrayList<>();
        join(executor.invokeAll(all)).forEach(conflicts::addAll);
        TextReport.write(conflicts, loader.inventory(), lapses, joint, out);
        return conflicts.size();
      }
      // Chunks are made into objects a window at a time, in parallel, and written in order, so
      // that memory holds a few windows of conflicts, never all of them.
      JsonReport.Stream json = JsonReport.open(out, lapses, joint);
      int window = 4 * threads;
      for (int from = 0; from < chunks; from += window) {
        List<Callable<List<Conflict>>> batch = new ArrayList<>();
        for (int c = from; c < Math.min(chunks, from + window); c++) {
          int chunk = c;
          batch.add(() -> search.chunk(chunk));
        }
        for (List<Conflict> chunk : join(executor.invokeAll(batch))) {
          for (Conflict conflict : chunk) {
            json.add(conflict);
          }
        }
      }
      json.finish();
      return json.written();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static <T> List<T> join(List<Future<T>> futures) throws InterruptedException {
    List<T> results = new ArrayList<>(futures.size());
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      }
    }
    return results;
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** The input file or stream could not be read; the message names it and says why. */
  private static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
