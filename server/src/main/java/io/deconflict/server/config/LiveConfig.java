package io.deconflict.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.LiveSettings;

/**
 * The configuration's {@code live} object: how live position reports are tracked. Today one member,
 * {@code deadReckoning} ({@code docs/configuration.md}); every field optional, missing ones take
 * {@link LiveSettings.DeadReckoning#DEFAULT}'s values. Stateless.
 */
final class LiveConfig {

  private LiveConfig() {}

  /**
   * The dead reckoning the document configures.
   *
   * @throws IllegalArgumentException naming the field, if a value has the wrong type or range
   */
  static LiveSettings.DeadReckoning deadReckoning(JsonNode root) {
    LiveSettings.DeadReckoning d = LiveSettings.DeadReckoning.DEFAULT;
    JsonNode live = root.path("live");
    if (live.isMissingNode()) {
      return d;
    }
    if (!live.isObject()) {
      throw new IllegalArgumentException("live must be an object");
    }
    JsonNode node = live.path("deadReckoning");
    if (node.isMissingNode()) {
      return d;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("live.deadReckoning must be an object");
    }
    boolean enabled = d.enabled();
    JsonNode on = node.path("enabled");
    if (!on.isMissingNode()) {
      if (!on.isBoolean()) {
        throw new IllegalArgumentException(
            "live.deadReckoning.enabled must be true or false, got " + on);
      }
      enabled = on.booleanValue();
    }
    double position = number(node, "positionMeters", d.positionMeters());
    double speed = number(node, "speedMps", d.speedMps());
    double course = number(node, "courseDegrees", d.courseDegrees());
    try {
      return new LiveSettings.DeadReckoning(enabled, position, speed, course);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("live." + e.getMessage(), e);
    }
  }

  /** Adds {@code live} to a document, unless dead reckoning is the default. */
  static void write(LiveSettings.DeadReckoning d, ObjectNode root) {
    if (d.equals(LiveSettings.DeadReckoning.DEFAULT)) {
      return;
    }
    root.putObject("live")
        .putObject("deadReckoning")
        .put("enabled", d.enabled())
        .put("positionMeters", d.positionMeters())
        .put("speedMps", d.speedMps())
        .put("courseDegrees", d.courseDegrees());
  }

  private static double number(JsonNode node, String field, double fallback) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(
          "live.deadReckoning." + field + " must be a number, got " + v);
    }
    return v.doubleValue();
  }
}
