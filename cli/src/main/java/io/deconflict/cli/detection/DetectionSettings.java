package io.deconflict.cli.detection;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.config.ConfigurationException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code detection} section of the configuration (docs/configuration.md): {@code "mode":
 * "embedded"} (the default: the detector runs in this process) or {@code "flink"} (the detection
 * job's conflicts, D32), with the job's two topics on the journal's Kafka.
 *
 * @param notificationsTopic the job's input: the service publishes every accepted notification and
 *     withdrawal there
 * @param conflictsTopic the job's output, which the service reads
 * @param partitions the partitions the notifications topic is created with if absent (the job's
 *     source parallelism at most)
 * @param reportsTopic the job's live input, if it runs one: the service publishes every accepted
 *     position report there (D38); the service's own tracker still raises the tactical alerts
 */
public record DetectionSettings(
    String notificationsTopic,
    String conflictsTopic,
    int partitions,
    Optional<String> reportsTopic) {

  /** The default input topic, as the job's {@code --notifications-topic}. */
  public static final String DEFAULT_NOTIFICATIONS_TOPIC = "deconflict-notifications";

  /** The default output topic, as the job's {@code --conflicts-topic}. */
  public static final String DEFAULT_CONFLICTS_TOPIC = "deconflict-conflicts";

  private static final List<String> FIELDS =
      List.of("mode", "notificationsTopic", "conflictsTopic", "partitions", "reportsTopic");

  /** Checks the fields. */
  public DetectionSettings {
    if (notificationsTopic.isBlank() || conflictsTopic.isBlank()) {
      throw new IllegalArgumentException("the topics must be non-empty");
    }
    if (notificationsTopic.equals(conflictsTopic)) {
      throw new IllegalArgumentException(
          "notificationsTopic and conflictsTopic must differ, both are " + notificationsTopic);
    }
    if (reportsTopic.isPresent()
        && (reportsTopic.get().isBlank()
            || reportsTopic.get().equals(notificationsTopic)
            || reportsTopic.get().equals(conflictsTopic))) {
      throw new IllegalArgumentException(
          "reportsTopic must be non-empty and differ from the other two, got "
              + reportsTopic.get());
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be 1 or more, got " + partitions);
    }
  }

  /**
   * The detection job's settings the document's {@code detection} section asks for, or empty for
   * the embedded detector (no section, or {@code "mode": "embedded"}).
   *
   * @param journalOnKafka whether the document has a {@code journal.kafka} section, which the
   *     {@code flink} mode needs (its topics live on the journal's Kafka)
   * @throws ConfigurationException naming the file and the field at fault
   */
  public static Optional<DetectionSettings> read(
      Path file, JsonNode document, boolean journalOnKafka) {
    JsonNode section = document.path("detection");
    if (section.isMissingNode()) {
      return Optional.empty();
    }
    if (!section.isObject()) {
      throw new ConfigurationException(file + ": detection must be an object");
    }
    for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new ConfigurationException(
            file + ": detection." + name + " is not a setting (" + String.join(", ", FIELDS) + ")");
      }
    }
    JsonNode mode = section.path("mode");
    if (!mode.isMissingNode() && !mode.isTextual()) {
      throw new ConfigurationException(
          file + ": detection.mode must be \"embedded\" or \"flink\", got " + mode);
    }
    String chosen = mode.isMissingNode() ? "embedded" : mode.textValue();
    if (chosen.equals("embedded")) {
      return Optional.empty();
    }
    if (!chosen.equals("flink")) {
      throw new ConfigurationException(
          file + ": detection.mode must be \"embedded\" or \"flink\", got \"" + chosen + "\"");
    }
    if (!journalOnKafka) {
      throw new ConfigurationException(
          file
              + ": detection.mode \"flink\" needs a journal.kafka section (the job's topics live on"
              + " the journal's Kafka)");
    }
    JsonNode partitions = section.path("partitions");
    if (!partitions.isMissingNode()
        && (!partitions.isIntegralNumber()
            || partitions.asInt() < 1
            || partitions.asInt() > 10_000)) {
      throw new ConfigurationException(
          file + ": detection.partitions must be an integer from 1 to 10000, got " + partitions);
    }
    try {
      return Optional.of(
          new DetectionSettings(
              text(file, section, "notificationsTopic", DEFAULT_NOTIFICATIONS_TOPIC),
              text(file, section, "conflictsTopic", DEFAULT_CONFLICTS_TOPIC),
              partitions.isMissingNode() ? 1 : partitions.asInt(),
              section.has("reportsTopic")
                  ? Optional.of(text(file, section, "reportsTopic", ""))
                  : Optional.empty()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(file + ": detection: " + e.getMessage());
    }
  }

  private static String text(Path file, JsonNode section, String field, String absent) {
    JsonNode value = section.path(field);
    if (value.isMissingNode()) {
      return absent;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new ConfigurationException(
          file + ": detection." + field + " must be a non-empty string, got " + value);
    }
    return value.textValue();
  }
}
