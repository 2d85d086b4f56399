package io.deconflict.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.limit.MemberLimits;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration file's operational settings, read beside {@link Configuration} from the same
 * document: the per-member limits ({@code limits.requestsPerSecond}, {@code limits.burst}, {@code
 * limits.connectionsPerMember}, {@code limits.takConnectionsPerMember}), the management listener
 * for metrics and health ({@code management.host}, {@code management.port}) and the log levels
 * ({@code logging.level}, {@code logging.levels}; {@code DECONFLICT_LOG_LEVEL} overrides the
 * first). See {@code docs/operations.md}.
 *
 * @param limits the per-member limits
 * @param management where metrics and health are served, if anywhere
 * @param logLevel the level of deconflict's own loggers
 * @param logLevels levels of other loggers by name (a package or class)
 */
public record OperationsSettings(
    MemberLimits.Settings limits,
    Optional<Management> management,
    String logLevel,
    Map<String, String> logLevels) {

  /** The log levels one may name, lower case. */
  public static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

  /** The default level of deconflict's loggers. */
  public static final String DEFAULT_LOG_LEVEL = "info";

  /**
   * The management listener.
   *
   * @param host the address it binds; loopback unless an operator chooses otherwise
   * @param port the TCP port; 0 picks a free one
   */
  public record Management(String host, int port) {

    /** The default port, Prometheus exporters' customary range. */
    public static final int DEFAULT_PORT = 9464;

    /** Checks the port. */
    public Management {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("management.port must be 0..65535, got " + port);
      }
      if (host.isBlank()) {
        throw new IllegalArgumentException("management.host must not be empty");
      }
    }
  }

  /** Copies the map. */
  public OperationsSettings {
    logLevels = Map.copyOf(logLevels);
  }

  /** The defaults: default limits, no management listener, deconflict's loggers at info. */
  public static OperationsSettings defaults() {
    return new OperationsSettings(
        MemberLimits.Settings.DEFAULT, Optional.empty(), DEFAULT_LOG_LEVEL, Map.of());
  }

  /**
   * As {@link #parse}, for the document read from {@code file}.
   *
   * @throws ConfigurationException naming the file and the field at fault
   */
  public static OperationsSettings read(
      java.nio.file.Path file, JsonNode root, Map<String, String> environment) {
    try {
      return parse(root, environment);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads the settings from a configuration document; {@code DECONFLICT_LOG_LEVEL} in {@code
   * environment} wins over {@code logging.level}.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public static OperationsSettings parse(JsonNode root, Map<String, String> environment) {
    MemberLimits.Settings d = MemberLimits.Settings.DEFAULT;
    JsonNode limits = root.path("limits");
    if (!limits.isMissingNode() && !limits.isObject()) {
      throw new IllegalArgumentException("limits must be an object");
    }
    MemberLimits.Settings chosen =
        new MemberLimits.Settings(
            number(limits, "requestsPerSecond", d.requestsPerSecond()),
            integer(limits, "burst", d.burst()),
            integer(limits, "connectionsPerMember", d.connectionsPerMember()),
            integer(limits, "takConnectionsPerMember", d.takConnectionsPerMember()));
    return new OperationsSettings(
        chosen,
        management(root.path("management")),
        logLevel(root.path("logging"), environment),
        logLevels(root.path("logging").path("levels")));
  }

  private static Optional<Management> management(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("management must be an object");
    }
    JsonNode enabled = node.path("enabled");
    if (!enabled.isMissingNode() && !enabled.isBoolean()) {
      throw new IllegalArgumentException("management.enabled must be true or false");
    }
    if (!enabled.asBoolean(true)) {
      return Optional.empty();
    }
    JsonNode host = node.path("host");
    if (!host.isMissingNode() && !host.isTextual()) {
      throw new IllegalArgumentException("management.host must be a string");
    }
    JsonNode port = node.path("port");
    if (!port.isMissingNode() && !port.canConvertToInt()) {
      throw new IllegalArgumentException("management.port must be an integer");
    }
    return Optional.of(
        new Management(
            host.isMissingNode() ? Configuration.DEFAULT_HOST : host.textValue(),
            port.asInt(Management.DEFAULT_PORT)));
  }

  private static String logLevel(JsonNode logging, Map<String, String> environment) {
    if (!logging.isMissingNode() && !logging.isObject()) {
      throw new IllegalArgumentException("logging must be an object");
    }
    String env = environment.get("DECONFLICT_LOG_LEVEL");
    if (env != null && !env.isBlank()) {
      return level(env, "DECONFLICT_LOG_LEVEL");
    }
    JsonNode level = logging.path("level");
    if (level.isMissingNode()) {
      return DEFAULT_LOG_LEVEL;
    }
    if (!level.isTextual()) {
      throw new IllegalArgumentException("logging.level must be a string");
    }
    return level(level.textValue(), "logging.level");
  }

  private static Map<String, String> logLevels(JsonNode levels) {
    if (levels.isMissingNode()) {
      return Map.of();
    }
    if (!levels.isObject()) {
      throw new IllegalArgumentException(
          "logging.levels must be an object of logger name to level");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : levels.properties()) {
      String where = "logging.levels." + e.getKey();
      if (e.getKey().isBlank()) {
        throw new IllegalArgumentException("logging.levels: a logger name must not be empty");
      }
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(where + " must be a string");
      }
      out.put(e.getKey(), level(e.getValue().textValue(), where));
    }
    return out;
  }

  private static String level(String value, String where) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(v)) {
      throw new IllegalArgumentException(
          where + " must be one of trace, debug, info, warn, error, off, got \"" + value + "\"");
    }
    return v;
  }

  private static double number(JsonNode node, String field, double fallback) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("limits." + field + " must be a number");
    }
    return v.doubleValue();
  }

  private static int integer(JsonNode node, String field, int fallback) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("limits." + field + " must be an integer");
    }
    return v.intValue();
  }
}
