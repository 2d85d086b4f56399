package io.deconflict.cli.replay;

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
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.service.Application;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.Viewer;
import io.deconflict.service.party.Party;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code deconflict replay}: prints, in journal order, every fact journaled up to and including a
 * moment whose audience includes one party (or the operators): what that party had been told by
 * then. Facts the party was not told are not printed, nor counted.
 *
 * <p>Reads the whole journal once, checking its hash chain as {@link SqliteJournal#read} does, and
 * holds the selected facts in memory before printing, so that a damaged journal prints nothing on
 * standard output.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints what a party had been told up to a moment: every journaled fact up to and including"
          + " TIME whose audience includes PARTY, in order, then a summary line.",
      "Reads DIR/journal.db, or the journal a configuration file names (on Kafka with a"
          + " journal.kafka section); it may be the journal of a running service."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the facts were printed (possibly none)",
      "2:no or damaged journal, or a bad option; nothing on standard output",
      "3:internal error"
    })
public final class ReplayCommand implements Callable<Integer> {

  /** The value of {@code --as} that selects what the mechanism's operators were told. */
  public static final String OPERATORS = "operators";

  /** How the facts are printed. */
  enum Output {
    /** One JSON object per line, then a {@code {"summary": ...}} line. */
    JSON,
    /** An aligned table for people, then a summary line. */
    TEXT
  }

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The data directory holding journal.db (or --config).")
  private @Nullable Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file: with a journal.kafka section, the journal on Kafka is read;"
              + " without one, DIR/journal.db of its data directory (or --data).")
  private @Nullable Path config;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "PARTY",
      description = "The party id whose view to replay, or " + OPERATORS + ".")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private String party;

  @Option(
      names = "--at",
      required = true,
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description =
          "The moment, an ISO-8601 instant such as 2022-10-08T14:05:00Z; facts journaled at"
              + " exactly this time are included.")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private Instant at;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json (default): one JSON object per line; text: a table for people.")
  private Output format = Output.JSON;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  /** Instantiated by picocli or {@code Main}. */
  public ReplayCommand() {}

  @Override
  public Integer call() {
    if (!party.equals(OPERATORS)) {
      try {
        Party.requireId(party, "--as");
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage() + ", or be " + OPERATORS);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    Path dataDirectory = data;
    Optional<KafkaJournalSettings> kafka = Optional.empty();
    Path configFile = config;
    if (configFile != null) {
      try {
        JsonNode document = Configuration.readDocument(configFile);
        kafka = JournalChoice.kafka(configFile, document);
        if (dataDirectory == null && kafka.isEmpty()) {
          dataDirectory = Configuration.read(configFile, document, Map.of()).dataDirectory();
        }
      } catch (ConfigurationException e) {
        return fail(err, e.getMessage());
      }
    } else if (dataDirectory == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing option: give --data DIR or --config FILE");
    }
    String file;
    if (kafka.isPresent()) {
      file = kafka.get().where();
      try {
        Optional<String> missing = JournalChoice.missingTopic(kafka.get());
        if (missing.isPresent()) {
          return fail(err, missing.get());
        }
      } catch (JournalException e) {
        return fail(err, e.getMessage());
      }
    } else {
      Path dir = Objects.requireNonNull(dataDirectory);
      file = ServiceRuntime.journalFile(dir).toString();
      Optional<String> missing = JournalChoice.missingFile(dir);
      if (missing.isPresent()) {
        return fail(err, missing.get());
      }
    }
    List<Event> told = new ArrayList<>();
    boolean[] namedAnywhere = {false};
    long[] records = {0};
    try (Journal journal =
        kafka.isPresent()
            ? KafkaJournal.open(kafka.get())
            : SqliteJournal.open(
                ServiceRuntime.journalFile(Objects.requireNonNull(dataDirectory)))) {
      journal.read(
          1,
          record -> {
            records[0]++;
            Event event;
            try {
              event = Application.toEvent(record);
            } catch (RuntimeException e) {
              throw new JournalException(
                  "journal "
                      + file
                      + ": record "
                      + record.seq()
                      + " is not a fact: "
                      + e.getMessage(),
                  e);
            }
            if (isTold(event.audience())) {
              namedAnywhere[0] = true;
              if (!event.time().isAfter(at)) {
                told.add(event);
              }
            }
          });
    } catch (JournalException e) {
      return fail(err, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case JSON -> writeJson(told, out);
      case TEXT -> writeText(told, out);
    }
    out.flush();
    if (records[0] > 0 && !namedAnywhere[0] && !party.equals(OPERATORS)) {
      err.println(
          "warning: no fact in "
              + file
              + " is addressed to party \""
              + party
              + "\"; is the id right? Party ids are in the configuration file.");
      err.flush();
    }
    return ExitCodes.OK;
  }

  private boolean isTold(Audience audience) {
    return (party.equals(OPERATORS) ? Viewer.operators() : Viewer.party(party)).told(audience);
  }

  private void writeJson(List<Event> told, PrintWriter out) {
    for (Event e : told) {
      ObjectNode line = Json.object();
      line.put("seq", e.seq()).put("time", e.time().toString()).put("type", e.type());
      line.set("body", e.body());
      out.println(compact(line));
    }
    ObjectNode summary = Json.object();
    ObjectNode inner = summary.putObject("summary");
    inner.put("as", party).put("at", at.toString()).put("facts", told.size());
    ObjectNode types = inner.putObject("types");
    countByType(told).forEach(types::put);
    out.println(compact(summary));
  }

  private void writeText(List<Event> told, PrintWriter out) {
    if (!told.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("SEQ", "TIME", "TYPE", "BODY"));
      for (Event e : told) {
        rows.add(List.of(Long.toString(e.seq()), e.time().toString(), e.type(), compact(e.body())));
      }
      int[] widths = new int[3];
      for (List<String> row : rows) {
        for (int i = 0; i < widths.length; i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      for (List<String> row : rows) {
        StringBuilder line = new StringBuilder();
        line.append(" ".repeat(widths[0] - row.get(0).length())).append(row.get(0)).append("  ");
        for (int i = 1; i < widths.length; i++) {
          line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
        out.println(line.append(row.get(3)));
      }
      out.println();
    }
    out.println(summary(told));
  }

  /**
   * {@code 3 facts told to us up to 2022-10-08T14:05:00Z: 2 movement.notified, 1 alert.raised}, or
   * {@code no fact told to ...} when there is none.
   */
  private String summary(List<Event> told) {
    String who = party.equals(OPERATORS) ? "the operators" : party;
    String head =
        (told.isEmpty() ? "no fact" : told.size() == 1 ? "1 fact" : told.size() + " facts")
            + " told to "
            + who
            + " up to "
            + at;
    if (told.isEmpty()) {
      return head;
    }
    return head
        + ": "
        + countByType(told).entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
  }

  /** How many facts of each type, by type name. */
  private static Map<String, Integer> countByType(List<Event> told) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Event e : told) {
      counts.merge(e.type(), 1, Integer::sum);
    }
    return counts;
  }

  private static String compact(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written: " + e, e);
    }
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("error: " + (message == null ? "unknown failure" : message));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }

  /** Parses {@code --at}: an ISO-8601 date-time with {@code Z} or another offset. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "must be an ISO-8601 instant with an offset, such as 2022-10-08T14:05:00Z, got \""
                + text
                + "\"");
      }
    }
  }
}
