package io.deconflict.cli.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.VersionProvider;
import io.deconflict.cli.journal.JournalChoice;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.report.BaseMap;
import io.deconflict.report.ReviewPdf;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.Viewer;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.review.IsoWeek;
import io.deconflict.service.review.Reviews;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict review}: the weekly review of an agreement as one party (or the operators) was
 * told of it, read from the journal of the configured service, written as the JSON of {@code GET
 * /api/v1/agreements/{id}/reviews/{week}} ({@link Reviews}: the same code, the same answer); with
 * {@code --pdf FILE} also as the PDF of {@code GET .../reviews/{week}.pdf} ({@link ReviewPdf}).
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes the weekly review of an agreement as JSON: what PARTY (or the operators) was told"
          + " during the ISO week, summed up, with the breaches of the agreement's terms and the"
          + " journal records that prove them (check them with deconflict audit verify).",
      "Reads DIR/journal.db of the configured service, or its journal on Kafka; it may be the"
          + " journal of a running service."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the review was written",
      "2:no journal, a bad option, or an agreement the viewer was never told of; nothing written",
      "3:internal error"
    })
public final class ReviewCommand implements Callable<Integer> {

  /** Whose review: one party's, or the operators'. */
  static final class Whose {
    @Option(
        names = "--party",
        paramLabel = "PARTY",
        description = "The party whose review to write (a party of the agreement).")
    @Nullable String party;

    @Option(
        names = "--operators",
        description = "The operators' review (the default): every party's alerts, late notices.")
    boolean operators;
  }

  @Option(
      names = "--week",
      required = true,
      paramLabel = "WEEK",
      description = "The ISO week, such as 2022-W41 (Monday 00:00 to Monday 00:00 UTC).")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private String week;

  @Option(
      names = "--agreement",
      required = true,
      paramLabel = "ID",
      description = "The agreement's id, such as ag-1.")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private String agreement;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private @Nullable Whose whose;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file (default: ./"
              + Configuration.FILE
              + "): its data directory's journal.db, or its journal on Kafka; members are named"
              + " by their parties as it has them.")
  private @Nullable Path config;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The data directory holding journal.db, instead of the configuration's.")
  private @Nullable Path data;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the JSON (default: standard output, unless --pdf is given).")
  private @Nullable Path out;

  @Option(
      names = "--pdf",
      paramLabel = "FILE",
      description =
          "Also write the review as a PDF for the meeting to FILE: tables, charts and a map on the"
              + " web map's borders and the configuration's map layers (the JSON then goes only to"
              + " --out).")
  private @Nullable Path pdf;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  private final Clock clock;

  /** Instantiated by picocli or {@code Main}. */
  public ReviewCommand() {
    this(Clock.systemUTC());
  }

  /** With the clock that says whether a week without a later record in the journal is over. */
  public ReviewCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    IsoWeek isoWeek;
    try {
      isoWeek = IsoWeek.parse(week);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--week: " + e.getMessage());
    }
    Viewer viewer = viewer();
    Path dataDirectory = data;
    Optional<KafkaJournalSettings> kafka = Optional.empty();
    Function<String, Optional<Member>> members = id -> Optional.empty();
    MapLayers layers = MapLayers.none();
    Path configFile = config;
    if (configFile == null && dataDirectory == null) {
      configFile = Path.of(Configuration.FILE);
    }
    if (configFile != null) {
      try {
        JsonNode document = Configuration.readDocument(configFile);
        kafka = JournalChoice.kafka(configFile, document);
        Configuration c = Configuration.read(configFile, document, Map.of());
        Directory directory = c.directory();
        members = directory::member;
        if (pdf != null) {
          // as serve reads them: relative files against the working directory
          layers = MapLayers.read(document, Path.of(""));
        }
        if (dataDirectory == null) {
          dataDirectory = c.dataDirectory();
        }
      } catch (ConfigurationException e) {
        return fail(err, e.getMessage());
      }
    }
    ObjectNode review;
    try (Journal journal = open(kafka, dataDirectory)) {
      review = new Reviews(journal, members).review(agreement, isoWeek, viewer, clock.instant());
    } catch (NoJournal e) {
      return fail(err, e.getMessage());
    } catch (JournalException e) {
      return fail(err, e.getMessage());
    } catch (ServiceException e) {
      if (e.kind() != ServiceException.Kind.NOT_FOUND) {
        return fail(err, e.getMessage());
      }
      return fail(
          err,
          "agreement "
              + agreement
              + ": not in the journal, or "
              + viewer.name()
              + " was never told of it (need-to-know: a party sees the agreements it is party"
              + " to)");
    }
    Path pdfFile = pdf;
    if (pdfFile != null) {
      BaseMap ground =
          BaseMap.borders()
              .withLayers(layers.layers().stream().map(MapLayers.Layer::geojson).toList());
      try {
        Files.write(pdfFile, ReviewPdf.render(review, ground));
      } catch (IOException e) {
        return fail(err, "cannot write " + pdfFile + ": " + e.getMessage());
      }
      if (out == null) {
        return ExitCodes.OK;
      }
    }
    String text;
    try {
      text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(review);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the review did not write as JSON", e);
    }
    return write(text, err);
  }

  private Viewer viewer() {
    Whose w = whose;
    String party = w == null ? null : w.party;
    if (party == null) {
      return Viewer.operators();
    }
    try {
      Party.requireId(party, "--party");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (party.equals(Party.MECHANISM)) {
      throw new ParameterException(
          spec.commandLine(), "--party " + party + ": give --operators for the operators' review");
    }
    return Viewer.party(party);
  }

  /** The journal could not be found; the message says where it was looked for. */
  private static final class NoJournal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoJournal(String message) {
      super(message);
    }
  }

  private static Journal open(Optional<KafkaJournalSettings> kafka, @Nullable Path dataDirectory) {
    if (kafka.isPresent()) {
      Optional<String> missing = JournalChoice.missingTopic(kafka.get());
      if (missing.isPresent()) {
        throw new NoJournal(missing.get());
      }
      return KafkaJournal.open(kafka.get());
    }
    if (dataDirectory == null) {
      throw new NoJournal("no data directory: give --config FILE or --data DIR");
    }
    Optional<String> missing = JournalChoice.missingFile(dataDirectory);
    if (missing.isPresent()) {
      throw new NoJournal(missing.get());
    }
    return SqliteJournal.open(ServiceRuntime.journalFile(dataDirectory));
  }

  private int write(String text, PrintWriter err) {
    Path file = out;
    if (file == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(text);
      stdout.flush();
      return ExitCodes.OK;
    }
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail(err, "cannot write " + file + ": " + e.getMessage());
    }
    return ExitCodes.OK;
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("error: " + (message == null ? "unknown failure" : message));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
