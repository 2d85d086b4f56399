package io.deconflict.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.live.PositionReport;
import io.deconflict.geojson.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a message of the reports topic: the key is the unit's identity {@code party/unit} (UTF-8),
 * the value one position report as JSON, the fields of {@code POST /positions} plus the party:
 * {@code {"party": "blue", "unit": "u-1", "time": "2027-03-01T08:00:00Z", "lon": 40.1, "lat": 36.9,
 * "course": 90, "speed": 12.5, "accuracy": 10}} ({@code course}, {@code speed} and {@code accuracy}
 * optional). The version is the header {@value NotificationDeserializer#VERSION_HEADER} when
 * present (a decimal number), else the offset. A message that is not such a report (no key, not
 * JSON, a field missing or out of range, a key other than {@code party/unit}) is logged with what
 * was wrong and skipped.
 */
final class ReportDeserializer implements KafkaRecordDeserializationSchema<UnitReport> {

  /**
   * Slots per journal record in a report's version: the service writes {@code sequence ×
   * BATCH_SLOTS + place in the batch} (a batch holds at most 20,000 reports).
   */
  static final long BATCH_SLOTS = 1 << 15;

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReportDeserializer.class);

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<UnitReport> out) {
    try {
      long version = record.offset();
      Header header = record.headers().lastHeader(NotificationDeserializer.VERSION_HEADER);
      if (header != null) {
        String text = new String(header.value(), StandardCharsets.UTF_8);
        try {
          version = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "its header "
                  + NotificationDeserializer.VERSION_HEADER
                  + " is not a number: \""
                  + text
                  + "\"",
              e);
        }
      }
      out.collect(parse(record.key(), record.value(), version));
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "report at {}-{} offset {} skipped: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  /**
   * The report a message holds.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static UnitReport parse(byte @Nullable [] key, byte @Nullable [] value, long version) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("it has no key (party/unit)");
    }
    if (value == null) {
      throw new IllegalArgumentException("it has no value (a tombstone)");
    }
    JsonNode json;
    try {
      json = StrictJson.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("its value is not JSON: " + e.getMessage(), e);
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("its value is not a JSON object");
    }
    String party = text(json, "party");
    String unit = text(json, "unit");
    String expected = party + "/" + unit;
    String k = new String(key, StandardCharsets.UTF_8);
    if (!k.equals(expected)) {
      throw new IllegalArgumentException(
          "its key \"" + k + "\" is not party/unit \"" + expected + "\"");
    }
    Instant time;
    try {
      time = Instant.parse(text(json, "time"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "time must be an ISO-8601 instant, got \"" + json.path("time").asText() + "\"", e);
    }
    PositionReport r =
        new PositionReport(
            unit,
            party,
            time,
            number(json, "lon", true),
            number(json, "lat", true),
            number(json, "course", false),
            number(json, "speed", false),
            number(json, "accuracy", false));
    return new UnitReport(
        k,
        version,
        party,
        unit,
        time.toEpochMilli(),
        r.lon(),
        r.lat(),
        r.courseDegrees(),
        r.speedMps(),
        r.accuracyMeters());
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-blank string, got " + v);
    }
    return v.asText();
  }

  private static double number(JsonNode json, String field, boolean required) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is required");
      }
      return Double.NaN;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number, got " + v);
    }
    return v.asDouble();
  }

  @Override
  public TypeInformation<UnitReport> getProducedType() {
    return TypeInformation.of(UnitReport.class);
  }
}
