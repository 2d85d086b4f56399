package io.deconflict.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The {@code snapshots} section of the configuration file: when the service snapshots its state
 * into the journal (see {@code docs/configuration.md}). Absent, the defaults of {@link
 * SnapshotPolicy#DEFAULT} apply. Stateless.
 */
public final class SnapshotSettings {

  private SnapshotSettings() {}

  /**
   * The policy the document's {@code snapshots} section gives.
   *
   * @throws ConfigurationException naming the field at fault
   */
  public static SnapshotPolicy read(JsonNode document) {
    JsonNode section = document.path("snapshots");
    if (section.isMissingNode() || section.isNull()) {
      return SnapshotPolicy.DEFAULT;
    }
    if (!section.isObject()) {
      throw new ConfigurationException("snapshots must be an object");
    }
    for (var names = section.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!java.util.List.of("everyRecords", "everyEventTime", "keep", "onClose").contains(name)) {
        throw new ConfigurationException(
            "snapshots."
                + name
                + " is not a setting (everyRecords, everyEventTime, keep, onClose)");
      }
    }
    SnapshotPolicy d = SnapshotPolicy.DEFAULT;
    long everyRecords = d.everyRecords();
    JsonNode records = section.path("everyRecords");
    if (!records.isMissingNode()) {
      if (!records.canConvertToLong() || !records.isIntegralNumber() || records.asLong() < 0) {
        throw new ConfigurationException(
            "snapshots.everyRecords must be an integer 0 or more (0: no count), got " + records);
      }
      everyRecords = records.asLong();
    }
    Duration everyEventTime = d.everyEventTime();
    JsonNode time = section.path("everyEventTime");
    if (!time.isMissingNode()) {
      try {
        everyEventTime = Duration.parse(time.isTextual() ? time.textValue() : "?");
      } catch (DateTimeParseException e) {
        throw new ConfigurationException(
            "snapshots.everyEventTime must be an ISO-8601 duration such as \"PT1H\" (\"PT0S\":"
                + " no time criterion), got "
                + time);
      }
      if (everyEventTime.isNegative()) {
        throw new ConfigurationException(
            "snapshots.everyEventTime must not be negative, got " + time);
      }
    }
    int keep = d.keep();
    JsonNode keepNode = section.path("keep");
    if (!keepNode.isMissingNode()) {
      if (!keepNode.isIntegralNumber() || keepNode.asLong() < 1 || keepNode.asLong() > 100) {
        throw new ConfigurationException(
            "snapshots.keep must be an integer 1..100, got " + keepNode);
      }
      keep = keepNode.asInt();
    }
    boolean onClose = d.onClose();
    JsonNode close = section.path("onClose");
    if (!close.isMissingNode()) {
      if (!close.isBoolean()) {
        throw new ConfigurationException("snapshots.onClose must be true or false, got " + close);
      }
      onClose = close.booleanValue();
    }
    return new SnapshotPolicy(everyRecords, everyEventTime, keep, onClose);
  }
}
