package io.deconflict.cli.check;

import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.Terminal;
import io.deconflict.cli.VersionProvider;
import io.deconflict.cli.report.Format;
import io.deconflict.cli.report.Inventory;
import io.deconflict.cli.report.JsonReport;
import io.deconflict.cli.report.TextReport;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.geojson.FeatureCollection;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  /** Items handed to the detector per {@link Detector#putAll} call, between progress reports. */
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
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, terminal.interactive(), terminal.nanoTime(), startNanos);
    FeatureCollection input;
    try {
      input = read(progress);
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
    List<Conflict> conflicts = detect(input.items(), progress);
    progress.finish();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case JSON -> JsonReport.write(conflicts, out);
      case TEXT ->
          TextReport.write(
              conflicts, new Inventory(input.movements(), input.sites(), input.zones()), out);
    }
    out.flush();
    return conflicts.isEmpty() ? ExitCodes.OK : ExitCodes.CONFLICTS;
  }

  private FeatureCollection read(Progress progress) throws UnreadableException {
    ReadOptions options = ReadOptions.withSeparation(separationMeters);
    FeatureCollectionReader reader = new FeatureCollectionReader(options);
    if (file.equals(STDIN)) {
      try {
        return reader.read(terminal.stdin(), bytes -> progress.update("reading", bytes, 0, "MiB"));
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
      return reader.read(in, bytes -> progress.update("reading", bytes, size, "MiB"));
    } catch (NoSuchFileException e) {
      throw new UnreadableException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new UnreadableException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new UnreadableException(file + ": " + reason(e), e);
    }
  }

  /**
   * Puts the items into a detector in batches, reporting progress, and returns the conflicts. Ids
   * are unique, so no batch replaces an item and the conflicts that appear batch by batch are all
   * the conflicts, each once.
   */
  private static List<Conflict> detect(List<Item> items, Progress progress) {
    Detector detector = Detectors.indexed();
    List<Conflict> conflicts = new ArrayList<>();
    int total = items.size();
    for (int from = 0; from < total; from += BATCH_SIZE) {
      int to = Math.min(total, from + BATCH_SIZE);
      conflicts.addAll(detector.putAll(items.subList(from, to)).appeared());
      progress.update("checking", to, total, "items");
    }
    conflicts.sort(Conflict.ORDER);
    return conflicts;
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
