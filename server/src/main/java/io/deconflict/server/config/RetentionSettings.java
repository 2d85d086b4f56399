package io.deconflict.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.retention.Retention;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The {@code retention} section of the configuration file: how long what is over stays in memory
 * (see {@code docs/configuration.md}). Absent, {@link Retention#DEFAULT} applies. Stateless.
 */
public final class RetentionSettings {

  private RetentionSettings() {}

  /**
   * The retention the document's {@code retention} section gives.
   *
   * @throws ConfigurationException naming the field at fault
   */
  public static Retention read(JsonNode document) {
    JsonNode section = document.path("retention");
    if (section.isMissingNode() || section.isNull()) {
      return Retention.DEFAULT;
    }
    if (!section.isObject()) {
      throw new ConfigurationException("retention must be an object, got " + section);
    }
    for (var names = section.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!List.of("keep").contains(name)) {
        throw new ConfigurationException("retention." + name + " is not a setting (keep)");
      }
    }
    JsonNode keep = section.path("keep");
    if (keep.isMissingNode()) {
      return Retention.DEFAULT;
    }
    Duration d;
    try {
      d = Duration.parse(keep.isTextual() ? keep.textValue() : "?");
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(
          "retention.keep must be an ISO-8601 duration such as \"PT24H\", got " + keep);
    }
    try {
      return new Retention(d);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("retention.keep: " + e.getMessage());
    }
  }
}
