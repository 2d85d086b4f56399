package io.deconflict.cli.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.journal.Journal;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.service.ServiceRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal the configuration file chooses (see {@code docs/configuration.md}): without a {@code
 * journal} section, the embedded SQLite file {@code DATA/journal.db}; with {@code journal.kafka}, a
 * topic on Kafka. The one place the commands ({@code serve}, {@code audit verify}, {@code replay})
 * learn which; Kafka's client is loaded only when a {@code journal.kafka} section asks for it.
 * Stateless.
 */
public final class JournalChoice {

  private static final List<String> KAFKA_FIELDS =
      List.of(
          "bootstrapServers",
          "topic",
          "transactionalId",
          "replicationFactor",
          "topicConfig",
          "properties",
          "timeout",
          "followEvery");

  private JournalChoice() {}

  /**
   * The Kafka journal the document's {@code journal.kafka} section describes, or empty when the
   * document has no {@code journal} section (the embedded journal).
   *
   * @throws ConfigurationException naming the file and the field at fault
   */
  public static Optional<KafkaJournalSettings> kafka(Path file, JsonNode document) {
    try {
      return kafka(document);
    } catch (IllegalArgumentException | ConfigurationException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
  }

  /**
   * Why there is no embedded journal to read in {@code dataDirectory}, as the commands that read
   * one ({@code audit verify}, {@code replay}, {@code review}) say it: the directory, or the file
   * in it, that does not exist. Empty when {@code DATA/journal.db} is a file.
   */
  public static Optional<String> missingFile(Path dataDirectory) {
    Path file = ServiceRuntime.journalFile(dataDirectory);
    if (Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(
        Files.isDirectory(dataDirectory)
            ? "no journal in " + dataDirectory + ": " + file + " does not exist"
            : "the data directory " + dataDirectory + " does not exist");
  }

  /**
   * Why there is no journal to read on Kafka, as the commands that read one say it: the topic does
   * not exist. Empty when it exists.
   *
   * @throws io.deconflict.journal.JournalException if Kafka cannot be asked
   */
  public static Optional<String> missingTopic(KafkaJournalSettings settings) {
    return KafkaJournal.exists(settings)
        ? Optional.empty()
        : Optional.of("no journal at " + settings.where() + ": the topic does not exist");
  }

  /**
   * Opens the Kafka journal the settings describe.
   *
   * @throws io.deconflict.journal.JournalException if it cannot be opened
   */
  public static Journal open(KafkaJournalSettings settings) {
    return KafkaJournal.open(settings);
  }

  /**
   * Opens the Kafka journal the settings describe for a service node whose data directory is {@code
   * dataDirectory}: its snapshots are kept there, in {@link ServiceRuntime#SNAPSHOTS_FILE} (D40),
   * created with the directory if absent.
   *
   * @throws io.deconflict.journal.JournalException if it cannot be opened
   * @throws UncheckedIOException if the data directory cannot be created
   */
  public static Journal open(KafkaJournalSettings settings, Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + dataDirectory + ": " + e, e);
    }
    return KafkaJournal.open(
        settings, SqliteSnapshots.inFile(ServiceRuntime.snapshotsFile(dataDirectory)));
  }

  private static Optional<KafkaJournalSettings> kafka(JsonNode document) {
    JsonNode journal = document.path("journal");
    if (journal.isMissingNode() || journal.isNull()) {
      return Optional.empty();
    }
    if (!journal.isObject()) {
      throw new ConfigurationException("journal must be an object");
    }
    for (Iterator<String> names = journal.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("kafka")) {
        throw new ConfigurationException(
            "journal." + name + " is not a journal (kafka; without a journal section, SQLite)");
      }
    }
    JsonNode kafka = journal.path("kafka");
    if (!kafka.isObject()) {
      throw new ConfigurationException("journal.kafka must be an object");
    }
    for (Iterator<String> names = kafka.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KAFKA_FIELDS.contains(name)) {
        throw new ConfigurationException(
            "journal.kafka."
                + name
                + " is not a setting ("
                + String.join(", ", KAFKA_FIELDS)
                + ")");
      }
    }
    String topic = text(kafka, "topic");
    short replicationFactor = -1;
    JsonNode factor = kafka.path("replicationFactor");
    if (!factor.isMissingNode()) {
      if (!factor.isIntegralNumber() || factor.asInt() < 1 || factor.asInt() > Short.MAX_VALUE) {
        throw new ConfigurationException(
            "journal.kafka.replicationFactor must be an integer 1 or more, got " + factor);
      }
      replicationFactor = (short) factor.asInt();
    }
    Duration timeout = duration(kafka, "timeout", "PT30S", KafkaJournalSettings.DEFAULT_TIMEOUT);
    Duration followEvery =
        duration(kafka, "followEvery", "PT0.1S", KafkaJournalSettings.DEFAULT_FOLLOW_EVERY);
    try {
      return Optional.of(
          new KafkaJournalSettings(
              text(kafka, "bootstrapServers"),
              topic,
              kafka.has("transactionalId")
                  ? text(kafka, "transactionalId")
                  : KafkaJournalSettings.defaultTransactionalId(topic),
              replicationFactor,
              strings(kafka, "topicConfig"),
              strings(kafka, "properties"),
              timeout,
              followEvery));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("journal.kafka." + e.getMessage());
    }
  }

  private static Duration duration(JsonNode kafka, String field, String example, Duration absent) {
    JsonNode node = kafka.path(field);
    if (node.isMissingNode()) {
      return absent;
    }
    try {
      return Duration.parse(node.isTextual() ? node.textValue() : "?");
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(
          "journal.kafka."
              + field
              + " must be an ISO-8601 duration such as \""
              + example
              + "\", got "
              + node);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new ConfigurationException(
          "journal.kafka." + field + " is required and must be a non-empty string");
    }
    return value.textValue();
  }

  /** An object of strings (numbers and booleans are taken as their text), as Kafka reads them. */
  private static Map<String, String> strings(JsonNode node, String field) {
    JsonNode value = node.path(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (value.isMissingNode()) {
      return out;
    }
    if (!value.isObject()) {
      throw new ConfigurationException("journal.kafka." + field + " must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw new ConfigurationException(
            "journal.kafka."
                + field
                + "."
                + e.getKey()
                + " must be a string, a number or a boolean, got "
                + v);
      }
      out.put(e.getKey(), v.asText());
    }
    return out;
  }
}
